using System.Text;

namespace Sluice.Tests.Parsing;

/// <summary>
/// Decodes one line of rsyslog's option.jsonf output (a flat object of string values) to raw bytes per name.
/// Works on bytes because rsyslog passes non-ASCII bytes through unescaped, valid UTF-8 or not.
/// </summary>
internal static class RsyslogJson
{
    public static Dictionary<string, byte[]> ParseFlatObject(ReadOnlySpan<byte> line)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        int i = SkipSpace(line, 0);
        Expect(line, ref i, (byte)'{');
        while (true)
        {
            i = SkipSpace(line, i);
            if (line[i] == (byte)'}') return result;
            string name = Encoding.UTF8.GetString(ReadString(line, ref i));
            i = SkipSpace(line, i);
            Expect(line, ref i, (byte)':');
            i = SkipSpace(line, i);
            result[name] = ReadString(line, ref i);
            i = SkipSpace(line, i);
            if (line[i] == (byte)',') i++;
        }
    }

    private static byte[] ReadString(ReadOnlySpan<byte> s, ref int i)
    {
        Expect(s, ref i, (byte)'"');
        var value = new List<byte>();
        while (s[i] != (byte)'"')
        {
            byte b = s[i++];
            if (b != (byte)'\\')
            {
                value.Add(b);
                continue;
            }
            byte e = s[i++];
            switch (e)
            {
                case (byte)'"': value.Add((byte)'"'); break;
                case (byte)'\\': value.Add((byte)'\\'); break;
                case (byte)'/': value.Add((byte)'/'); break;
                case (byte)'b': value.Add(8); break;
                case (byte)'f': value.Add(12); break;
                case (byte)'n': value.Add(10); break;
                case (byte)'r': value.Add(13); break;
                case (byte)'t': value.Add(9); break;
                case (byte)'u':
                    int code = Convert.ToInt32(Encoding.ASCII.GetString(s.Slice(i, 4)), 16);
                    i += 4;
                    value.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(code)));
                    break;
                default: throw new FormatException($"unknown escape \\{(char)e}");
            }
        }
        i++;
        return value.ToArray();
    }

    private static int SkipSpace(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && s[i] == (byte)' ') i++;
        return i;
    }

    private static void Expect(ReadOnlySpan<byte> s, ref int i, byte c)
    {
        if (s[i] != c) throw new FormatException($"expected '{(char)c}' at {i}: {Encoding.UTF8.GetString(s)}");
        i++;
    }
}
