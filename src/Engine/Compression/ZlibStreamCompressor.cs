using System.Buffers.Binary;
using System.IO.Compression;

namespace Sluice.Engine.Compression;

/// <summary>
/// A zlib-format stream (RFC 1950) as rsyslog's omfwd makes with deflateInit(level): header, deflate, adler32
/// trailer. It is assembled here around raw deflate so that a batch compressed on a worker's thread
/// (<see cref="ZlibBlockCompressor"/>) can be spliced in with <see cref="TrySplice"/>: several workers compress
/// at once and the connection only concatenates. Small writes go through this stream's own deflater, which keeps
/// its window across batches (the best ratio while traffic is light). A splice ends that deflater with a sync
/// flush (byte-aligned, no final block): the deflater does not know the spliced bytes, so it must not go on.
/// <see cref="Flush"/> is a Z_SYNC_FLUSH; <see cref="Finish"/> writes the final empty block and the adler32 of
/// everything written, so a receiver's inflate sees one ordinary zlib stream.
/// </summary>
public sealed class ZlibStreamCompressor : StreamCompressor
{
    /// <summary>What zlib's deflate(Z_FINISH) writes after a sync flush with no more input: an empty final fixed block.</summary>
    private static ReadOnlySpan<byte> FinalEmptyBlock => [0x03, 0x00];

    private readonly int _level;
    private readonly IByteSink _sink;
    private SinkStream? _deflateSink;
    private DeflateStream? _deflate;
    private bool _headerWritten;
    private bool _finished;
    private uint _adler = 1;
    private readonly PlainTail _tail = new(ZlibBlockCompressor.PrimerBytes);

    public ZlibStreamCompressor(int level, IByteSink sink)
    {
        _ = ZlibLevels.Options(level); // validates the level now rather than at the first write
        _level = level;
        _sink = sink;
    }

    public override CompressionDriver Driver => CompressionDriver.Zlib;

    public override bool Write(ReadOnlySpan<byte> data)
    {
        if (_finished) return false;
        WriteHeader();
        if (_deflate is null)
        {
            _deflateSink = new SinkStream(_sink);
            _deflate = new DeflateStream(_deflateSink, ZlibLevels.Options(_level), leaveOpen: true);
        }
        _deflate.Write(data);
        _tail.Append(data);
        _adler = ZlibFormat.Adler32(data, _adler);
        BytesIn += data.Length;
        return true;
    }

    /// <summary>
    /// Appends <paramref name="block"/>, the compressed form of <paramref name="plain"/>, when the plaintext written
    /// so far ends with the block's primer (its matches may reach back into it). False when it does not (another
    /// batch came in between, or this is a new stream): the caller then writes <paramref name="plain"/> instead.
    /// </summary>
    public bool TrySplice(ZlibBlockCompressor block, ReadOnlySpan<byte> plain)
    {
        if (_finished || !_tail.Span.EndsWith(block.Primer.Span)) return false;
        WriteHeader();
        EndDeflater();
        _sink.Write(block.Deflated);
        _tail.Append(plain);
        _adler = ZlibFormat.CombineAdler32(_adler, block.PlainAdler, block.PlainLength);
        BytesIn += block.PlainLength;
        return true;
    }

    public override bool Flush()
    {
        if (_finished) return false;
        _deflate?.Flush();
        return true;
    }

    public override bool Finish()
    {
        if (_finished) return false;
        WriteHeader();
        EndDeflater();
        Span<byte> trailer = stackalloc byte[6];
        FinalEmptyBlock.CopyTo(trailer);
        BinaryPrimitives.WriteUInt32BigEndian(trailer[2..], _adler);
        _sink.Write(trailer);
        _finished = true;
        return true;
    }

    public override void Dispose()
    {
        _finished = true;
        _deflateSink?.Detach();
        _deflate?.Dispose();
        _deflate = null;
    }

    private void WriteHeader()
    {
        if (_headerWritten) return;
        _headerWritten = true;
        Span<byte> header = stackalloc byte[2];
        ZlibFormat.WriteHeader(_level, header);
        _sink.Write(header);
    }

    /// <summary>Sync-flushes the running deflater and drops it (its Z_FINISH output goes nowhere).</summary>
    private void EndDeflater()
    {
        if (_deflate is null) return;
        _deflate.Flush();
        _deflateSink!.Detach();
        _deflate.Dispose();
        _deflate = null;
        _deflateSink = null;
    }
}
