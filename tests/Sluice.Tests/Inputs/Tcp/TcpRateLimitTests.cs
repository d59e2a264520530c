using Sluice.Engine.Diagnostics;
using Sluice.Engine.Inputs.Tcp;

namespace Sluice.Tests.Inputs.Tcp;

/// <summary>
/// imtcp ratelimit.interval / ratelimit.burst as rsyslogd 8.2302 applies them: one limiter per input(),
/// shared by all of its sessions, named "tcperver" in its messages; "submitted" counts the messages it drops.
/// </summary>
public class TcpRateLimitTests
{
    private const string BeginText = "tcperver from <127.0.0.1:->: begin to drop messages due to rate-limiting";

    private static TcpInputConfig Limited(int interval, int burst) =>
        TcpTestKit.Config() with { RateLimitInterval = interval, RateLimitBurst = burst };

    private static void SendLines(TcpTestKit kit, string prefix, int count)
    {
        using var s = kit.Connect();
        TcpTestKit.Send(s, string.Concat(Enumerable.Range(0, count).Select(i => $"<13>{prefix} {i}\n")));
        s.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        Assert.True(TcpTestKit.ServerClosed(s));
    }

    private static long Submitted(TcpTestKit kit) => kit.Counter(kit.Input.ListenerStats, "submitted");

    [Fact]
    public void TheBurstIsSharedByEverySessionOfTheListener()
    {
        var kit = new TcpTestKit(Limited(3600, 5));
        try
        {
            SendLines(kit, "first", 3);
            Assert.True(TcpTestKit.WaitFor(() => Submitted(kit) == 3));
            SendLines(kit, "second", 10); // a new session: only what is left of the burst passes
            Assert.True(TcpTestKit.WaitFor(() => Submitted(kit) == 13));

            Assert.Equal(new[] { "<13>first 0", "<13>first 1", "<13>first 2", "<13>second 0", "<13>second 1" },
                kit.Submitter.Messages.Select(m => m.Raw));
            var begin = Assert.Single(kit.Log.Lines, l => l.Text == BeginText);
            Assert.Equal(LogLevel.Info, begin.Level);
            Assert.False(kit.Log.Contains("messages lost"));
            Assert.Equal(8, kit.Input.Limiter!.TotalDropped);

            kit.Input.Stop(); // the loss of the open window is told when the limiter goes away
            Assert.Contains(kit.Log.Lines, l => l.Text == "tcperver: 8 messages lost due to rate-limiting (5 allowed within 3600 seconds)");
        }
        finally
        {
            kit.Dispose();
        }
    }

    [Fact]
    public void EachInputHasItsOwnLimiter()
    {
        using var a = new TcpTestKit(Limited(3600, 2));
        using var b = new TcpTestKit(Limited(3600, 2));
        SendLines(a, "a", 4);
        SendLines(b, "b", 4);
        Assert.True(TcpTestKit.WaitFor(() => Submitted(a) == 4 && Submitted(b) == 4));
        Assert.Equal(new[] { "<13>a 0", "<13>a 1" }, a.Submitter.Messages.Select(m => m.Raw));
        Assert.Equal(new[] { "<13>b 0", "<13>b 1" }, b.Submitter.Messages.Select(m => m.Raw));
    }

    [Fact]
    public void AfterTheIntervalTheNextMessagePassesAndTellsTheLoss()
    {
        using var kit = new TcpTestKit(Limited(1, 2));
        SendLines(kit, "early", 6);
        Assert.True(TcpTestKit.WaitFor(() => Submitted(kit) == 6));
        Assert.Equal(2, kit.Submitter.Count);
        // The window is [begin, begin + 1 s]: after more than a second a new one opens with the next message.
        Thread.Sleep(2100);
        SendLines(kit, "late", 1);
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 3));
        Assert.Equal("<13>late 0", kit.Submitter.Messages[^1].Raw);
        Assert.Contains(kit.Log.Lines, l => l.Text == "tcperver: 4 messages lost due to rate-limiting (2 allowed within 1 seconds)");
    }

    [Fact]
    public void WithoutAnIntervalNothingIsLimited()
    {
        using var kit = new TcpTestKit(Limited(0, 1));
        SendLines(kit, "free", 50);
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 50));
        Assert.False(kit.Log.Contains("rate-limiting"));
    }

    [Fact]
    public void TheLimiterCountsAfterDecompression()
    {
        var text = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 20).Select(i => $"<13>z {i}\n")));
        var stream = Sluice.Tests.Compression.Decoders.CompressedStreams.DotNetZlib(text);
        using var kit = Decompression.DecompressionKit.Start(Decompression.DecompressionKit.Config() with { RateLimitInterval = 3600, RateLimitBurst = 7 });
        Decompression.DecompressionKit.SendAndClose(kit, stream);
        Assert.True(TcpTestKit.WaitFor(() => Submitted(kit) == 20));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"<13>z {i}"), kit.Submitter.Messages.Select(m => m.Raw));
    }
}
