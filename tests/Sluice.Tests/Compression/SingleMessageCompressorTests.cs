using System.Text;
using Sluice.Engine.Compression;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Compression;

/// <summary>rsyslog's "single" compression: 'z' + compress2() output, only above 60 bytes and only when it is shorter.</summary>
public sealed class SingleMessageCompressorTests
{
    private const string Message = "<13>Oct 11 22:14:15 host app: hello hello hello hello hello hello hello world";

    [Fact]
    public void CompressesToZFollowedByTheZlibStreamCompress2Makes()
    {
        var c = new SingleMessageCompressor();
        Assert.True(c.TryCompress(Encoding.ASCII.GetBytes(Message), 9));
        // zlib.compress(MESSAGE, 9) from the system's zlib 1.2.13 (what rsyslog's compress2 produces).
        Assert.Equal("7A" + "78DAB33134B6F34F2E513034543032B23234B1323455C8C82F2E51482C28B052C848CDC9C9278A2CCF2FCA49010089621977",
            Convert.ToHexString(c.Result));
    }

    [Fact]
    public void MessagesOf60BytesOrLessAreNeverCompressed()
    {
        var c = new SingleMessageCompressor();
        Assert.False(c.TryCompress(Encoding.ASCII.GetBytes(new string('a', 60)), 9));
        Assert.True(c.TryCompress(Encoding.ASCII.GetBytes(new string('a', 61)), 9));
        Assert.Equal((byte)'z', c.Result[0]);
    }

    [Fact]
    public void IncompressibleMessagesAreSentAsTheyAre()
    {
        var random = new byte[200];
        new Random(42).NextBytes(random);
        Assert.False(new SingleMessageCompressor().TryCompress(random, 9));
        // Level 0 stores: never shorter.
        Assert.False(new SingleMessageCompressor().TryCompress(Encoding.ASCII.GetBytes(new string('a', 500)), 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    public void RoundTripsAndCarriesTheAdler32Trailer(int level)
    {
        var text = Encoding.ASCII.GetBytes(Message + " " + new string('x', 300));
        var c = new SingleMessageCompressor();
        Assert.True(c.TryCompress(text, level));
        var z = c.Result.ToArray();
        Assert.True(ZlibFormat.HasHeader(z.AsSpan(1)));
        Assert.True(ZlibFormat.EndsWithAdler32(z.AsSpan(1), text));
        Assert.Equal(text, ZlibDecode.Inflate(z[1..]));

        var back = new ByteBuffer();
        Assert.True(SingleMessageCompressor.TryDecompress(z, 8096, back));
        Assert.Equal(text, back.WrittenSpan.ToArray());
    }

    [Fact]
    public void DecompressRefusesWhatUncompressWouldRefuse()
    {
        var c = new SingleMessageCompressor();
        var text = Encoding.ASCII.GetBytes(new string('q', 5000));
        Assert.True(c.TryCompress(text, 9));
        var z = c.Result.ToArray();
        var back = new ByteBuffer();
        Assert.False(SingleMessageCompressor.TryDecompress(z, 4999, back)); // larger than the buffer
        Assert.False(SingleMessageCompressor.TryDecompress(z[..^3], 8096, back)); // trailer cut
        Assert.False(SingleMessageCompressor.TryDecompress("zebra crossing"u8, 8096, back)); // not zlib
        Assert.False(SingleMessageCompressor.TryDecompress("plain"u8, 8096, back));
    }
}
