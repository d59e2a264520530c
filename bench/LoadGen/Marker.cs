namespace Sluice.LoadGen;

/// <summary>
/// The token embedded in every generated message: "LGSEQ=run.conn.seq". The run id keeps runs apart in one
/// file; conn and seq let the verifier prove exactly-once and per-connection order.
/// </summary>
internal static class Marker
{
    public static ReadOnlySpan<byte> Prefix => "LGSEQ="u8;

    public static string NewRunId() => Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()));

    /// <summary>Bytes that start every marker of this run: "LGSEQ=run." (used to count arrivals fast).</summary>
    public static byte[] RunPrefix(string runId) => System.Text.Encoding.ASCII.GetBytes($"LGSEQ={runId}.");

    /// <summary>Finds the marker of <paramref name="runPrefix"/> in a line and parses conn and seq.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, ReadOnlySpan<byte> runPrefix, out int conn, out long seq)
    {
        conn = -1; seq = -1;
        int at = line.IndexOf(runPrefix);
        if (at < 0) return false;
        ReadOnlySpan<byte> rest = line[(at + runPrefix.Length)..];
        int i = 0;
        long c = ReadDigits(rest, ref i);
        if (c < 0 || i >= rest.Length || rest[i] != (byte)'.') return false;
        i++;
        long s = ReadDigits(rest, ref i);
        if (s < 0 || c > int.MaxValue) return false;
        conn = (int)c; seq = s;
        return true;
    }

    private static long ReadDigits(ReadOnlySpan<byte> s, ref int i)
    {
        int start = i;
        long v = 0;
        while (i < s.Length && s[i] >= (byte)'0' && s[i] <= (byte)'9' && i - start < 18) v = v * 10 + (s[i++] - '0');
        return i == start ? -1 : v;
    }
}
