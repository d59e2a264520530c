namespace Sluice.Engine.Compression;

/// <summary>rsyslog's compression.driver: the library behind stream compression.</summary>
public enum CompressionDriver
{
    /// <summary>zlib format (RFC 1950: header, deflate data, adler32 trailer), rsyslog's default.</summary>
    Zlib,
    /// <summary>One standard zstd frame per stream (rsyslog 8.2606+).</summary>
    Zstd,
}
