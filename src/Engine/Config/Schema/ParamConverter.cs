using System.Globalization;
using Sluice.Engine.Config.Ast;

namespace Sluice.Engine.Config.Schema;

/// <summary>
/// Turns a parameter's text into the typed value its <see cref="ParamDef"/> asks for, with rsyslog's rules
/// (rainerscript.c nvlstGetParam and helpers). Error texts name the parameter and what is expected.
/// </summary>
public static class ParamConverter
{
    /// <summary>The typed value (bool, long, string, string[]), or null with <paramref name="error"/> set.</summary>
    public static object? Convert(ParamDef def, ValueNode value, string name, out string? error)
    {
        error = null;
        if (def.Type == ParamType.StringArray)
            return value is ArrayValue array ? ToArray(array) : new[] { ((StringValue)value).Value };
        if (value is not StringValue sv)
        {
            error = $"parameter '{name}' must be a single string, not an array";
            return null;
        }
        return Convert(def, sv.Value, name, out error);
    }

    public static object? Convert(ParamDef def, string text, string name, out string? error)
    {
        error = null;
        switch (def.Type)
        {
            case ParamType.String:
                return text;
            case ParamType.StringArray:
                return new[] { text };
            case ParamType.Binary:
                switch (text.ToLowerInvariant())
                {
                    // rsyslog accepts only "on"/"off"; yes/no/1/0 are accepted too (a superset).
                    case "on" or "yes" or "1": return true;
                    case "off" or "no" or "0": return false;
                }
                error = $"parameter '{name}' must be \"on\" or \"off\", not \"{text}\"";
                return null;
            case ParamType.Integer:
                if (!TryParseInteger(text, out long n))
                {
                    error = $"parameter '{name}' must be an integer number, not \"{text}\"";
                    return null;
                }
                return InRange(def, n, name, out error);
            case ParamType.Size:
                if (!TryParseSize(text, out long size))
                {
                    error = $"parameter '{name}' must be a size (digits with an optional k, m, g, t, p, e suffix for units of 1024 or K, M, G, T, P, E for 1000), not \"{text}\"";
                    return null;
                }
                return InRange(def, size, name, out error);
            case ParamType.Char:
                long code;
                if (text.Length == 1) code = text[0];
                else if (text.Length > 1 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out code)) { }
                else
                {
                    error = $"parameter '{name}' must be exactly one character, not \"{text}\"";
                    return null;
                }
                return InRange(def, code, name, out error);
            case ParamType.FileMode:
                if (!TryParseFileMode(text, out long mode))
                {
                    error = $"parameter '{name}' must be a file mode of 4 or 5 octal digits starting with '0' (like \"0644\"), not \"{text}\"";
                    return null;
                }
                return mode;
            case ParamType.Choice:
                var allowed = def.Allowed ?? Array.Empty<string>();
                foreach (var a in allowed)
                    if (string.Equals(a, text, StringComparison.OrdinalIgnoreCase)) return a;
                string? closest = NameSuggester.Closest(text, allowed);
                error = $"parameter '{name}' must be one of {string.Join(", ", allowed.Select(a => "\"" + a + "\""))}, not \"{text}\""
                    + (closest is null ? "" : $" (did you mean \"{closest}\"?)");
                return null;
            default:
                error = $"parameter '{name}' has an unknown type";
                return null;
        }
    }

    private static string[] ToArray(ArrayValue array)
    {
        var result = new string[array.Items.Count];
        for (int i = 0; i < result.Length; i++) result[i] = array.Items[i].Value;
        return result;
    }

    private static object? InRange(ParamDef def, long value, string name, out string? error)
    {
        error = null;
        if (value >= def.Min && value <= def.Max) return value;
        // A bound at the type's limit (e.g. int.MaxValue for an int setting) is not worth mentioning.
        bool hasMin = def.Min > int.MinValue;
        bool hasMax = def.Max < int.MaxValue;
        string range = value < def.Min
            ? (hasMax ? $"between {def.Min} and {def.Max}" : $"at least {def.Min}")
            : (hasMin && hasMax ? $"between {def.Min} and {def.Max}" : $"at most {def.Max}");
        error = $"parameter '{name}' must be {range}, not {value}";
        return null;
    }

    /// <summary>
    /// libestr es_str2num: "-" and decimal digits, a leading 0 means octal, otherwise decimal; the whole
    /// text must be digits. (es_str2num's hex branch never succeeds, so "0x…" is rejected like in rsyslog.)
    /// </summary>
    public static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        if (text.Length == 0) return false;
        bool negative = text[0] == '-';
        int radix = !negative && text[0] == '0' ? 8 : 10;
        int start = negative ? 1 : 0;
        if (start == text.Length) return false;
        for (int i = start; i < text.Length; i++)
        {
            int digit = text[i] - '0';
            if (digit < 0 || digit >= radix) return false;
            if (value > (long.MaxValue - digit) / radix) return false;
            value = value * radix + digit;
        }
        if (negative) value = -value;
        return true;
    }

    /// <summary>rainerscript.c doGetSize: digits, then at most one unit letter (lower case ×1024ⁿ, upper ×1000ⁿ).</summary>
    public static bool TryParseSize(string text, out long value)
    {
        value = 0;
        int i = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            int digit = text[i] - '0';
            if (value > (long.MaxValue - digit) / 10) return false;
            value = value * 10 + digit;
            i++;
        }
        if (i == text.Length) return true;
        if (i != text.Length - 1) return false;
        long factor = text[i] switch
        {
            'k' => 1L << 10,
            'm' => 1L << 20,
            'g' => 1L << 30,
            't' => 1L << 40,
            'p' => 1L << 50,
            'e' => 1L << 60,
            'K' => 1_000L,
            'M' => 1_000_000L,
            'G' => 1_000_000_000L,
            'T' => 1_000_000_000_000L,
            'P' => 1_000_000_000_000_000L,
            'E' => 1_000_000_000_000_000_000L,
            _ => 0,
        };
        if (factor == 0 || (value != 0 && value > long.MaxValue / factor)) return false;
        value *= factor;
        return true;
    }

    /// <summary>
    /// rainerscript.c doGetFileCreateMode: '0' and three octal digits, optionally a fourth (5 chars). As in
    /// rsyslog, characters after the fourth are not looked at unless the text is exactly 5 long.
    /// </summary>
    public static bool TryParseFileMode(string text, out long mode)
    {
        mode = 0;
        if (text.Length < 4 || text[0] != '0' || !IsOctal(text[1]) || !IsOctal(text[2]) || !IsOctal(text[3])) return false;
        if (text.Length == 5 && !IsOctal(text[4])) return false;
        mode = (text[1] - '0') * 64 + (text[2] - '0') * 8 + (text[3] - '0');
        if (text.Length == 5) mode = mode * 8 + (text[4] - '0');
        return true;
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
