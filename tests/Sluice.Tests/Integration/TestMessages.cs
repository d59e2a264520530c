using System.Buffers;
using System.Text;

namespace Sluice.Tests.Integration;

/// <summary>
/// Test syslog messages: each carries "LGSEQ=run.conn.seq" so the output can be checked for exactly-once and
/// per-connection order. Formats and lengths vary with the sequence number.
/// </summary>
public static class TestMessages
{
    public static string NewRunId() => "t" + Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()));

    public static string Marker(string runId, int conn, long seq) => $"LGSEQ={runId}.{conn}.{seq}";

    private static readonly string[] Apps = ["sshd", "CRON", "nginx", "postfix/smtpd", "app-api", "kernel"];

    /// <summary>An RFC 3164 or RFC 5424 line (no framing), 80–300 bytes.</summary>
    public static byte[] Build(string runId, int conn, long seq)
    {
        string app = Apps[(int)((conn + seq) % Apps.Length)];
        int pri = (int)((conn * 7 + seq) % 192);
        string marker = Marker(runId, conn, seq);
        string pad = new('x', (int)((seq * 37 + conn * 11) % 180));
        string line = (seq % 4) switch
        {
            3 => $"<{pri}>1 2024-11-22T08:00:{seq % 60:00}.{seq % 1000000:000000}Z host-{conn % 13} {app.Replace('/', '-')} {1000 + conn} ID{seq % 50} [x@32473 c=\"{conn}\"] {marker} {pad}",
            _ => $"<{pri}>Nov 22 08:{seq % 60:00}:{(seq / 60) % 60:00} host-{conn % 13} {app}[{1000 + conn}]: {marker} request done {pad}",
        };
        return Encoding.ASCII.GetBytes(line);
    }

    /// <summary>Appends one frame: octet-counted ("LEN SP MSG") or LF-terminated.</summary>
    public static void Frame(ArrayBufferWriter<byte> into, ReadOnlySpan<byte> message, bool octetCounted)
    {
        if (octetCounted)
        {
            into.Write(Encoding.ASCII.GetBytes(message.Length.ToString()));
            into.Write(" "u8);
            into.Write(message);
        }
        else
        {
            into.Write(message);
            into.Write("\n"u8);
        }
    }

    /// <summary>The framed stream of messages [from, from+count) of one connection.</summary>
    public static byte[] Stream(string runId, int conn, long from, int count, Func<long, bool> octetFor)
    {
        var w = new ArrayBufferWriter<byte>(count * 200 + 64);
        for (long s = from; s < from + count; s++) Frame(w, Build(runId, conn, s), octetFor(s));
        return w.WrittenSpan.ToArray();
    }

    /// <summary>Parses "LGSEQ=run.conn.seq" of <paramref name="runId"/> out of a line.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, ReadOnlySpan<byte> runPrefix, out int conn, out long seq)
    {
        conn = -1; seq = -1;
        int at = line.IndexOf(runPrefix);
        if (at < 0) return false;
        var rest = line[(at + runPrefix.Length)..];
        int i = 0;
        long c = Digits(rest, ref i);
        if (c < 0 || i >= rest.Length || rest[i] != (byte)'.') return false;
        i++;
        long s = Digits(rest, ref i);
        if (s < 0) return false;
        conn = (int)c; seq = s;
        return true;
    }

    public static byte[] RunPrefix(string runId) => Encoding.ASCII.GetBytes($"LGSEQ={runId}.");

    private static long Digits(ReadOnlySpan<byte> s, ref int i)
    {
        int start = i;
        long v = 0;
        while (i < s.Length && i - start < 12 && s[i] >= (byte)'0' && s[i] <= (byte)'9') v = v * 10 + (s[i++] - '0');
        return i == start ? -1 : v;
    }
}
