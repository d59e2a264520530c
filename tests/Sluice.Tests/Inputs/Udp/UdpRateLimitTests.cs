using Sluice.Engine.Diagnostics;
using Sluice.Engine.Inputs.RateLimiting;

namespace Sluice.Tests.Inputs.Udp;

public class UdpRateLimitTests
{
    private static readonly byte[] Host = "box.example"u8.ToArray();

    [Fact]
    public void ListenerDropsBeyondTheBurstAndReportsTheLossWithRsyslogsTexts()
    {
        var kit = new UdpTestKit(UdpTestKit.Config() with { RateLimitInterval = 60, RateLimitBurst = 5 });
        try
        {
            using var s = UdpTestKit.Sender();
            for (int i = 0; i < 20; i++) kit.Send(s, $"<13>limited {i}");
            Assert.True(UdpTestKit.WaitFor(() => kit.WorkerSum("msgs.received") == 20));
            Assert.True(UdpTestKit.WaitFor(() => kit.Submitter.Count == 5));
            Assert.Equal(Enumerable.Range(0, 5).Select(i => $"<13>limited {i}"), kit.Submitter.Messages.Select(m => m.Raw));
            Assert.Equal(5, kit.Submitted); // dropped messages are not "submitted", as in rsyslog

            const string name = "imudp(127.0.0.1/0/IPv4)";
            var begin = kit.Log.Lines.Where(l => l.Text == $"{name} from <127.0.0.1:->: begin to drop messages due to rate-limiting").ToList();
            var line = Assert.Single(begin);
            Assert.Equal(LogLevel.Info, line.Level);
            Assert.False(kit.Log.Contains("messages lost"));

            kit.Input.Stop(); // rsyslog reports the loss when the limiter goes away
            Assert.True(kit.Log.Contains($"{name}: 15 messages lost due to rate-limiting (5 allowed within 60 seconds)"));
        }
        finally
        {
            kit.Dispose();
        }
    }

    [Fact]
    public void WithoutAnIntervalNothingIsLimited()
    {
        using var kit = new UdpTestKit(UdpTestKit.Config() with { RateLimitBurst = 1 });
        using var s = UdpTestKit.Sender();
        for (int i = 0; i < 50; i++) kit.Send(s, $"<13>free {i}");
        Assert.True(UdpTestKit.WaitFor(() => kit.Submitter.Count == 50));
        Assert.False(kit.Log.Contains("rate-limiting"));
    }

    [Fact]
    public void TheWindowOpensWithTheFirstMessageAndTheLossIsToldByTheNextWindowsFirstMessage()
    {
        var log = new RecordingLog();
        var limiter = new RateLimiter("tcpsrv", intervalSeconds: 2, burst: 3, log);
        Assert.True(limiter.Allow(1000, Host));
        Assert.True(limiter.Allow(1001, Host));
        Assert.True(limiter.Allow(1002, Host)); // still inside: the window is [begin, begin + interval]
        Assert.False(limiter.Allow(1002, Host));
        Assert.False(limiter.Allow(1002, Host));
        Assert.Equal(new[] { "tcpsrv from <box.example:->: begin to drop messages due to rate-limiting" }, log.Lines.Select(l => l.Text));

        // Nothing is reported on a timer: only the next message, after the window, tells the loss.
        Assert.True(limiter.Allow(1003, Host));
        Assert.Equal("tcpsrv: 2 messages lost due to rate-limiting (3 allowed within 2 seconds)", log.Lines[^1].Text);
        Assert.Equal(2, limiter.TotalDropped);

        // A new window: three pass again, the fourth is dropped and announced again.
        Assert.True(limiter.Allow(1003, Host));
        Assert.True(limiter.Allow(1004, Host));
        Assert.False(limiter.Allow(1004, Host));
        Assert.Equal(2, log.Lines.Count(l => l.Text.EndsWith("begin to drop messages due to rate-limiting", StringComparison.Ordinal)));
        limiter.Close();
        Assert.Equal("tcpsrv: 1 messages lost due to rate-limiting (3 allowed within 2 seconds)", log.Lines[^1].Text);
        limiter.Close();
        Assert.Equal(4, log.Lines.Count); // nothing more to report
    }

    [Fact]
    public void AClockGoingBackwardsStartsANewWindow()
    {
        var log = new RecordingLog();
        var limiter = new RateLimiter("x", 10, 1, log);
        Assert.True(limiter.Allow(5000, Host));
        Assert.False(limiter.Allow(5001, Host));
        Assert.True(limiter.Allow(4000, Host));
        Assert.Equal("x: 1 messages lost due to rate-limiting (1 allowed within 10 seconds)", log.Lines[^1].Text);
    }

    [Fact]
    public void ABurstOfZeroDropsEverything()
    {
        var limiter = new RateLimiter("x", 1, 0, new RecordingLog());
        Assert.False(limiter.Allow(1, Host));
        Assert.False(limiter.Allow(1, Host));
        Assert.Equal(2, limiter.TotalDropped);
    }

    [Fact]
    public void IsSafeToShareBetweenThreads()
    {
        var limiter = new RateLimiter("x", 3600, 1000, new RecordingLog());
        int passed = 0;
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 1000; i++)
                if (limiter.Allow(42, Host)) Interlocked.Increment(ref passed);
        });
        Assert.Equal(1000, passed);
        Assert.Equal(7000, limiter.TotalDropped);
    }
}
