using Sluice.Native;

namespace Sluice.Engine.Compression;

/// <summary>
/// One zstd frame per stream, as rsyslog's omfwd (8.2606+) makes it: ZSTD_compressStream2 with ZSTD_e_continue
/// for data, ZSTD_e_flush on <see cref="Flush"/>, ZSTD_e_end on <see cref="Finish"/>; no pledged size, no
/// checksum flag set. Output is written to the sink in chunks of at most 32 KiB.
/// </summary>
public sealed class ZstdStreamCompressor : StreamCompressor
{
    private readonly IByteSink _sink;
    private readonly byte[] _out = new byte[OutputChunkSize];
    private nint _cctx;
    private bool _failed;

    public ZstdStreamCompressor(int level, IByteSink sink)
    {
        _sink = sink;
        _cctx = Zstd.CreateCompressor(level);
    }

    public override CompressionDriver Driver => CompressionDriver.Zstd;

    /// <summary>zstd's text for the last error (null when none).</summary>
    public string? LastError { get; private set; }

    public override bool Write(ReadOnlySpan<byte> data)
    {
        if (!Usable) return false;
        int inPos = 0;
        while (inPos < data.Length)
        {
            int outPos = 0;
            nuint rc = Zstd.CompressStream(_cctx, _out, ref outPos, data, ref inPos, ZstdEndDirective.Continue);
            if (Zstd.IsError(rc)) return Fail(rc);
            if (outPos > 0) _sink.Write(new ReadOnlySpan<byte>(_out, 0, outPos));
        }
        BytesIn += data.Length;
        return true;
    }

    public override bool Flush() => Drain(ZstdEndDirective.Flush);

    public override bool Finish()
    {
        bool ok = Drain(ZstdEndDirective.End);
        Release();
        return ok;
    }

    public override void Dispose() => Release();

    private bool Usable => _cctx != 0 && !_failed;

    /// <summary>Calls ZSTD_compressStream2 with no new input until it reports nothing left to write.</summary>
    private bool Drain(ZstdEndDirective directive)
    {
        if (!Usable) return false;
        while (true)
        {
            int outPos = 0, inPos = 0;
            nuint remaining = Zstd.CompressStream(_cctx, _out, ref outPos, ReadOnlySpan<byte>.Empty, ref inPos, directive);
            if (Zstd.IsError(remaining)) return Fail(remaining);
            if (outPos > 0) _sink.Write(new ReadOnlySpan<byte>(_out, 0, outPos));
            if (remaining == 0) return true;
        }
    }

    private bool Fail(nuint rc)
    {
        _failed = true;
        LastError = Zstd.ErrorName(rc);
        return false;
    }

    private void Release()
    {
        Zstd.FreeCompressor(_cctx);
        _cctx = 0;
    }
}
