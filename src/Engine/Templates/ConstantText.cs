using System.Text;

namespace Sluice.Engine.Templates;

/// <summary>
/// How a list template's constant() value becomes bytes. rsyslog unescapes it once more after the config lexer has
/// (libestr es_unescapeStr in createConstantTpe), so value="a\\tb" is "a", TAB, "b" — checked against rsyslogd 8.2302.
/// A jsonf constant is serialized by json-c: "outname": "value" (note the space), with json-c's escaping.
/// </summary>
internal static class ConstantText
{
    /// <summary>
    /// libestr 0.1.11 es_unescapeStr on the value's UTF-8 bytes: \0 \a \b \f \n \r \t \' \" \? \\ and \xHH; any other
    /// escape stays as it is (backslash included).
    /// </summary>
    public static byte[] Unescape(string value)
    {
        byte[] c = new byte[Encoding.UTF8.GetByteCount(value) + 3]; // room for the reads past the end C would do
        int len = Encoding.UTF8.GetBytes(value, c);
        int src = Array.IndexOf(c, (byte)'\\', 0, len);
        if (src < 0) return c.AsSpan(0, len).ToArray();
        int dst = src;
        while (src < len)
        {
            if (c[src] == (byte)'\\')
            {
                if (++src == len) c[dst] = (byte)'\\';
                switch (c[src])
                {
                    case (byte)'0': c[dst] = 0; break;
                    case (byte)'a': c[dst] = 7; break;
                    case (byte)'b': c[dst] = 8; break;
                    case (byte)'f': c[dst] = 12; break;
                    case (byte)'n': c[dst] = 10; break;
                    case (byte)'r': c[dst] = 13; break;
                    case (byte)'t': c[dst] = 9; break;
                    case (byte)'\'': c[dst] = (byte)'\''; break;
                    case (byte)'"': c[dst] = (byte)'"'; break;
                    case (byte)'?': c[dst] = (byte)'?'; break;
                    case (byte)'\\': c[dst] = (byte)'\\'; break;
                    case (byte)'x':
                        if (src + 1 == len)
                        {
                            src += 1; // "\x" at the very end: libestr leaves the output byte as it was
                            break;
                        }
                        if (src + 2 == len || !IsHex(c[src + 1]) || !IsHex(c[src + 2]))
                        {
                            c[dst] = (byte)'\\';
                            src--;
                        }
                        c[dst] = unchecked((byte)((HexValue(c[src + 1]) << 4) + HexValue(c[src + 2])));
                        src += 2;
                        break;
                    default:
                        c[dst] = (byte)'\\';
                        src--;
                        break;
                }
            }
            else
            {
                c[dst] = c[src];
            }
            src++;
            dst++;
        }
        return c.AsSpan(0, dst).ToArray();
    }

    /// <summary>"name": "value" as json-c writes the one-member object { "name": "value" } without its braces; the value ends at a NUL.</summary>
    public static byte[] JsonField(string name, byte[] value)
    {
        int nul = Array.IndexOf(value, (byte)0);
        var text = nul < 0 ? value : value.AsSpan(0, nul).ToArray();
        var result = new List<byte>(name.Length + text.Length + 8);
        JsonCString(result, Encoding.UTF8.GetBytes(name));
        result.Add((byte)':');
        result.Add((byte)' ');
        JsonCString(result, text);
        return result.ToArray();
    }

    /// <summary>json-c's json_escape_str: '/' is escaped too, other control characters as \u00xx with lower-case hex.</summary>
    private static void JsonCString(List<byte> o, ReadOnlySpan<byte> s)
    {
        const string hex = "0123456789abcdef";
        o.Add((byte)'"');
        foreach (byte c in s)
        {
            switch (c)
            {
                case 8: o.Add((byte)'\\'); o.Add((byte)'b'); break;
                case 10: o.Add((byte)'\\'); o.Add((byte)'n'); break;
                case 13: o.Add((byte)'\\'); o.Add((byte)'r'); break;
                case 9: o.Add((byte)'\\'); o.Add((byte)'t'); break;
                case 12: o.Add((byte)'\\'); o.Add((byte)'f'); break;
                case (byte)'"': o.Add((byte)'\\'); o.Add((byte)'"'); break;
                case (byte)'\\': o.Add((byte)'\\'); o.Add((byte)'\\'); break;
                case (byte)'/': o.Add((byte)'\\'); o.Add((byte)'/'); break;
                default:
                    if (c < 0x20)
                    {
                        o.AddRange("\\u00"u8);
                        o.Add((byte)hex[c >> 4]);
                        o.Add((byte)hex[c & 15]);
                    }
                    else
                    {
                        o.Add(c);
                    }
                    break;
            }
        }
        o.Add((byte)'"');
    }

    private static bool IsHex(byte c) => char.IsAsciiHexDigit((char)c);

    /// <summary>libestr's hexDigitVal, which does not check its input.</summary>
    private static int HexValue(byte c) => c < 'A' ? c - '0' : c < 'a' ? c - 'A' + 10 : c - 'a' + 10;
}
