using Sluice.Engine.Messages;
using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Engine.Scripting.Functions;

/// <summary>strlen(s): the length in bytes.</summary>
internal sealed class StrlenFunction(Expr arg) : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context) =>
        ScriptValue.FromNumber(ScriptConvert.ToText(arg.Evaluate(message, context), context).Length);
}

/// <summary>
/// tolower(s) / toupper(s): ASCII letters only (C locale), like es_tolower. toupper is not in rsyslog 8.2302 (newer
/// versions have it); Sluice accepts it.
/// </summary>
internal sealed class CaseFunction(Expr arg, bool upper) : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var s = ScriptConvert.ToText(arg.Evaluate(message, context), context);
        int mark = context.Scratch.Length;
        var dest = context.Scratch.GetSpan(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            byte c = s[i];
            dest[i] = upper ? (c is >= (byte)'a' and <= (byte)'z' ? (byte)(c - 32) : c) : ScriptConvert.Lower(c);
        }
        context.Scratch.Advance(s.Length);
        return FunctionText.Result(context, mark);
    }
}

/// <summary>cstr(x): x as a string.</summary>
internal sealed class CstrFunction(Expr arg) : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context) =>
        ScriptValue.FromString(ScriptConvert.ToText(arg.Evaluate(message, context), context));
}

/// <summary>
/// cnum(x): x as a number. A string literal argument is converted at config time with es_str2num (hex and octal
/// accepted: cnum("0x1f") is 31), anything else at run time with str2num (leading decimal digits).
/// </summary>
internal static class CnumFunction
{
    public static Expr Create(FunctionCallSite call) => call.Arguments[0] switch
    {
        NumberConstant n => n,
        StringConstant s => new NumberConstant(ScriptConvert.ConstantToNumber(s.Value)),
        var arg => new RuntimeCnum(arg),
    };

    private sealed class RuntimeCnum(Expr arg) : Expr
    {
        public override ScriptValue Evaluate(Message message, EvaluationContext context) =>
            ScriptValue.FromNumber(ScriptConvert.ToNumber(arg.Evaluate(message, context)));
    }
}

/// <summary>ltrim(s) / rtrim(s): remove leading / trailing spaces (only ' ').</summary>
internal sealed class TrimFunction(Expr arg, bool left) : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var s = FunctionText.CStringArgument(arg, message, context);
        return ScriptValue.FromString(left ? s.TrimStart((byte)' ') : s.TrimEnd((byte)' '));
    }
}

/// <summary>
/// substring(s, start, length): start is 0-based; a length beyond the end stops at the end; a negative length
/// leaves that many characters off the whole string's end (substring("abc", 0, -1) is "ab"). A negative start
/// crashes rsyslogd 8.2302; here it gives "".
/// </summary>
internal sealed class SubstringFunction(Expr text, Expr start, Expr length) : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var s = ScriptConvert.ToText(text.Evaluate(message, context), context);
        int from = unchecked((int)ScriptConvert.ToNumber(start.Evaluate(message, context)));
        int count = unchecked((int)ScriptConvert.ToNumber(length.Evaluate(message, context)));
        if (count < 0) count = s.Length + count;
        if (from < 0 || from >= s.Length || count <= 0) return ScriptValue.Empty;
        return ScriptValue.FromString(s.Slice(from, Math.Min(count, s.Length - from)));
    }
}

/// <summary>
/// replace(s, find, with): every non-overlapping occurrence, left to right. An empty <c>find</c> inserts
/// <c>with</c> before every byte and at the end (replace("abc", "", "x") is "xaxbxcx"), as rsyslog's loop does.
/// </summary>
internal sealed class ReplaceFunction(Expr text, Expr find, Expr with) : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var s = ScriptConvert.ToText(text.Evaluate(message, context), context);
        var f = ScriptConvert.ToText(find.Evaluate(message, context), context);
        var w = ScriptConvert.ToText(with.Evaluate(message, context), context);
        int mark = context.Scratch.Length;
        Replace(context, s, f, w);
        return FunctionText.Result(context, mark);
    }

    internal static void Replace(EvaluationContext context, ReadOnlySpan<byte> s, ReadOnlySpan<byte> find, ReadOnlySpan<byte> with)
    {
        var dest = context.Scratch;
        if (find.IsEmpty)
        {
            dest.Append(with);
            for (int i = 0; i < s.Length; i++)
            {
                dest.Append(s[i]);
                dest.Append(with);
            }
            return;
        }
        while (true)
        {
            int at = s.IndexOf(find);
            if (at < 0)
            {
                dest.Append(s);
                return;
            }
            dest.Append(s[..at]);
            dest.Append(with);
            s = s[(at + find.Length)..];
        }
    }
}

/// <summary>wrap(s, wrapper[, escape]): wrapper + s + wrapper, with wrapper inside s replaced by escape first.</summary>
internal sealed class WrapFunction(Expr text, Expr wrapper, Expr? escape) : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var s = ScriptConvert.ToText(text.Evaluate(message, context), context);
        var w = ScriptConvert.ToText(wrapper.Evaluate(message, context), context);
        if (escape is not null)
        {
            var e = ScriptConvert.ToText(escape.Evaluate(message, context), context);
            int escaped = context.Scratch.Length;
            ReplaceFunction.Replace(context, s, w, e);
            s = context.Since(escaped);
        }
        int mark = context.Scratch.Length;
        context.Scratch.Append(w);
        context.Scratch.Append(s);
        context.Scratch.Append(w);
        return FunctionText.Result(context, mark);
    }
}

/// <summary>
/// field(s, delimiter, n): the n-th field (1-based). A string delimiter may be several characters (an empty one
/// makes every field empty); a number is a character code (32 is SP). A missing field is
/// "***FIELD NOT FOUND***", as in rsyslog.
/// </summary>
internal sealed class FieldFunction(Expr text, Expr delimiter, Expr number) : Expr
{
    private static readonly byte[] NotFound = "***FIELD NOT FOUND***"u8.ToArray();

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var s = FunctionText.CStringArgument(text, message, context);
        var d = delimiter.Evaluate(message, context);
        int n = unchecked((int)ScriptConvert.ToNumber(number.Evaluate(message, context)));
        bool found = d.Kind == ScriptValueKind.String
            ? ByString(s, FunctionText.CString(d.Text), n, out var field)
            : ByChar(s, unchecked((byte)ScriptConvert.ToNumber(d)), n, out field);
        return ScriptValue.FromString(found ? field : NotFound);
    }

    private static bool ByChar(ReadOnlySpan<byte> s, byte delimiter, int n, out ReadOnlySpan<byte> field)
    {
        field = default;
        int current = 1;
        int pos = 0;
        while (pos < s.Length && current < n)
        {
            int next = s[pos..].IndexOf(delimiter);
            if (next < 0) break;
            pos += next + 1;
            current++;
        }
        if (current != n) return false;
        int end = s[pos..].IndexOf(delimiter);
        field = end < 0 ? s[pos..] : s.Slice(pos, end);
        return true;
    }

    private static bool ByString(ReadOnlySpan<byte> s, ReadOnlySpan<byte> delimiter, int n, out ReadOnlySpan<byte> field)
    {
        field = default;
        int current = 1;
        int pos = 0;
        while (current < n)
        {
            int next = s[pos..].IndexOf(delimiter);
            if (next < 0) return false;
            pos += next + delimiter.Length;
            current++;
        }
        if (current != n) return false;
        int end = s[pos..].IndexOf(delimiter);
        field = end < 0 ? s[pos..] : s.Slice(pos, end);
        return true;
    }
}
