using System.Text;
using Sluice.Engine.Compression;

namespace Sluice.Tests.Compression;

public sealed class ZlibFormatTests
{
    [Fact]
    public void Adler32MatchesRfc1950()
    {
        Assert.Equal(0x11E60398u, ZlibFormat.Adler32(Encoding.ASCII.GetBytes("Wikipedia")));
        Assert.Equal(1u, ZlibFormat.Adler32(ReadOnlySpan<byte>.Empty));
        // Long input: the modulo must be taken before the sums overflow.
        var big = new byte[1_000_000];
        Array.Fill(big, (byte)0xFF);
        Assert.Equal(0x3843E1BEu, ZlibFormat.Adler32(big));
    }

    [Fact]
    public void RecognisesZlibHeadersOnly()
    {
        Assert.True(ZlibFormat.HasHeader([0x78, 0x9C]));
        Assert.True(ZlibFormat.HasHeader([0x78, 0xDA]));
        Assert.True(ZlibFormat.HasHeader([0x78, 0x01]));
        Assert.False(ZlibFormat.HasHeader([0x1F, 0x8B])); // gzip
        Assert.False(ZlibFormat.HasHeader([0x78, 0x9D])); // check bits wrong
        Assert.False(ZlibFormat.HasHeader([0x78, 0xBB])); // preset dictionary
        Assert.False(ZlibFormat.HasHeader([0x28, 0xB5])); // zstd magic
    }

    [Fact]
    public void HeaderIsTheOneZlibWritesForEveryLevel()
    {
        for (int level = 0; level <= 9; level++)
        {
            var ms = new MemoryStream();
            using (var z = new System.IO.Compression.ZLibStream(ms, new System.IO.Compression.ZLibCompressionOptions { CompressionLevel = level }))
                z.Write("x"u8);
            var header = new byte[2];
            ZlibFormat.WriteHeader(level, header);
            Assert.Equal(Convert.ToHexString(ms.ToArray()[..2]), Convert.ToHexString(header));
        }
    }

    [Fact]
    public void CombinedAdler32EqualsTheChecksumOfTheConcatenation()
    {
        var r = new Random(5);
        var data = new byte[300_000];
        r.NextBytes(data);
        Array.Fill(data, (byte)0xFF, 100_000, 100_000); // sums near their maximum
        foreach (int cut in new[] { 0, 1, 5552, 65521, 65522, 131_042, 200_001, data.Length })
        {
            uint a = ZlibFormat.Adler32(data.AsSpan(0, cut)), b = ZlibFormat.Adler32(data.AsSpan(cut));
            Assert.Equal(ZlibFormat.Adler32(data), ZlibFormat.CombineAdler32(a, b, data.Length - cut));
        }
    }
}
