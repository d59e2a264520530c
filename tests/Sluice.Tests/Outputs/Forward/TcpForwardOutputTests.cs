using System.Net;
using System.Net.Sockets;
using System.Text;
using Sluice.Engine.Compression;
using Sluice.Engine.Outputs;
using Sluice.Engine.Outputs.Forward;
using Sluice.Engine.Runtime;
using Sluice.Engine.Templates;
using Sluice.Native;
using Sluice.Tests.Compression;
using Sluice.Tests.Properties;
using static Sluice.Native.SocketConstants;

namespace Sluice.Tests.Outputs.Forward;

/// <summary>omfwd over TCP against a local test receiver: wire bytes, compression, reconnects, rebind, counters.</summary>
public sealed class TcpForwardOutputTests
{
    private readonly ForwardTestKit _kit = new();

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static string Joined(IEnumerable<string> lines, string after = "\n") => string.Concat(lines.Select(l => l + after));

    private static bool Has(TestTcpListener l, int bytes) => l.All().Length >= bytes;

    [Fact]
    public void TraditionalFramingSendsEachMessageWithALineFeed()
    {
        using var listener = new TestTcpListener();
        using var output = _kit.Tcp(listener.Port);
        var lines = ForwardTestKit.Lines("trad", 0, 50);
        Assert.Equal(ActionResult.Ok, ForwardTestKit.Commit(output, lines[..20]));
        Assert.Equal(ActionResult.Ok, ForwardTestKit.Commit(output, lines[20..]));
        string expected = Joined(lines);
        Assert.True(listener.WaitUntil(l => Has(l, expected.Length)));
        Assert.Equal(expected, Encoding.ASCII.GetString(listener.All()));
        Assert.Equal(1, listener.ConnectionCount);

        var stats = _kit.Stats.Find($"TCP-127.0.0.1-{listener.Port}")!;
        Assert.Equal("omfwd", stats.Origin);
        Assert.Equal(["bytes.sent", "messages.sent", "num.connects"], stats.Counters.Select(c => c.Name));
        Assert.Equal(expected.Length, output.BytesSent.Value);
        Assert.Equal(50, output.MessagesSent.Value);
        Assert.Equal(1, output.Connects.Value);
    }

    [Fact]
    public void OctetCountedFramingSendsLengthSpaceMessage()
    {
        using var listener = new TestTcpListener();
        using var output = _kit.Tcp(listener.Port, ("tcp_framing", "octet-counted"));
        var lines = ForwardTestKit.Lines("octet", 0, 30);
        Assert.Equal(ActionResult.Ok, ForwardTestKit.Commit(output, lines));
        string expected = string.Concat(lines.Select(l => $"{l.Length} {l}"));
        Assert.True(listener.WaitUntil(l => Has(l, expected.Length)));
        Assert.Equal(expected, Encoding.ASCII.GetString(listener.All()));
    }

    [Fact]
    public void FrameDelimiterIsConfigurable()
    {
        using var listener = new TestTcpListener();
        using var output = _kit.Tcp(listener.Port, ("tcp_frameDelimiter", 0L));
        var lines = ForwardTestKit.Lines("nul", 0, 3);
        ForwardTestKit.Commit(output, lines);
        string expected = Joined(lines, "\0");
        Assert.True(listener.WaitUntil(l => Has(l, expected.Length)));
        Assert.Equal(expected, Encoding.ASCII.GetString(listener.All()));
    }

    [Fact]
    public void RenderedTextStartingWithZIsOctetCountedEvenInTraditionalMode()
    {
        using var listener = new TestTcpListener();
        using var output = (TcpForwardOutput)_kit.Create("z%msg%", ("target", "127.0.0.1"), ("port", listener.Port.ToString()), ("protocol", "tcp"));
        ForwardTestKit.Commit(output, "<13>Oct 11 22:14:15 host app: one", "<13>Oct 11 22:14:15 host app: two");
        const string Expected = "5 z one5 z two";
        Assert.True(listener.WaitUntil(l => Has(l, Expected.Length)));
        Assert.Equal(Expected, Encoding.ASCII.GetString(listener.All()));
    }

