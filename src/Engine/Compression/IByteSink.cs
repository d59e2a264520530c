namespace Sluice.Engine.Compression;

/// <summary>
/// Where a compressor or decompressor puts its output (a socket sender, a buffer, a framer). Implementations
/// keep their own failure state: compressors do not look at it, the owner of the sink does.
/// </summary>
public interface IByteSink
{
    void Write(ReadOnlySpan<byte> data);
}
