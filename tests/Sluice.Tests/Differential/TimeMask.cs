using System.Text;

namespace Sluice.Tests.Differential;

/// <summary>
/// Hides what depends on when a daemon received a message: each daemon writes, per message, its reception time in
/// every long form the templates can show it (see <see cref="ReceptionTemplate"/>), and every occurrence of those
/// texts in its output files is replaced by a mask before the files are compared.
/// </summary>
internal static class TimeMask
{
    public static ReadOnlySpan<byte> Mask => "<TIMEGENERATED>"u8;

    /// <summary>Tab-separated renderings of timegenerated, then the message (escaped onto one line).</summary>
    public const string ReceptionTemplate =
        "%timegenerated:::date-rfc3339%\t%timegenerated%\t%timegenerated:::date-mysql%\t%timegenerated:::date-pgsql%\t" +
        "%timegenerated:::date-unixtimestamp%\t%timegenerated:::date-rfc3339,date-utc%\t%timegenerated:::date-utc%\t" +
        "%timegenerated:::date-mysql,date-utc%\t%timegenerated:::date-pgsql,date-utc%\t%msg:::escape-cc%\n";

    private const int RenderingCount = 9;

    /// <summary>Every rendering found in a reception file, longest first (so that no shorter one cuts a longer one).</summary>
    public static List<byte[]> Renderings(byte[] reception)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Encoding.UTF8.GetString(reception).Split('\n'))
        {
            var fields = line.Split('\t');
            if (fields.Length <= RenderingCount) continue;
            for (int i = 0; i < RenderingCount; i++)
                if (fields[i].Length >= 10) set.Add(fields[i]);
        }
        return set.OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).Select(Encoding.UTF8.GetBytes).ToList();
    }

    public static byte[] Apply(byte[] output, List<byte[]> renderings)
    {
        var current = output;
        foreach (var r in renderings) current = Replace(current, r);
        return current;
    }

    private static byte[] Replace(byte[] data, byte[] what)
    {
        int at = data.AsSpan().IndexOf(what);
        if (at < 0) return data;
        var result = new List<byte>(data.Length);
        int start = 0;
        while (at >= 0)
        {
            result.AddRange(data.AsSpan(start, at));
            result.AddRange(Mask);
            start += at + what.Length;
            at = data.AsSpan(start).IndexOf(what);
        }
        result.AddRange(data.AsSpan(start));
        return result.ToArray();
    }
}
