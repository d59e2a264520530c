using Sluice.Native;

using Sluice.Engine.Compression;

// A second, independent zstd decoder over libzstd, used only to check what the compressors produce
// (the daemon's own decoder is Sluice.Engine.Compression.Decoders.ZstdStreamDecoder).
namespace Sluice.Tests.Compression;

/// <summary>What one <see cref="ZstdStreamDecompressor.Decompress"/> call found.</summary>
public enum DecompressStatus
{
    /// <summary>All input consumed; the frame goes on (or just ended exactly at the end of the input).</summary>
    Ok,
    /// <summary>The data is not valid zstd (see <see cref="ZstdStreamDecompressor.LastError"/>).</summary>
    Corrupt,
    /// <summary>Bytes followed the end of the frame.</summary>
    DataAfterEnd,
}

/// <summary>
/// Push-mode decoding of one zstd frame (the receiving side of omfwd's stream:always with the zstd driver):
/// each chunk received is decompressed into the sink in pieces of at most 64 KiB (rsyslog's imtcp buffer).
/// The frame's end is known exactly (ZSTD_decompressStream returns 0), so data after it is reported.
/// </summary>
public sealed class ZstdStreamDecompressor : IDisposable
{
    public const int OutputChunkSize = 64 * 1024;

    private readonly byte[] _out = new byte[OutputChunkSize];
    private nint _dstream;

    /// <param name="windowLogMax">When &gt; 0, frames needing a larger window (2^windowLogMax bytes) are rejected.</param>
    public ZstdStreamDecompressor(int windowLogMax = 0) => _dstream = Zstd.CreateDecompressor(windowLogMax);

    /// <summary>The end of the frame was reached.</summary>
    public bool Ended { get; private set; }

    /// <summary>Whether any input was given (a connection that sent nothing is not a truncated stream).</summary>
    public bool Started { get; private set; }

    public long BytesIn { get; private set; }
    public long BytesOut { get; private set; }

    /// <summary>zstd's text for the last error (null when none).</summary>
    public string? LastError { get; private set; }

    public DecompressStatus Decompress(ReadOnlySpan<byte> input, IByteSink output)
    {
        if (_dstream == 0) throw new ObjectDisposedException(nameof(ZstdStreamDecompressor));
        if (input.Length > 0) Started = true;
        int inPos = 0;
        while (true)
        {
            if (Ended)
            {
                BytesIn += inPos;
                return inPos < input.Length ? DecompressStatus.DataAfterEnd : DecompressStatus.Ok;
            }
            int outPos = 0;
            nuint rc = Zstd.DecompressStream(_dstream, _out, ref outPos, input, ref inPos);
            if (Zstd.IsError(rc))
            {
                LastError = Zstd.ErrorName(rc);
                BytesIn += inPos;
                return DecompressStatus.Corrupt;
            }
            if (outPos > 0)
            {
                BytesOut += outPos;
                output.Write(new ReadOnlySpan<byte>(_out, 0, outPos));
            }
            if (rc == 0) Ended = true;
            // More to do while input is left or the output buffer was filled (zstd may hold more for us).
            else if (inPos == input.Length && outPos < _out.Length)
            {
                BytesIn += inPos;
                return DecompressStatus.Ok;
            }
        }
    }

    public void Dispose()
    {
        Zstd.FreeDecompressor(_dstream);
        _dstream = 0;
    }
}
