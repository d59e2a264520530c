using Sluice.Engine.Compression.Decoders;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Stats;

namespace Sluice.Engine.Inputs.Tcp.Decompression;

/// <summary>
/// What the sessions of one imtcp listener share for stream decompression: the settings, the listener's
/// "bytes.decompressed" and "decompression.errors" counters, the zstd window budget and the log.
/// </summary>
public sealed class DecompressionContext
{
    public DecompressionContext(DecompressionSettings settings, Counter bytesDecompressed, Counter errors, IInternalLog log)
    {
        Settings = settings;
        BytesDecompressed = bytesDecompressed;
        Errors = errors;
        Log = log;
        ZstdWindows = new WindowBudget(settings.MaxTotalZstdWindowBytes);
    }

    public DecompressionSettings Settings { get; }
    public Counter BytesDecompressed { get; }
    public Counter Errors { get; }
    public IInternalLog Log { get; }
    public WindowBudget ZstdWindows { get; }

    public IStreamDecoder CreateDecoder() => Settings.Driver == CompressionDriver.Zstd
        ? new ZstdStreamDecoder(ZstdWindows)
        : new ZlibInflater();
}
