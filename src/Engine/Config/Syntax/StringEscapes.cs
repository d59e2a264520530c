namespace Sluice.Engine.Config.Syntax;

/// <summary>
/// rsyslog's string escapes: which sequences each literal flavor accepts (lexer.l) and how they are decoded
/// (rainerscript.c unescapeStr/doUnescape). Decoding is reproduced exactly, quirks included: \v and other
/// letters without a case decode to '?', and a short octal or hex escape ("\12b") is computed from the
/// wrong characters — checked against rsyslogd 8.2302, which turns "a\12b" into "a", LF, "b".
/// Values are bytes in rsyslog; here each decoded byte becomes the char with that code (U+0000–U+00FF).
/// </summary>
public static class StringEscapes
{
    /// <summary>
    /// Length of the escape sequence starting with the backslash at <paramref name="i"/> when the flavor
    /// accepts it, else 0.
    /// </summary>
    public static int AcceptedLength(string s, int i, StringFlavor flavor)
    {
        if (i + 1 >= s.Length) return 0;
        // The lexer is case-insensitive, so "\N" is accepted too (and then decodes to '?').
        char c = char.ToLowerInvariant(s[i + 1]);
        switch (flavor)
        {
            case StringFlavor.ObjectDouble:
            case StringFlavor.ObjectBacktick:
                if (c is '\'' or '?' or '\\' or 'a' or 'b' or 'f' or 'n' or 'r' or 't' or 'v') return 2;
                if (c == (flavor == StringFlavor.ObjectDouble ? '"' : '`')) return 2;
                if (IsOctal(c))
                {
                    int n = 1;
                    while (n < 3 && i + 1 + n < s.Length && IsOctal(s[i + 1 + n])) n++;
                    return 1 + n;
                }
                return 0;
            default:
                bool simple = flavor switch
                {
                    StringFlavor.ExpressionBacktick => c is '\'' or '`' or '"' or '\\' or 'b' or 'n' or 't' or 'r',
                    _ => c is '\'' or '"' or '\\' or '$' or 'b' or 'n' or 't' or 'r',
                };
                if (simple) return 2;
                if (c == 'x' && i + 3 < s.Length && IsHex(s[i + 2]) && IsHex(s[i + 3])) return 4;
                if (IsOctal(c) && i + 3 < s.Length && IsOctal(s[i + 2]) && IsOctal(s[i + 3])) return 4;
                return 0;
        }
    }

    /// <summary>Decodes the text between the quotes as unescapeStr() does.</summary>
    public static string Unescape(string body)
    {
        int len = body.Length;
        int first = body.IndexOf('\\');
        if (first < 0) return body;
        // One zero past the end, like the NUL that ends yytext in flex.
        var c = new int[len + 1];
        for (int k = 0; k < len; k++) c[k] = body[k];
        int src = first, dst = first;
        while (src < len)
        {
            DecodeOne(c, len, ref src, dst);
            src++;
            dst++;
        }
        var result = new char[dst];
        for (int k = 0; k < dst; k++) result[k] = (char)(c[k] & 0xFF);
        return new string(result);
    }

    private static void DecodeOne(int[] c, int len, ref int src, int dst)
    {
        if (c[src] != '\\')
        {
            c[dst] = c[src];
            return;
        }
        if (++src == len) c[dst] = '\\'; // then overwritten with '?' below, as in rsyslog
        switch (c[src])
        {
            case 'a': c[dst] = 7; break;
            case 'b': c[dst] = '\b'; break;
            case 'f': c[dst] = '\f'; break;
            case 'n': c[dst] = '\n'; break;
            case 'r': c[dst] = '\r'; break;
            case 't': c[dst] = '\t'; break;
            case '\'': c[dst] = '\''; break;
            case '"': c[dst] = '"'; break;
            case '?': c[dst] = '?'; break;
            case '$': c[dst] = '$'; break;
            case '\\': c[dst] = '\\'; break;
            case 'x':
                if (src + 2 >= len || !IsHex((char)c[src + 1]) || !IsHex((char)c[src + 2])) src--;
                c[dst] = (HexDigitValue(c[src + 1]) << 4) + HexDigitValue(c[src + 2]);
                src += 2;
                break;
            case >= '0' and <= '7':
                if (src + 2 >= len || !IsOctal((char)c[src + 1]) || !IsOctal((char)c[src + 2])) src--;
                c[dst] = ((c[src] - '0') << 6) + ((c[src + 1] - '0') << 3) + (c[src + 2] - '0');
                src += 2;
                break;
            default:
                c[dst] = '?';
                break;
        }
    }

    private static int HexDigitValue(int c) => c < 'A' ? c - '0' : c < 'a' ? c - 'A' + 10 : c - 'a' + 10;

    private static bool IsOctal(char c) => c is >= '0' and <= '7';

    private static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
}
