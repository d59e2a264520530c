using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Engine.Scripting.Functions;

/// <summary>
/// The RainerScript functions by name. rsyslog 8.2302's built-ins (rainerscript.c functions[]) with its argument
/// counts, plus toupper() from later versions. Names are matched case-insensitively (rsyslog matches them
/// exactly; accepting STRLEN() is a superset). Functions of modules Sluice does not have, of later rsyslog versions
/// and those needing objects Sluice does not build yet are known, so that the error says so.
/// </summary>
public static class FunctionRegistry
{
    private static readonly Dictionary<string, FunctionDefinition> Functions = Build();

    public static FunctionDefinition? Find(string name) => Functions.TryGetValue(name, out var f) ? f : null;

    /// <summary>The functions that can be used (for "did you mean").</summary>
    public static IEnumerable<string> SupportedNames => Functions.Values.Where(static f => f.NotSupported is null).Select(static f => f.Name);

    private static Dictionary<string, FunctionDefinition> Build()
    {
        var all = new Dictionary<string, FunctionDefinition>(StringComparer.OrdinalIgnoreCase);
        void Add(string name, int min, int max, Func<FunctionCallSite, Expr> create) => all.Add(name, new FunctionDefinition(name, min, max, create));
        void Refuse(string name, string reason) => all.Add(name, new FunctionDefinition(name, reason));

        Add("strlen", 1, 1, static c => new StrlenFunction(c.Arguments[0]));
        Add("getenv", 1, 1, GetenvFunction.Create);
        Add("num2ipv4", 1, 1, static c => new Num2Ipv4Function(c.Arguments[0]));
        Add("int2hex", 1, 1, static c => new Int2HexFunction(c.Arguments[0]));
        Add("substring", 3, 3, static c => new SubstringFunction(c.Arguments[0], c.Arguments[1], c.Arguments[2]));
        Add("ltrim", 1, 1, static c => new TrimFunction(c.Arguments[0], left: true));
        Add("rtrim", 1, 1, static c => new TrimFunction(c.Arguments[0], left: false));
        Add("tolower", 1, 1, static c => new CaseFunction(c.Arguments[0], upper: false));
        Add("toupper", 1, 1, static c => new CaseFunction(c.Arguments[0], upper: true));
        Add("cstr", 1, 1, static c => new CstrFunction(c.Arguments[0]));
        Add("cnum", 1, 1, CnumFunction.Create);
        Add("ip42num", 1, 1, static c => new Ipv42NumFunction(c.Arguments[0]));
        Add("ipv42num", 1, 1, static c => new Ipv42NumFunction(c.Arguments[0]));
        Add("re_match", 2, 2, static c => RegexFunctions.CreateMatch(c, ignoreCase: false));
        Add("re_match_i", 2, 2, static c => RegexFunctions.CreateMatch(c, ignoreCase: true));
        Add("re_extract", 5, 5, static c => RegexFunctions.CreateExtract(c, ignoreCase: false));
        Add("re_extract_i", 5, 5, static c => RegexFunctions.CreateExtract(c, ignoreCase: true));
        Add("field", 3, 3, static c => new FieldFunction(c.Arguments[0], c.Arguments[1], c.Arguments[2]));
        Add("exec_template", 1, 1, ExecTemplateFunction.Create);
        Add("prifilt", 1, 1, PrifiltFunction.Create);
        Add("replace", 3, 3, static c => new ReplaceFunction(c.Arguments[0], c.Arguments[1], c.Arguments[2]));
        Add("wrap", 2, 3, static c => new WrapFunction(c.Arguments[0], c.Arguments[1], c.Arguments.Length == 3 ? c.Arguments[2] : null));
        Add("random", 1, 1, static c => new RandomFunction(c.Arguments[0]));
        Add("format_time", 2, 2, static c => new FormatTimeFunction(c.Arguments[0], c.Arguments[1]));
        Add("parse_time", 1, 1, static c => new ParseTimeFunction(c.Arguments[0]));
        Add("is_time", 1, 2, static c => new IsTimeFunction(c.Arguments[0], c.Arguments.Length == 2 ? c.Arguments[1] : null));
        Add("parse_json", 2, 2, static c => new ParseJsonFunction(c.Arguments[0], c.Arguments[1]));
        Add("get_property", 2, 2, static c => new GetPropertyFunction(c.Arguments[0], c.Arguments[1], c.Arguments[0] is StringConstant));
        Add("script_error", 0, 0, static _ => new ScriptErrorFunction());
        Add("previous_action_suspended", 0, 0, static _ => new PreviousActionSuspendedFunction());
        Add("lookup", 2, 2, LookupFunction.Create);

        Refuse("dyn_inc", "dyn_inc() is not supported yet: dynamic statistics (dyn_stats()) are not built yet");
        Refuse("percentile_observe", "percentile_observe() is not supported yet: percentile statistics (percentile_stats()) are not built yet");
        Refuse("http_request", "http_request() comes from rsyslog's fmhttp module, which Sluice does not provide");
        foreach (string name in new[] { "hash32", "hash64", "hash32mod", "hash64mod" })
            Refuse(name, $"{name}() comes from rsyslog's fmhash module, which is not supported yet");
        Refuse("unflatten", "unflatten() comes from rsyslog's fmunflatten module, which is not supported yet");
        Refuse("ffaup", "ffaup() comes from rsyslog's ffaup module, which is not supported yet");
        foreach (string name in new[] { "cbool", "b64_decode", "split", "is_in_subnet", "append_json", "tocef", "cef_ext_escape", "parse_time_localtz" })
            Refuse(name, $"{name}() is not supported yet (it is not in rsyslog 8.2302 either; later versions added it)");
        return all;
    }
}
