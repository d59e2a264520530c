using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Engine.Scripting.Functions;

/// <summary>
/// parse_json(text, "$!path"): parses text (json-c's rules, see <see cref="JsonReader"/>) and adds the value at the
/// container as set does (without reset: an object lands merged into the tree's root when the member exists). The
/// container may be written with or without '$'; one that is not a $!, $. or $/ variable stores nothing. Returns 0, or
/// 1 (and script_error() 1) when the text is not JSON.
/// </summary>
internal sealed class ParseJsonFunction : Expr
{
    private readonly Expr _text;
    private readonly Expr _container;
    private readonly VariablePath? _constantPath;
    private readonly bool _isConstant;

    public ParseJsonFunction(Expr text, Expr container)
    {
        _text = text;
        _container = container;
        if (container is StringConstant s)
        {
            _isConstant = true;
            _constantPath = Path(FunctionText.CString(s.Value));
        }
    }

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var text = FunctionText.CStringArgument(_text, message, context);
        var path = _isConstant ? _constantPath : Path(FunctionText.CStringArgument(_container, message, context));
        var pool = path is { Scope: not VariableScope.Global } ? message.GetOrCreateVariables().Pool : context.Nodes;
        var parsed = JsonReader.Parse(text, pool);
        if (parsed is null)
        {
            context.ScriptError = 1;
            return ScriptValue.FromNumber(1);
        }
        context.ScriptError = 0;
        if (path is null) pool.Return(parsed);
        else VariableStore.StoreParsed(message, context, path, parsed, pool);
        return ScriptValue.FromNumber(0);
    }

    private static VariablePath? Path(ReadOnlySpan<byte> container)
    {
        if (container.Length > 0 && container[0] == '$') container = container[1..];
        return VariablePath.TryParse(Encoding.UTF8.GetString(container));
    }
}

/// <summary>
/// get_property(value, key): a member of an object (key "" is the object itself), an element of an array (index
/// 0..7 only — rsyslog compares with sizeof(size_t)), a JSON number as a number; a string or number value comes
/// back as it is. A missing member, a bad index or a string literal as first argument give "" and script_error() 1.
/// </summary>
internal sealed class GetPropertyFunction(Expr value, Expr key, bool literal) : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        if (literal)
        {
            context.ScriptError = 1;
            return ScriptValue.Empty;
        }
        var v = value.Evaluate(message, context);
        var k = key.Evaluate(message, context);
        context.ScriptError = 0;
        switch (v.Kind)
        {
            case ScriptValueKind.String: return v;
            case ScriptValueKind.Number: return ScriptValue.Empty;
        }
        var json = v.Json!;
        switch (json.Kind)
        {
            case JsonKind.Object:
                var name = FunctionText.CString(ScriptConvert.ToText(k, context));
                if (name.IsEmpty) return v;
                var member = json.Member(name);
                if (member is null) return Invalid(context);
                return ScriptValue.FromNode(member);
            case JsonKind.Array:
                long index = ScriptConvert.ToNumber(k, out bool complete);
                if (!complete || index < 0 || index >= sizeof(ulong)) return Invalid(context);
                return ScriptValue.FromNode(json.Element(index));
            default:
                return ScriptValue.FromNumber(json.ToInt64());
        }
    }

    private static ScriptValue Invalid(EvaluationContext context)
    {
        context.ScriptError = 1;
        return ScriptValue.Empty;
    }
}
