using System.IO.Compression;

namespace Sluice.Engine.Compression;

/// <summary>zlib's numeric levels 0..9 as ZLibCompressionOptions, made once (no allocation per stream or message).</summary>
internal static class ZlibLevels
{
    public const int Max = 9;

    private static readonly ZLibCompressionOptions[] ByLevel = Make();

    public static ZLibCompressionOptions Options(int level) =>
        (uint)level <= Max ? ByLevel[level] : throw new ArgumentOutOfRangeException(nameof(level), level, "zlib levels are 0..9");

    private static ZLibCompressionOptions[] Make()
    {
        var all = new ZLibCompressionOptions[Max + 1];
        for (int i = 0; i <= Max; i++)
            all[i] = new ZLibCompressionOptions { CompressionLevel = i, CompressionStrategy = ZLibCompressionStrategy.Default };
        return all;
    }
}
