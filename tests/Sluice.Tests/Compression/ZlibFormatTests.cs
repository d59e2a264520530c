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
}
