using System.Buffers.Text;

namespace Sluice.LoadGen;

/// <summary>
/// The complete byte stream one connection sends, built before the clock starts so that sending costs only
/// send() calls. <see cref="MessageEnds"/> maps byte offsets back to whole messages when a send stops early.
/// </summary>
internal sealed class ConnectionStream
{
    public byte[] Bytes { get; }
    public int Length { get; }
    public int[] MessageEnds { get; }

    private ConnectionStream(byte[] bytes, int length, int[] ends) { Bytes = bytes; Length = length; MessageEnds = ends; }

    public static ConnectionStream Build(Corpus corpus, string runId, int conn, int messages, Framing framing, int seed)
    {
        var rng = new Random(seed ^ (conn * 7919));
        byte[] buf = new byte[Math.Max(4096, Math.Min((long)messages * 240, Array.MaxLength))];
        int len = 0;
        int[] ends = new int[messages];
        Span<byte> marker = stackalloc byte[64];
        Span<byte> msgBuf = stackalloc byte[1024];
        byte[] runPrefix = Marker.RunPrefix(runId);
        for (int seq = 0; seq < messages; seq++)
        {
            var e = corpus[rng.Next(corpus.Count)];
            int m = 0;
            runPrefix.CopyTo(marker);
            m = runPrefix.Length;
            Utf8Formatter.TryFormat(conn, marker[m..], out int w); m += w;
            marker[m++] = (byte)'.';
            Utf8Formatter.TryFormat(seq, marker[m..], out w); m += w;

            int msgLen = e.Head.Length + m + e.Tail.Length;
            e.Head.CopyTo(msgBuf);
            marker[..m].CopyTo(msgBuf[e.Head.Length..]);
            e.Tail.CopyTo(msgBuf[(e.Head.Length + m)..]);

            bool octet = framing == Framing.OctetCounted || (framing == Framing.Mixed && rng.Next(2) == 0);
            int need = msgLen + 12;
            if (len + need > buf.Length)
            {
                long grown = Math.Min(Math.Max((long)buf.Length * 2, len + need), Array.MaxLength);
                if (grown < len + need) throw new UsageException("one connection's stream exceeds 2 GiB: use more connections or fewer messages");
                Array.Resize(ref buf, (int)grown);
            }
            if (octet)
            {
                Utf8Formatter.TryFormat(msgLen, buf.AsSpan(len), out w); len += w;
                buf[len++] = (byte)' ';
                msgBuf[..msgLen].CopyTo(buf.AsSpan(len)); len += msgLen;
            }
            else
            {
                msgBuf[..msgLen].CopyTo(buf.AsSpan(len)); len += msgLen;
                buf[len++] = (byte)'\n';
            }
            ends[seq] = len;
        }
        return new ConnectionStream(buf, len, ends);
    }

    /// <summary>Number of whole messages contained in the first <paramref name="bytesSent"/> bytes.</summary>
    public int MessagesWithin(long bytesSent)
    {
        int idx = Array.BinarySearch(MessageEnds, (int)Math.Min(bytesSent, int.MaxValue));
        return idx >= 0 ? idx + 1 : ~idx;
    }
}
