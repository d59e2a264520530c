using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Properties;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>rsyslog's value conversions (rainerscript.c var2Number/var2String/str2num, libestr es_str2num/es_strcmp).</summary>
public static class ScriptConvert
{
    /// <summary>
    /// var2Number: a string goes through str2num (an optional '-', then the leading digits; "5x" is 5, "abc" and ""
    /// are 0), a JSON value through json_object_get_int64. <paramref name="complete"/> is rsyslog's success flag:
    /// the whole string was a number (the empty string counts as one).
    /// </summary>
    public static long ToNumber(in ScriptValue value, out bool complete)
    {
        switch (value.Kind)
        {
            case ScriptValueKind.String: return StringToNumber(value.Text, out complete);
            case ScriptValueKind.Json:
                complete = true;
                return value.Json!.ToInt64();
            default:
                complete = true;
                return value.Number;
        }
    }

    public static long ToNumber(in ScriptValue value) => ToNumber(value, out _);

    /// <summary>rsyslog's str2num (decimal only; overflow wraps as in C).</summary>
    public static long StringToNumber(ReadOnlySpan<byte> s, out bool complete)
    {
        if (s.Length == 0)
        {
            complete = true;
            return 0;
        }
        int i = s[0] == '-' ? 1 : 0;
        long n = 0;
        for (; i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9'; i++) n = unchecked(n * 10 + (s[i] - '0'));
        complete = i == s.Length;
        return s[0] == '-' ? unchecked(-n) : n;
    }

    /// <summary>
    /// libestr's es_str2num, used where rsyslog converts a string constant at config time (constant folding of
    /// arithmetic, cnum("…")): "0x…" is hex, a leading '0' octal, a leading '-' negates a decimal, anything else is
    /// decimal; each reads up to the first character it does not take. Its hex letters are worth their distance from
    /// 'a' (libestr forgets the +10): "0xff" is 85 and cnum("0x1f") 21 in rsyslogd 8.2302, and here.
    /// </summary>
    public static long ConstantToNumber(ReadOnlySpan<byte> s)
    {
        if (s.Length == 0) return 0;
        long n = 0;
        if (s[0] == '-')
        {
            for (int i = 1; i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9'; i++) n = unchecked(n * 10 + (s[i] - '0'));
            return unchecked(-n);
        }
        if (s[0] == '0' && s.Length > 1 && s[1] == 'x')
        {
            for (int i = 2; i < s.Length; i++)
            {
                byte c = Lower(s[i]);
                if (c is >= (byte)'0' and <= (byte)'9') n = unchecked(n * 16 + (c - '0'));
                else if (c is >= (byte)'a' and <= (byte)'f') n = unchecked(n * 16 + (c - 'a'));
                else break;
            }
            return n;
        }
        if (s[0] == '0')
        {
            for (int i = 1; i < s.Length && s[i] is >= (byte)'0' and <= (byte)'7'; i++) n = unchecked(n * 8 + (s[i] - '0'));
            return n;
        }
        for (int i = 0; i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9'; i++) n = unchecked(n * 10 + (s[i] - '0'));
        return n;
    }

    /// <summary>
    /// var2String: strings as they are; numbers in decimal and JSON values as json_object_get_string prints them,
    /// both written to the context's scratch buffer.
    /// </summary>
    public static ReadOnlySpan<byte> ToText(ScriptValue value, EvaluationContext context)
    {
        if (value.Kind == ScriptValueKind.String) return value.Text;
        int mark = context.Scratch.Length;
        if (value.Kind == ScriptValueKind.Number) AsciiWriter.AppendDecimal(context.Scratch, value.Number);
        else JsonWriter.WriteValue(context.Scratch, value.Json!);
        return context.Since(mark);
    }

    /// <summary>
    /// es_strcmp: the difference of the first differing bytes (unsigned), else 1 or -1 when one string is a prefix of
    /// the other, else 0. rsyslog returns this raw value from != on strings ("a" != "b" is -1).
    /// </summary>
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int i = a.CommonPrefixLength(b);
        if (i < a.Length && i < b.Length) return a[i] - b[i];
        return a.Length == b.Length ? 0 : a.Length > b.Length ? 1 : -1;
    }

    /// <summary>tolower() of the C locale: ASCII letters only.</summary>
    public static byte Lower(byte c) => c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c | 0x20) : c;

    /// <summary>es_strncasecmp-style equality of two equally long runs.</summary>
    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (Lower(a[i]) != Lower(b[i])) return false;
        return true;
    }

    /// <summary>es_strCaseContains: the first position of <paramref name="pattern"/> ignoring ASCII case, or -1.</summary>
    public static int IndexOfIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> pattern)
    {
        for (int i = 0; i + pattern.Length <= s.Length; i++)
            if (EqualsIgnoreCase(s.Slice(i, pattern.Length), pattern)) return i;
        return -1;
    }
}
