using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Regex;
using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Engine.Scripting.Functions;

/// <summary>
/// re_match / re_match_i / re_extract / re_extract_i: POSIX extended regular expressions compiled by glibc, as
/// rsyslog compiles them (regcomp with REG_EXTENDED, plus REG_ICASE for the _i forms). The pattern must be a string
/// literal; it is compiled once, at config time.
/// </summary>
internal static class RegexFunctions
{
    public static Expr CreateMatch(FunctionCallSite call, bool ignoreCase) =>
        Compile(call, ignoreCase) is { } regex ? new ReMatch(call.Arguments[0], regex) : new NumberConstant(0);

    public static Expr CreateExtract(FunctionCallSite call, bool ignoreCase) =>
        Compile(call, ignoreCase) is { } regex
            ? new ReExtract(call.Arguments[0], regex, call.Arguments[2], call.Arguments[3], call.Arguments[4])
            : new NumberConstant(0);

    private static PosixRegex? Compile(FunctionCallSite call, bool ignoreCase)
    {
        if (call.ConstantString(1) is not { } pattern)
        {
            call.Error("param 2 of re_match/extract() must be a constant string");
            return null;
        }
        string text = Encoding.UTF8.GetString(pattern);
        try
        {
            return PosixRegex.Compile(text, RegexSyntax.Extended, ignoreCase);
        }
        catch (RegexCompileException e)
        {
            call.Error($"cannot compile regex '{text}': {e.Reason}");
            return null;
        }
    }

    /// <summary>re_match(s, re): 1 when the regex matches anywhere in s.</summary>
    private sealed class ReMatch(Expr subject, PosixRegex regex) : Expr
    {
        public override ScriptValue Evaluate(Message message, EvaluationContext context) =>
            ScriptValue.FromBool(regex.IsMatch(FunctionText.CStringArgument(subject, message, context)));
    }

    /// <summary>
    /// re_extract(s, re, match, submatch, nomatch): group <c>submatch</c> (0 = the whole match) of match number
    /// <c>match</c> (0-based; each next search starts where the previous match ended, as a new string, so '^' matches
    /// there again). When there is no such match, or the group did not take part, or submatch is 50 or more, the
    /// value of <c>nomatch</c> (evaluated only then).
    /// </summary>
    private sealed class ReExtract(Expr subject, PosixRegex regex, Expr match, Expr submatch, Expr noMatch) : Expr
    {
        /// <summary>rsyslog's regmatch_t pmatch[50].</summary>
        private const int MaxGroups = 50;

        public override ScriptValue Evaluate(Message message, EvaluationContext context)
        {
            var s = FunctionText.CStringArgument(subject, message, context);
            short wanted = unchecked((short)ScriptConvert.ToNumber(match.Evaluate(message, context)));
            ulong group = unchecked((ulong)ScriptConvert.ToNumber(submatch.Evaluate(message, context)));
            if (group < MaxGroups && Find(s, wanted, (int)group, out var found)) return ScriptValue.FromString(found);
            return ScriptValue.FromString(ScriptConvert.ToText(noMatch.Evaluate(message, context), context));
        }

        private bool Find(ReadOnlySpan<byte> s, short wanted, int group, out ReadOnlySpan<byte> found)
        {
            found = default;
            Span<RegexGroup> groups = stackalloc RegexGroup[group + 1];
            int offset = 0;
            short attempt = 0;
            while (true)
            {
                if (!regex.Match(s[offset..], groups) || groups[0].Start < 0) return false;
                if (attempt == wanted) break;
                offset += groups[0].End;
                attempt++;
            }
            var g = groups[group];
            if (g.Start < 0) return false;
            found = s.Slice(offset + g.Start, g.Length);
            return true;
        }
    }
}
