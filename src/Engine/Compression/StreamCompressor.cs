namespace Sluice.Engine.Compression;

/// <summary>
/// One compressed stream (rsyslog's compression.mode="stream:always": one per TCP connection). Data written is
/// compressed into the sink as the library emits it; <see cref="Flush"/> makes everything written so far
/// decodable by the receiver without ending the stream (zlib Z_SYNC_FLUSH, zstd ZSTD_e_flush);
/// <see cref="Finish"/> ends it (zlib trailer, end of the zstd frame). A compressor is used by one thread at a time.
/// Methods return false when the library reports an error; the stream is unusable afterwards.
/// </summary>
public abstract class StreamCompressor : IDisposable
{
    /// <summary>Output is handed to the sink in chunks of at most this size (rsyslog's 32 KiB zipBuf).</summary>
    public const int OutputChunkSize = 32 * 1024;

    public abstract CompressionDriver Driver { get; }

    /// <summary>Bytes given to <see cref="Write"/> so far.</summary>
    public long BytesIn { get; protected set; }

    public abstract bool Write(ReadOnlySpan<byte> data);

    public abstract bool Flush();

    /// <summary>Ends the stream; nothing may be written afterwards.</summary>
    public abstract bool Finish();

    /// <summary>Releases the library state; a stream that was not finished is abandoned without writing more.</summary>
    public abstract void Dispose();

    public static StreamCompressor Create(CompressionDriver driver, int level, IByteSink sink) => driver switch
    {
        CompressionDriver.Zstd => new ZstdStreamCompressor(level, sink),
        _ => new ZlibStreamCompressor(level, sink),
    };
}