    [Fact]
    public void MessagesAreCutToMaxMessageSize()
    {
        var kit = new ForwardTestKit(new GlobalSettings { MaxMessageSize = 200 });
        using var listener = new TestTcpListener();
        using var output = kit.Tcp(listener.Port);
        string longLine = "<13>Oct 11 22:14:15 host app: " + new string('L', 500);
        ForwardTestKit.Commit(output, longLine, "<13>Oct 11 22:14:15 host app: short");
        string expected = longLine[..200] + "\n<13>Oct 11 22:14:15 host app: short\n";
        Assert.True(listener.WaitUntil(l => Has(l, expected.Length)));
        Assert.Equal(expected, Encoding.ASCII.GetString(listener.All()));
    }

    [Fact]
    public void TheDefaultTemplateIsTraditionalForwardFormat()
    {
        using var listener = new TestTcpListener();
        using var output = _kit.Create(null, ("target", "127.0.0.1"), ("port", listener.Port.ToString()), ("protocol", "tcp"));
        Assert.Equal("RSYSLOG_TraditionalForwardFormat", output.Template.Name);
        var m = SampleMessages.Sample1();
        var rendered = new ByteBuffer();
        output.Template.Render(m, rendered, SampleMessages.Context);
        var tx = output.CreateTransaction();
        tx.Add(m, SampleMessages.Context);
        Assert.Equal(ActionResult.Ok, tx.Commit());
        string expected = Encoding.ASCII.GetString(rendered.WrittenSpan) + "\n";
        Assert.StartsWith("<134>Feb  5 17:32:18 myhost sshd[123]:", expected);
        Assert.True(listener.WaitUntil(l => Has(l, expected.Length)));
        Assert.Equal(expected, Encoding.ASCII.GetString(listener.All()));
    }

    [Fact]
    public void SingleCompressionSendsLongMessagesAsOctetCountedZFrames()
    {
        using var listener = new TestTcpListener();
        using var output = _kit.Tcp(listener.Port, ("zipLevel", 9L)); // zipLevel alone = single
        Assert.Equal(ForwardCompression.Single, output.Settings.Compression);
        string shortLine = "<13>Oct 11 22:14:15 host app: hi";
        string longLine = "<13>Oct 11 22:14:15 host app: " + string.Concat(Enumerable.Repeat("compress me ", 20));
        ForwardTestKit.Commit(output, shortLine, longLine, shortLine);

        var c = new SingleMessageCompressor();
        Assert.True(c.TryCompress(Ascii(longLine), 9));
        var expected = new List<byte>();
        expected.AddRange(Ascii(shortLine + "\n"));
        expected.AddRange(Ascii($"{c.Result.Length} "));
        expected.AddRange(c.Result.ToArray());
        expected.AddRange(Ascii(shortLine + "\n"));
        Assert.True(listener.WaitUntil(l => Has(l, expected.Count)));
        Assert.Equal(expected.ToArray(), listener.All());
    }

    [Theory]
    [InlineData("zlib")]
    [InlineData("zstd")]
    public void StreamCompressionIsDecodableAfterEveryTransactionAndFinishedAtTeardown(string driver)
    {
        using var listener = new TestTcpListener();
        var output = _kit.Tcp(listener.Port, ("compression.mode", "stream:always"), ("compression.driver", driver));
        var expected = new StringBuilder();
        for (int t = 0; t < 8; t++)
        {
            var lines = ForwardTestKit.Lines("stream" + t, t * 40, 40);
            Assert.Equal(ActionResult.Ok, ForwardTestKit.Commit(output, lines));
            expected.Append(Joined(lines));
            string want = expected.ToString();
            Assert.True(listener.WaitUntil(l => Decode(driver, l.All(), out _) == want),
                $"after transaction {t} the receiver could not decode what was sent");
        }
        output.Dispose();
        Assert.True(listener.WaitUntil(l => l.Closed().All(c => c)));
        Assert.Equal(expected.ToString(), Decode(driver, listener.All(), out bool ended));
        Assert.True(ended, "the stream was not finished at teardown");
        Assert.True(output.BytesSent.Value < expected.Length / 3, $"{output.BytesSent.Value} bytes sent for {expected.Length}");
        Assert.Equal(listener.All().Length, output.BytesSent.Value);
    }

