using Sluice.Engine.Compression;
using Sluice.LoadGen;

namespace Sluice.DecompressBench;

/// <summary>
/// One connection's framed messages compressed as omfwd compression.mode="stream:always" sends them: one zlib
/// stream (or zstd frame), flushed after every <c>flushEvery</c> messages as flushOnTXEnd does at the end of each
/// batch, finished at the end. Built before any clock starts.
/// </summary>
internal static class CompressedStreams
{
    public static byte[] Compress(ConnectionStream plain, CompressionDriver driver, int level, int flushEvery)
    {
        var sink = new Collector(plain.Length / 8 + 4096);
        using var c = StreamCompressor.Create(driver, level, sink);
        int start = 0;
        for (int i = flushEvery - 1; ; i += flushEvery)
        {
            int end = i < plain.MessageEnds.Length ? plain.MessageEnds[i] : plain.Length;
            if (!c.Write(plain.Bytes.AsSpan(start, end - start)) || !c.Flush())
                throw new InvalidOperationException($"{driver} compression failed");
            start = end;
            if (end == plain.Length) break;
        }
        if (!c.Finish()) throw new InvalidOperationException($"{driver} compression failed at the end");
        return sink.ToArray();
    }

    private sealed class Collector(int capacity) : IByteSink
    {
        private byte[] _buf = new byte[capacity];
        private int _len;

        public void Write(ReadOnlySpan<byte> data)
        {
            if (_len + data.Length > _buf.Length) Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _len + data.Length));
            data.CopyTo(_buf.AsSpan(_len));
            _len += data.Length;
        }

        public byte[] ToArray() => _buf.AsSpan(0, _len).ToArray();
    }
}
