using System.IO.Compression;

namespace Sluice.Engine.Compression;

/// <summary>
/// A zlib-format stream (RFC 1950: 2-byte header, deflate, adler32 trailer) as rsyslog's omfwd makes with
/// deflateInit(level): System.IO.Compression's ZLibStream, whose Flush() is a Z_SYNC_FLUSH and whose
/// Dispose() writes Z_FINISH and the trailer. Output goes through a <see cref="SinkStream"/> without copies.
/// </summary>
public sealed class ZlibStreamCompressor : StreamCompressor
{
    private readonly SinkStream _sink;
    private ZLibStream? _zlib;

    public ZlibStreamCompressor(int level, IByteSink sink)
    {
        _sink = new SinkStream(sink);
        _zlib = new ZLibStream(_sink, ZlibLevels.Options(level), leaveOpen: true);
    }

    public override CompressionDriver Driver => CompressionDriver.Zlib;

    public override bool Write(ReadOnlySpan<byte> data)
    {
        if (_zlib is null) return false;
        _zlib.Write(data);
        BytesIn += data.Length;
        return true;
    }

    public override bool Flush()
    {
        if (_zlib is null) return false;
        _zlib.Flush();
        return true;
    }

    public override bool Finish()
    {
        if (_zlib is null) return false;
        _zlib.Dispose();
        _zlib = null;
        return true;
    }

    public override void Dispose()
    {
        if (_zlib is null) return;
        _sink.Detach();
        _zlib.Dispose();
        _zlib = null;
    }
}