    /// <summary>
    /// stream:always zlib with two workers' transactions in flight: the one sealed while another waits is
    /// compressed ahead on its own thread and spliced; a lone one goes through the connection's deflater. Committed
    /// out of seal order, the spliced batch's history does not match and the connection compresses it itself.
    /// Either way the receiver decodes every line in commit order from one finished zlib stream.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LargeBatchesInFlightTogetherAreCompressedAheadAndStayOneStream(bool commitOutOfOrder)
    {
        using var listener = new TestTcpListener();
        var output = _kit.Tcp(listener.Port, ("compression.mode", "stream:always"));
        string[] a = ForwardTestKit.Lines("first", 0, 300), b = ForwardTestKit.Lines("second", 300, 300), c = ForwardTestKit.Lines("third", 600, 300);
        ForwardTransaction Filled(string[] lines)
        {
            var tx = (ForwardTransaction)output.CreateTransaction();
            foreach (var l in lines) Assert.Equal(ActionResult.Ok, tx.Add(ForwardTestKit.Line(l), SampleMessages.Context));
            return tx;
        }
        var txA = Filled(a);
        var txB = Filled(b);
        txA.Seal();
        txB.Seal();
        txA.Prepare();
        txB.Prepare();
        Assert.False(txA.CompressedAhead); // nothing else in flight when it was sealed
        Assert.True(txB.CompressedAhead);
        var order = commitOutOfOrder ? new[] { (txB, b), (txA, a) } : new[] { (txA, a), (txB, b) };
        foreach (var (tx, _) in order) Assert.Equal(ActionResult.Ok, tx.Commit());
        var txC = Filled(c);
        txC.Seal();
        txC.Prepare();
        Assert.False(txC.CompressedAhead); // alone again
        Assert.Equal(ActionResult.Ok, txC.Commit());

        string want = Joined(order[0].Item2) + Joined(order[1].Item2) + Joined(c);
        Assert.True(listener.WaitUntil(l => Decode("zlib", l.All(), out _) == want), "the receiver could not decode what was sent");
        output.Dispose();
        Assert.True(listener.WaitUntil(l => l.Closed().All(x => x)));
        Assert.Equal(want, Decode("zlib", listener.All(), out bool ended));
        Assert.True(ended, "the stream was not finished at teardown");
        Assert.Equal(want, Encoding.ASCII.GetString(Sluice.Tests.Compression.Decoders.CompressedStreams.PythonZlibDecompress(listener.All())));
    }

    /// <summary>
    /// A batch compressed ahead against the old connection's history, committed after the peer went away: the new
    /// connection's stream starts empty, so the batch is compressed again there and decodes on its own.
    /// </summary>
    [Fact]
    public void ABatchCompressedAheadForALostConnectionIsCompressedAgainForTheNewOne()
    {
        using var listener = new TestTcpListener();
        using var output = _kit.Tcp(listener.Port, ("compression.mode", "stream:always"));
        string[] a = ForwardTestKit.Lines("before", 0, 300), b = ForwardTestKit.Lines("after", 300, 300);
        var txA = (ForwardTransaction)output.CreateTransaction();
        var txB = (ForwardTransaction)output.CreateTransaction();
        foreach (var l in a) txA.Add(ForwardTestKit.Line(l), SampleMessages.Context);
        foreach (var l in b) txB.Add(ForwardTestKit.Line(l), SampleMessages.Context);
        txA.Seal();
        txB.Seal();
        txA.Prepare();
        txB.Prepare();
        Assert.True(txB.CompressedAhead);
        Assert.Equal(ActionResult.Ok, txA.Commit());
        Assert.True(listener.WaitUntil(l => Decode("zlib", l.All(), out _) == Joined(a)));
        listener.DropConnections();
        Assert.True(WaitForPeerClose(output));

        Assert.Equal(ActionResult.Ok, txB.Commit());
        Assert.True(listener.WaitUntil(l => l.ConnectionCount == 2 && Decode("zlib", l.Received()[1], out _) == Joined(b)),
            "the new connection's stream did not decode to the batch");
        Assert.True(ZlibFormat.HasHeader(listener.Received()[1]));
        Assert.Equal(2, output.Connects.Value);
    }

