using Sluice.Engine.Compression.Decoders;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Framing;

namespace Sluice.Engine.Inputs.Tcp.Decompression;

/// <summary>
/// One session's compressed stream (rsyslog 8.2606+ imtcp compression.mode="stream:always"): each received chunk
/// is decompressed in pieces of at most 64 KiB and every piece goes straight into the session's framer. The
/// guards are checked before a piece is accepted: decompressed bytes of one receive against
/// maxDecompressedBytesPerReceive, and all decompressed bytes against maxExpansionRatio times all compressed bytes
/// received. Data after the end of the stream, corrupt data or a tripped guard is logged with rsyslog's text,
/// counted in decompression.errors, and ends the session; a stream cut off before its end is reported when the
/// session closes. The decoder is created with the first byte and released when the stream ends or fails.
/// </summary>
public sealed class StreamDecompressor : IDisposable
{
    private readonly DecompressionContext _ctx;
    private readonly string _host, _ip, _port;
    private IStreamDecoder? _decoder;
    private long _compressedTotal;
    private long _decompressedTotal;
    private bool _started;

    public StreamDecompressor(DecompressionContext context, string host, string ip, string port)
    {
        _ctx = context;
        _host = host;
        _ip = ip;
        _port = port;
    }

    /// <summary>The stream reached its proper end.</summary>
    public bool Finished { get; private set; }
    /// <summary>The stream was rejected; the session must close without handing on a partial frame.</summary>
    public bool Failed { get; private set; }
    public long CompressedBytes => _compressedTotal;
    public long DecompressedBytes => _decompressedTotal;

    /// <summary>Decompresses one received chunk into <paramref name="framer"/>. False when the session must be torn down.</summary>
    public bool Feed(ReadOnlySpan<byte> chunk, TcpFramer framer, IFrameSink sink)
    {
        if (Failed) return false;
        if (chunk.IsEmpty) return true;
        if (Finished) return Fail(DecompressionText.DataAfterEnd(_ctx.Settings.DriverName));
        _decoder ??= _ctx.CreateDecoder();
        _started = true;
        _compressedTotal += chunk.Length;

        var s = _ctx.Settings;
        long perReceive = 0;
        var input = chunk;
        while (true)
        {
            var status = _decoder.Decode(input, out int used, out var output);
            input = input.Slice(used);
            if (status == DecodeStatus.Error) return Fail(_decoder.Error ?? "invalid data");
            if (!output.IsEmpty)
            {
                perReceive += output.Length;
                _decompressedTotal += output.Length;
                if (s.MaxDecompressedBytesPerReceive > 0 && perReceive > s.MaxDecompressedBytesPerReceive)
                    return Fail(DecompressionText.PerReceiveLimit(s.MaxDecompressedBytesPerReceive));
                if (s.MaxExpansionRatio > 0 && ExceedsRatio(s.MaxExpansionRatio))
                    return Fail(DecompressionText.RatioLimit(s.MaxExpansionRatio));
                _ctx.BytesDecompressed.Add(output.Length);
                framer.Feed(output, sink);
            }
            if (status == DecodeStatus.StreamEnd)
            {
                bool trailing = !input.IsEmpty || _decoder.HasTrailingData;
                Release();
                Finished = true;
                return trailing ? Fail(DecompressionText.DataAfterEnd(s.DriverName)) : true;
            }
            if (output.IsEmpty)
            {
                if (input.IsEmpty) return true; // everything taken: waiting for the next receive
                if (used == 0) return Fail(DecompressionText.NoProgress);
            }
        }
    }

    /// <summary>
    /// The connection is closing. Returns false (after logging and counting it) when a stream had begun but not
    /// reached its end: then the framer's partial frame must not be handed on.
    /// </summary>
    public bool Finish()
    {
        if (Failed) return false;
        if (!_started || Finished) return true;
        Release();
        Failed = true;
        _ctx.Errors.Increment();
        _ctx.Log.Error(DecompressionText.Truncated(_host, _ip, _port, _ctx.Settings.DriverName));
        return false;
    }

    private bool ExceedsRatio(long ratio)
    {
        if (_compressedTotal > long.MaxValue / ratio) return false;
        return _decompressedTotal > _compressedTotal * ratio;
    }

    private bool Fail(string detail)
    {
        Failed = true;
        Release();
        _ctx.Errors.Increment();
        _ctx.Log.Error(DecompressionText.Invalid(_host, _ip, _port, _ctx.Settings.DriverName, detail));
        return false;
    }

    private void Release()
    {
        _decoder?.Dispose();
        _decoder = null;
    }

    public void Dispose() => Release();
}
