using System.Buffers.Binary;
using System.IO.Compression;
using Sluice.Engine.Messages;

namespace Sluice.Engine.Parsing;

/// <summary>
/// rsyslog's single-message compression (runtime/parser.c uncompressMessage, parser.supportCompressionExtension):
/// a message that starts with 'z' is zlib-decompressed (what omfwd sends with zipLevel &gt; 0) before anything
/// else; if that fails, or the result exceeds maxMessageSize, the message stays as received (rsyslogd 8.2302
/// logs "Uncompression of a message failed" and goes on with it).
/// <para>
/// zlib's uncompress() insists on a complete stream; System.IO.Compression neither notices a truncated stream
/// nor avoids exceptions on junk, so the zlib header is checked first (plain text such as "zabbix: ..." never
/// reaches the inflater) and the Adler-32 trailer, taken as the last four bytes, is checked after. Deviation:
/// rsyslog also accepts bytes after the end of the zlib stream; Sluice keeps such a message as received.
/// Only compressed messages allocate (the inflater).
/// </para>
/// </summary>
internal sealed class CompressionExtension
{
    private readonly int _maxLine;
    private readonly byte[] _out;
    private readonly SegmentReadStream _in = new();

    public CompressionExtension(int maxMessageSize)
    {
        _maxLine = maxMessageSize;
        _out = new byte[maxMessageSize + 1];
    }

    /// <summary>Messages that started with 'z' but did not decompress (rsyslog logs each one).</summary>
    public long Failures { get; private set; }

    public void Apply(Message m)
    {
        int len = m.RawLength;
        if (len == 0 || m.Buffer[0] != (byte)'z') return;
        if (!TryInflate(m.Buffer, len, out int n))
        {
            Failures++;
            return;
        }
        _out.AsSpan(0, n).CopyTo(m.PrepareRaw(n));
        m.RawLength = n;
    }

    private bool TryInflate(byte[] raw, int len, out int n)
    {
        n = 0;
        // "z", a 2-byte zlib header, at least an empty deflate block (2 bytes) and the 4-byte Adler-32.
        if (len < 9) return false;
        int cmf = raw[1], flg = raw[2];
        if ((cmf & 0x0F) != 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 != 0 || (flg & 0x20) != 0) return false;

        try
        {
            _in.Reset(raw, 1, len - 1);
            using var z = new ZLibStream(_in, CompressionMode.Decompress, leaveOpen: true);
            while (n < _out.Length)
            {
                int r = z.Read(_out, n, _out.Length - n);
                if (r == 0) break;
                n += r;
            }
        }
        catch (InvalidDataException)
        {
            return false; // corrupt deflate data or a wrong checksum
        }

        if (n > _maxLine) return false; // zlib: Z_BUF_ERROR
        uint trailer = BinaryPrimitives.ReadUInt32BigEndian(raw.AsSpan(len - 4, 4));
        return trailer == Adler32(_out.AsSpan(0, n));
    }

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Mod = 65521;
        uint a = 1, b = 0;
        while (data.Length > 0)
        {
            int chunk = Math.Min(data.Length, 5552); // the largest run without overflow before the modulo
            foreach (byte x in data.Slice(0, chunk))
            {
                a += x;
                b += a;
            }
            a %= Mod;
            b %= Mod;
            data = data.Slice(chunk);
        }
        return (b << 16) | a;
    }

    /// <summary>A read-only stream over part of an array that can be pointed at the next message.</summary>
    private sealed class SegmentReadStream : Stream
    {
        private byte[] _data = [];
        private int _pos;
        private int _end;

        public void Reset(byte[] data, int offset, int count)
        {
            _data = data;
            _pos = offset;
            _end = offset + count;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(buffer.Length, _end - _pos);
            _data.AsSpan(_pos, n).CopyTo(buffer);
            _pos += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