    [Fact]
    public void WithoutFlushOnTxEndTheStreamHoldsDataUntilTeardown()
    {
        using var listener = new TestTcpListener();
        var output = _kit.Tcp(listener.Port, ("compression.mode", "stream:always"), ("compression.stream.flushOnTXEnd", false));
        var lines = ForwardTestKit.Lines("held", 0, 20);
        ForwardTestKit.Commit(output, lines);
        Assert.True(listener.WaitUntil(l => l.ConnectionCount == 1));
        Thread.Sleep(200);
        Assert.True(Decode("zlib", listener.All(), out _).Length < Joined(lines).Length);
        output.Dispose();
        Assert.True(listener.WaitUntil(l => l.Closed().All(c => c)));
        Assert.Equal(Joined(lines), Decode("zlib", listener.All(), out bool ended));
        Assert.True(ended);
    }

    [Fact]
    public void UnreachableTargetSuspendsAndResumesWhenItComesUp()
    {
        int port;
        using (var probe = new TestTcpListener()) port = probe.Port; // a port nobody listens on any more
        using var output = _kit.Tcp(port);
        var lines = ForwardTestKit.Lines("down", 0, 5);
        Assert.Equal(ActionResult.Suspended, ForwardTestKit.Commit(output, lines));
        Assert.True(_kit.Log.Contains($"cannot connect to 127.0.0.1:{port}: Connection refused"), string.Join("\n", _kit.Log.Lines));
        Assert.Equal(ActionResult.Suspended, output.TryResume());
        Assert.Equal(0, output.Connects.Value);
        Assert.Equal(0, output.MessagesSent.Value);

        using var listener = new TestTcpListener(port);
        Assert.Equal(ActionResult.Ok, output.TryResume());
        Assert.True(output.IsConnected);
        Assert.Equal(ActionResult.Ok, ForwardTestKit.Commit(output, lines));
        Assert.True(listener.WaitUntil(l => Has(l, Joined(lines).Length)));
        Assert.Equal(Joined(lines), Encoding.ASCII.GetString(listener.All()));
        Assert.Equal(1, output.Connects.Value);
    }

    [Fact]
    public void APeerThatClosedIsNoticedBeforeSendingAndTheBatchGoesToANewConnection()
    {
        using var listener = new TestTcpListener();
        using var output = _kit.Tcp(listener.Port);
        var a = ForwardTestKit.Lines("before", 0, 3);
        var b = ForwardTestKit.Lines("after", 3, 3);
        ForwardTestKit.Commit(output, a);
        Assert.True(listener.WaitUntil(l => Has(l, Joined(a).Length)));
        listener.DropConnections();
        Assert.True(WaitForPeerClose(output));

        Assert.Equal(ActionResult.Ok, ForwardTestKit.Commit(output, b));
        Assert.True(listener.WaitUntil(l => l.ConnectionCount == 2 && l.Received()[1].Length >= Joined(b).Length));
        Assert.Equal(Joined(b), Encoding.ASCII.GetString(listener.Received()[1]));
        Assert.True(_kit.Log.Contains($"omfwd: remote server at 127.0.0.1:{listener.Port} seems to have closed connection"));
        Assert.Equal(2, output.Connects.Value);
    }

    [Fact]
    public void ResendLastMessageOnReconnectRepeatsTheLastDeliveredMessageFirst()
    {
        using var listener = new TestTcpListener();
        using var output = _kit.Tcp(listener.Port, ("ResendLastMSGOnReconnect", true));
        var a = ForwardTestKit.Lines("first", 0, 3);
        var b = ForwardTestKit.Lines("second", 3, 2);
        ForwardTestKit.Commit(output, a);
        Assert.True(listener.WaitUntil(l => Has(l, Joined(a).Length)));
        listener.DropConnections();
        Assert.True(WaitForPeerClose(output));
        ForwardTestKit.Commit(output, b);
        string expected = Joined([a[^1], .. b]);
        Assert.True(listener.WaitUntil(l => l.ConnectionCount == 2 && l.Received()[1].Length >= expected.Length));
        Assert.Equal(expected, Encoding.ASCII.GetString(listener.Received()[1]));
    }

    [Fact]
    public void RebindIntervalOpensANewConnectionEveryNMessages()
    {
        using var listener = new TestTcpListener();
        using var output = _kit.Tcp(listener.Port, ("rebindInterval", 10L));
        var lines = ForwardTestKit.Lines("rebind", 1, 35);
        for (int i = 0; i < 35; i += 7) Assert.Equal(ActionResult.Ok, ForwardTestKit.Commit(output, lines[i..(i + 7)]));
        // tcpclt.c counting: messages 10, 20 and 30 each go out first on a new connection.
        string[] expected = [Joined(lines[..9]), Joined(lines[9..19]), Joined(lines[19..29]), Joined(lines[29..])];
        Assert.True(listener.WaitUntil(l => l.ConnectionCount == 4 && l.Received()[3].Length >= expected[3].Length));
        Assert.Equal(expected, listener.Received().Select(b => Encoding.ASCII.GetString(b)));
        Assert.True(listener.WaitUntil(l => l.Closed().Take(3).All(c => c)), "the rebound connections were not closed");
        Assert.Equal(4, output.Connects.Value);
    }

