using System.Buffers;

namespace Sluice.Engine.Templates;

/// <summary>
/// The replacer's json, jsonr, jsonf and jsonfr formats (msg.c jsonEncode/jsonField/jsonAddVal): '"', '\', '/' and
/// control characters are escaped ("\u00XX" with upper-case hex), other bytes, UTF-8 included, pass as they are.
/// </summary>
internal static class JsonEncoding
{
    /// <summary>Output bytes one input byte can need at most.</summary>
    public const int MaxExpansion = 6;

    private static ReadOnlySpan<byte> HexDigits => "0123456789ABCDEF"u8;

    /// <summary>The bytes json escapes: control characters, '"', '/' and '\\'.</summary>
    private static readonly SearchValues<byte> Special = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
         (byte)'"', (byte)'/', (byte)'\\']);

    /// <summary>
    /// Escapes <paramref name="s"/> into <paramref name="o"/>. With <paramref name="keepEscapes"/> (jsonr), a backslash
    /// already followed by one of " / \ b f n r t u is taken as an escape sequence and copied unchanged.
    /// </summary>
    public static int Escape(ReadOnlySpan<byte> s, Span<byte> o, bool keepEscapes)
    {
        int w = 0;
        for (int i = 0; i < s.Length; i++)
        {
            // Copy the run of bytes that need no escaping in one go.
            int run = s.Slice(i).IndexOfAny(Special);
            if (run < 0) run = s.Length - i;
            if (run > 0)
            {
                s.Slice(i, run).CopyTo(o.Slice(w));
                w += run;
                i += run;
                if (i == s.Length) break;
            }
            byte c = s[i];
            if (c == (byte)'\\' && keepEscapes && i + 1 < s.Length && IsEscapeLetter(s[i + 1]))
            {
                o[w++] = c;
                o[w++] = s[++i];
                continue;
            }
            o[w++] = (byte)'\\';
            switch (c)
            {
                case (byte)'"': o[w++] = (byte)'"'; break;
                case (byte)'/': o[w++] = (byte)'/'; break;
                case (byte)'\\': o[w++] = (byte)'\\'; break;
                case 0x08: o[w++] = (byte)'b'; break;
                case 0x0c: o[w++] = (byte)'f'; break;
                case (byte)'\n': o[w++] = (byte)'n'; break;
                case (byte)'\r': o[w++] = (byte)'r'; break;
                case (byte)'\t': o[w++] = (byte)'t'; break;
                default:
                    o[w++] = (byte)'u';
                    o[w++] = (byte)'0';
                    o[w++] = (byte)'0';
                    o[w++] = HexDigits[c >> 4];
                    o[w++] = HexDigits[c & 15];
                    break;
            }
        }
        return w;
    }

    /// <summary>Upper bound of <see cref="Field"/>'s output.</summary>
    public static int FieldWorstCase(int valueLength, ReplacerOptions o) => o.FieldNameBytes.Length + 6 + valueLength * MaxExpansion;

    /// <summary>
    /// jsonf/jsonfr: "name":value, the value written as its data type says (string: quoted; number: as it is, "0" when
    /// empty; bool: false for "0", else true; auto: unquoted when all digits). An empty value can be kept, skipped
    /// (nothing is written) or written as null. Returns the bytes written.
    /// </summary>
    public static int Field(ReadOnlySpan<byte> s, Span<byte> o, ReplacerOptions options, bool keepEscapes)
    {
        if (s.IsEmpty && options.OnEmpty == JsonOnEmpty.Skip) return 0;
        if (options.OmitIfZero && options.DataType == JsonDataType.Number && s.Trim((byte)' ').SequenceEqual("0"u8)) return 0;

        int w = 0;
        o[w++] = (byte)'"';
        options.FieldNameBytes.CopyTo(o.Slice(w));
        w += options.FieldNameBytes.Length;
        o[w++] = (byte)'"';
        o[w++] = (byte)':';
        if (s.IsEmpty && options.OnEmpty == JsonOnEmpty.Null)
        {
            "null"u8.CopyTo(o.Slice(w));
            return w + 4;
        }
        switch (options.DataType)
        {
            case JsonDataType.Number:
                if (s.IsEmpty) o[w++] = (byte)'0';
                else w += Escape(s, o.Slice(w), keepEscapes);
                break;
            case JsonDataType.Bool:
                var text = s.Length == 1 && s[0] == (byte)'0' ? "false"u8 : "true"u8;
                text.CopyTo(o.Slice(w));
                w += text.Length;
                break;
            default:
                bool quoted = options.DataType == JsonDataType.String || s.IsEmpty || s.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0;
                if (quoted) o[w++] = (byte)'"';
                w += Escape(s, o.Slice(w), keepEscapes);
                if (quoted) o[w++] = (byte)'"';
                break;
        }
        return w;
    }

    private static bool IsEscapeLetter(byte c) =>
        c is (byte)'"' or (byte)'/' or (byte)'\\' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t' or (byte)'u';
}
