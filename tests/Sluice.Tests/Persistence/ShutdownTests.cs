using System.Text.RegularExpressions;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Persistence;

/// <summary>
/// SIGTERM with 100,000 messages in the memory part of a disk-assisted action queue whose target is down:
/// queue.saveOnShutdown (rsyslog's code default: on) writes them to disk and the next start delivers them; with it
/// off they are discarded, with rsyslog's warning saying how many.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class ShutdownTests
{
    private const int N = 100_000;
    /// <summary>A memory part big enough for all of them (high watermark: 90% of 200,000).</summary>
    private const string InMemory = "queue.size=\"200000\"";

    [Fact]
    public void Term_saves_the_memory_part_and_the_next_start_delivers_it()
    {
        int port = NumberSink.FreePort();
        using var fwd = new Forwarder(port, InMemory);
        fwd.Start();
        fwd.Send(0, N);
        Assert.Equal(0, fwd.Terminate(TimeSpan.FromSeconds(90)));
        Assert.Contains("queue.saveonshutdown is set, so data will now be spooled to disk", fwd.Daemon!.Stderr);
        Assert.NotEmpty(Directory.GetFiles(fwd.WorkDir, Forwarder.QueueFile + ".*"));

        using var sink = new NumberSink(port, fwd.Run, N);
        fwd.Start();
        Assert.True(sink.WaitForDistinct(N, TimeSpan.FromSeconds(90)), $"{sink.Distinct} of {N} arrived\n{fwd.Daemon.Diagnostics()}");
        Assert.Equal(0, fwd.Terminate(TimeSpan.FromSeconds(60)));
        // Delivered: an empty queue removes its files.
        Assert.Empty(Directory.GetFiles(fwd.WorkDir, Forwarder.QueueFile + ".*"));
    }

    [Fact]
    public void Term_without_save_on_shutdown_discards_with_a_warning_that_counts()
    {
        int port = NumberSink.FreePort();
        using var fwd = new Forwarder(port, InMemory + " queue.saveOnShutdown=\"off\"");
        fwd.Start();
        fwd.Send(0, N);
        Assert.Equal(0, fwd.Terminate(TimeSpan.FromSeconds(90)));
        string err = fwd.Daemon!.Stderr;
        var m = Regex.Match(err, @"fwd queue: queue holds (\d+) messages after shutdown of workers\. queue\.saveonshutdown is NOT set, so data will be discarded");
        Assert.True(m.Success, err);
        long held = long.Parse(m.Groups[1].Value);
        // The rest is the batch the suspended action held; it is reported as discarded too.
        var inFlight = Regex.Match(err, @"fwd queue: (\d+) messages could not be delivered before shutdown and were discarded");
        Assert.True(inFlight.Success, err);
        long total = long.Parse(inFlight.Groups[1].Value);
        Assert.True(total >= N && total <= N + 20, $"discarded {total} (of which {held} in the queue), sent {N}");

        // Nothing was kept: after a restart only a new message arrives.
        using var sink = new NumberSink(port, fwd.Run, N + 1);
        fwd.Start();
        fwd.Send(N, 1);
        Assert.True(sink.WaitForDistinct(1, TimeSpan.FromSeconds(60)), fwd.Daemon.Diagnostics());
        Thread.Sleep(500);
        Assert.Equal(1, sink.Distinct);
        Assert.Equal(1, sink.CountOf(N));
    }

    /// <summary>
    /// A disk-assisted main or ruleset queue in front of a Direct action that is retrying forever: at TERM the
    /// batch the action was cut off in and the rest of the memory part go to disk, and the next start delivers them.
    /// </summary>
    [Theory]
    [InlineData("ruleset")]
    [InlineData("main")]
    public void A_disk_assisted_main_or_ruleset_queue_keeps_what_a_direct_action_could_not_deliver(string where)
    {
        const int n = 20_000;
        int port = NumberSink.FreePort();
        const string queue = "queue.type=\"LinkedList\" queue.size=\"50000\"";
        using var fwd = where == "main"
            ? new Forwarder(port, "", actionQueueType: "Direct", mainQueue: $"main_queue({queue} queue.filename=\"{Forwarder.QueueFile}\")")
            : new Forwarder(port, "", rulesetQueue: queue);
        fwd.Start();
        fwd.Send(0, n);
        Assert.Equal(0, fwd.Terminate(TimeSpan.FromSeconds(90)));
        string err = fwd.Daemon!.Stderr;
        Assert.True(err.Contains("queue.saveonshutdown is set, so data will now be spooled to disk", StringComparison.Ordinal), err);
        Assert.DoesNotContain("discarded", err);
        Assert.NotEmpty(Directory.GetFiles(fwd.WorkDir, Forwarder.QueueFile + ".*"));

        using var sink = new NumberSink(port, fwd.Run, n);
        fwd.Start();
        Assert.True(sink.WaitForDistinct(n, TimeSpan.FromSeconds(90)), $"{sink.Distinct} of {n} arrived\n{fwd.Daemon.Diagnostics()}");
        Assert.Equal(0, fwd.Terminate(TimeSpan.FromSeconds(60)));
    }
}
