using System.Text;
using Sluice.Engine.Outputs.Forward;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Outputs.Forward;

/// <summary>rsyslog's TCP send framing (tcpclt.c TCPSendBldFrame), byte for byte.</summary>
public sealed class FrameBuilderTests
{
    private static string Frame(string message, TcpFraming framing, byte delimiter = (byte)'\n')
    {
        var b = new ByteBuffer(16);
        FrameBuilder.Append(b, Encoding.Latin1.GetBytes(message), framing, delimiter);
        return Encoding.Latin1.GetString(b.WrittenSpan);
    }

    [Fact]
    public void OctetCountedIsLengthSpaceMessageWithoutTrailingDelimiter()
    {
        Assert.Equal("32 <13>Oct 11 22:14:15 host app: hi", Frame("<13>Oct 11 22:14:15 host app: hi", TcpFraming.OctetCounted));
        // LEN counts the message bytes only, whatever they contain.
        Assert.Equal("6 a\nb\n\nc", Frame("a\nb\n\nc", TcpFraming.OctetCounted));
        Assert.Equal("0 ", Frame("", TcpFraming.OctetCounted));
    }

    [Fact]
    public void TraditionalAppendsTheDelimiterOnlyWhenTheMessageDoesNotEndWithIt()
    {
        Assert.Equal("<13>host app: hi\n", Frame("<13>host app: hi", TcpFraming.Traditional));
        Assert.Equal("<13>host app: hi\n", Frame("<13>host app: hi\n", TcpFraming.Traditional));
        Assert.Equal("a\n\n", Frame("a\n\n", TcpFraming.Traditional));
        Assert.Equal("\n", Frame("", TcpFraming.Traditional));
    }

    [Fact]
    public void TraditionalUsesTheConfiguredDelimiter()
    {
        Assert.Equal("msg\0", Frame("msg", TcpFraming.Traditional, 0));
        Assert.Equal("msg\0", Frame("msg\0", TcpFraming.Traditional, 0));
        Assert.Equal("msg\n|", Frame("msg\n", TcpFraming.Traditional, (byte)'|'));
    }

    [Fact]
    public void AMessageStartingWithZIsAlwaysOctetCounted()
    {
        // rsyslog tests only the first byte, not whether the message really is compressed.
        Assert.Equal("9 zcompress", Frame("zcompress", TcpFraming.Traditional));
        Assert.Equal("5 z\n\0\n!", Frame("z\n\0\n!", TcpFraming.Traditional));
        Assert.Equal("Zebra\n", Frame("Zebra", TcpFraming.Traditional)); // only a lower-case z forces it
    }

    [Fact]
    public void LongMessagesGetTheirFullDecimalLength()
    {
        string m = new('x', 123456);
        Assert.StartsWith("123456 xxx", Frame(m, TcpFraming.OctetCounted));
        Assert.Equal(123456 + 7, Frame(m, TcpFraming.OctetCounted).Length);
    }
}
