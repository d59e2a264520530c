using Sluice.Native;

namespace Sluice.Engine.Compression.Decoders;

/// <summary>
/// Decodes one zstd frame fed in pieces of any size through libzstd's streaming decoder (as rsyslog's imtcp does
/// since 8.2606). The frame header (at most 18 bytes) is gathered first so that the frame's window size can be
/// reserved against a shared <see cref="WindowBudget"/> (rsyslog 8.2608's maxTotalZstdWindowBytes) before libzstd
/// allocates it; the reservation is returned on dispose. The end of the frame ends the stream: libzstd stops
/// exactly there, so any byte after it is left unconsumed for the caller to reject. Output comes in chunks of at
/// most 64 KiB from one reused buffer.
/// </summary>
public sealed class ZstdStreamDecoder : IStreamDecoder
{
    public const int DefaultChunkSize = 64 * 1024;

    private readonly WindowBudget? _budget;
    private readonly byte[] _out;
    private readonly byte[] _header = new byte[Zstd.FrameHeaderSizeMax];
    private int _headerLength;
    private nint _stream;
    private long _reservedWindow;
    private bool _finished;
    private bool _failed;

    public ZstdStreamDecoder(WindowBudget? budget = null, int chunkSize = DefaultChunkSize)
    {
        _budget = budget;
        _out = new byte[chunkSize];
    }

    public int ChunkSize => _out.Length;
    public bool Finished => _finished;
    public bool HasTrailingData => false;
    public string? Error { get; private set; }
    /// <summary>The window size the frame header asked for (0 until the header was read).</summary>
    public long WindowSize { get; private set; }
    public long TotalOut { get; private set; }

    public DecodeStatus Decode(ReadOnlySpan<byte> input, out int consumed, out ReadOnlySpan<byte> output)
    {
        consumed = 0;
        output = default;
        if (_failed) return DecodeStatus.Error;
        if (_finished) return DecodeStatus.StreamEnd;

        if (_stream == 0)
        {
            // Gather the header one byte at a time: getFrameHeader says how many it needs, so none beyond it is taken.
            while (true)
            {
                nuint rc = Zstd.GetFrameHeader(_header.AsSpan(0, _headerLength), out ulong windowSize, out _);
                if (Zstd.IsError(rc)) return Fail(Zstd.ErrorName(rc));
                if (rc == 0)
                {
                    WindowSize = (long)Math.Min(windowSize, long.MaxValue);
                    if (_budget != null && !_budget.TryReserve(WindowSize)) return Fail("zstd decoder window budget exhausted");
                    _reservedWindow = _budget != null ? WindowSize : 0;
                    _stream = Zstd.CreateDecompressor();
                    break;
                }
                if (consumed == input.Length) return DecodeStatus.Ok;
                if (_headerLength == _header.Length) return Fail("frame header too long"); // cannot happen with libzstd's limit
                _header[_headerLength++] = input[consumed++];
            }
            // The header goes to libzstd first; on its own it produces no output.
            var status = Step(_header.AsSpan(0, _headerLength), out int used, out output);
            if (status == DecodeStatus.Error) return status;
            if (used != _headerLength) return Fail("zstd did not take the frame header");
            if (status == DecodeStatus.StreamEnd || output.Length > 0) return status;
        }

        var result = Step(input.Slice(consumed), out int taken, out output);
        consumed += taken;
        return result;
    }

    private DecodeStatus Step(ReadOnlySpan<byte> input, out int consumed, out ReadOnlySpan<byte> output)
    {
        consumed = 0;
        output = default;
        int outPos = 0;
        nuint rc = Zstd.DecompressStream(_stream, _out, ref outPos, input, ref consumed);
        if (Zstd.IsError(rc)) return Fail(Zstd.ErrorName(rc));
        output = new ReadOnlySpan<byte>(_out, 0, outPos);
        TotalOut += output.Length;
        if (rc == 0)
        {
            // The frame is complete and flushed: the stream is over; the decoder's memory can go now.
            _finished = true;
            FreeStream();
            return DecodeStatus.StreamEnd;
        }
        return DecodeStatus.Ok;
    }

    private DecodeStatus Fail(string error)
    {
        Error = error;
        _failed = true;
        FreeStream();
        return DecodeStatus.Error;
    }

    private void FreeStream()
    {
        if (_stream != 0)
        {
            Zstd.FreeDecompressor(_stream);
            _stream = 0;
        }
        if (_reservedWindow > 0)
        {
            _budget!.Release(_reservedWindow);
            _reservedWindow = 0;
        }
    }

    public void Dispose()
    {
        FreeStream();
        GC.SuppressFinalize(this);
    }

    ~ZstdStreamDecoder() => FreeStream();
}