    [Fact]
    public void RebindFinishesEachCompressedStream()
    {
        using var listener = new TestTcpListener();
        using var output = _kit.Tcp(listener.Port, ("rebindInterval", 5L), ("compression.mode", "stream:always"));
        var lines = ForwardTestKit.Lines("zrebind", 1, 12);
        ForwardTestKit.Commit(output, lines);
        Assert.True(listener.WaitUntil(l => l.ConnectionCount == 3 && Decode("zlib", l.Received()[2], out _) == Joined(lines[9..])));
        var got = listener.Received();
        Assert.Equal(Joined(lines[..4]), Decode("zlib", got[0], out bool end0));
        Assert.Equal(Joined(lines[4..9]), Decode("zlib", got[1], out bool end1));
        Assert.True(end0 && end1, "a rebound connection's stream lacks its trailer");
    }

    [Fact]
    public void KeepAliveSettingsReachTheSocket()
    {
        using var listener = new TestTcpListener();
        using var output = _kit.Tcp(listener.Port, ("keepAlive", true), ("keepAlive.probes", 5L), ("keepAlive.time", 30L), ("keepAlive.interval", 7L));
        Assert.Equal(ActionResult.Ok, output.TryResume());
        int fd = output.SocketDescriptor;
        Assert.Equal(1, Sockets.GetOption(fd, SOL_SOCKET, SO_KEEPALIVE));
        Assert.Equal(5, Sockets.GetOption(fd, IPPROTO_TCP, TCP_KEEPCNT));
        Assert.Equal(30, Sockets.GetOption(fd, IPPROTO_TCP, TCP_KEEPIDLE));
        Assert.Equal(7, Sockets.GetOption(fd, IPPROTO_TCP, TCP_KEEPINTVL));

        using var plain = _kit.Tcp(listener.Port);
        plain.TryResume();
        Assert.Equal(0, Sockets.GetOption(plain.SocketDescriptor, SOL_SOCKET, SO_KEEPALIVE));
    }

    [Fact]
    public void TargetNamesAreResolved()
    {
        using var listener = new TestTcpListener();
        // "localhost" may resolve to ::1 first; the connection falls through to 127.0.0.1.
        using var output = (TcpForwardOutput)_kit.Create(ForwardTestKit.RawTemplate, ("target", "localhost"), ("port", listener.Port.ToString()), ("protocol", "tcp"));
        ForwardTestKit.Commit(output, "<13>Oct 11 22:14:15 host app: by name");
        Assert.True(listener.WaitUntil(l => Has(l, 1)));
        Assert.Equal("<13>Oct 11 22:14:15 host app: by name\n", Encoding.ASCII.GetString(listener.All()));
        Assert.NotNull(_kit.Stats.Find($"TCP-localhost-{listener.Port}"));
    }

    /// <summary>Waits until the output's connection shows the peer's close (the FIN arrived).</summary>
    private static bool WaitForPeerClose(TcpForwardOutput output)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (ClientSockets.PeerHasClosed(output.SocketDescriptor, out _)) return true;
            Thread.Sleep(10);
        }
        return false;
    }

    /// <summary>What a receiver decodes from one connection's bytes; <paramref name="ended"/> = the stream was finished.</summary>
    internal static string Decode(string driver, byte[] data, out bool ended)
    {
        if (driver == "zstd")
        {
            using var d = new ZstdStreamDecompressor();
            var sink = new CollectingSink();
            var status = d.Decompress(data, sink);
            ended = d.Ended && status == DecompressStatus.Ok;
            return Encoding.ASCII.GetString(sink.Bytes);
        }
        if (data.Length < 2)
        {
            ended = false;
            return "";
        }
        var text = ZlibDecode.Inflate(data);
        ended = ZlibFormat.EndsWithAdler32(data, text);
        return Encoding.ASCII.GetString(text);
    }
}
