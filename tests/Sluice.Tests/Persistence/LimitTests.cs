using System.Text.RegularExpressions;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Persistence;

/// <summary>queue.maxDiskSpace, the discard mark and the main queue on disk, through the real daemon.</summary>
[Collection(DaemonCollection.Name)]
public sealed class LimitTests
{
    [Fact]
    public void Max_disk_space_reached_makes_producers_wait_then_discards_and_says_so()
    {
        const int N = 20_000;
        int port = NumberSink.FreePort();
        // Two 64 KiB segments hold about 1,200 of these messages.
        using var fwd = new Forwarder(port, "queue.maxFileSize=\"64k\" queue.maxDiskSpace=\"128k\" queue.timeoutEnqueue=\"50\" queue.size=\"100000\"", "Disk");
        fwd.Start();
        fwd.Send(0, N);
        var discarded = fwd.Daemon!.WaitForStderr(new Regex(@"fwd queue: queue full, (\d+) message\(s\) discarded after waiting 50 ms"), TimeSpan.FromSeconds(60));
        Assert.NotNull(discarded);
        Assert.Contains("disk queue is full: the queue files take", fwd.Daemon.Stderr);
        long onDisk = Directory.GetFiles(fwd.WorkDir, Forwarder.QueueFile + ".0*").Sum(f => new FileInfo(f).Length);
        Assert.True(onDisk <= 128 * 1024, $"{onDisk} bytes on disk");

        // Stopped with the target still down: the main queue's rest is discarded the same way; the disk part stays.
        Assert.Equal(0, fwd.Terminate(TimeSpan.FromSeconds(120)));
        using var sink = new NumberSink(port, fwd.Run, N);
        fwd.Start();
        Assert.True(sink.WaitForDistinct(500, TimeSpan.FromSeconds(60)), $"{sink.Distinct}\n{fwd.Daemon.Diagnostics()}");
        Thread.Sleep(1500);
        Assert.InRange(sink.Distinct, 500, 2000); // what fitted in 128 KiB, not the 20,000 sent
        Assert.Equal(0, fwd.Terminate(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void Discard_mark_drops_messages_of_discard_severity_and_below_and_keeps_the_important_ones()
    {
        int port = NumberSink.FreePort();
        using var fwd = new Forwarder(port, "queue.size=\"1000\" queue.discardMark=\"500\" queue.discardSeverity=\"5\"", "Disk");
        fwd.Start();
        fwd.Send(0, 2000, pri: 134);    // local0.info (6): dropped above the mark
        fwd.Send(2000, 200, pri: 131);  // local0.err (3): more important than discardSeverity, kept
        fwd.WaitTakenIn(2000, 200, 2200, null, TimeSpan.FromSeconds(60));

        using var sink = new NumberSink(port, fwd.Run, 2200);
        Assert.True(sink.WaitForDistinct(600, TimeSpan.FromSeconds(60)), $"{sink.Distinct}\n{fwd.Daemon!.Diagnostics()}");
        Thread.Sleep(1000);
        var counts = sink.Counts();
        int info = counts.Take(2000).Count(c => c > 0), err = counts.Skip(2000).Count(c => c > 0);
        Assert.Equal(200, err);
        Assert.InRange(info, 400, 500);
        Assert.Equal(0, fwd.Terminate(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void A_crash_safe_disk_assisted_main_queue_loses_nothing_on_kill_9()
    {
        const int N = 20_000;
        int port = NumberSink.FreePort();
        // A Direct action retrying forever holds up the main queue itself: its journal takes everything.
        using var fwd = new Forwarder(port, "", "Direct",
            "main_queue(queue.type=\"LinkedList\" queue.filename=\"mainq\" queue.checkpointInterval=\"1\" queue.syncQueueFiles=\"on\")");
        fwd.Start();
        fwd.Send(0, N);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (Directory.GetFiles(fwd.WorkDir, "mainq.0*").Length == 0 && sw.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(50);
        WaitMainQueueHolds(fwd, N);
        fwd.Kill9();

        using var sink = new NumberSink(port, fwd.Run, N);
        fwd.Start();
        Assert.True(sink.WaitForDistinct(N, TimeSpan.FromSeconds(90)), $"{sink.Distinct} of {N}\n{fwd.Daemon!.Diagnostics()}");
        Assert.Equal(0, fwd.Terminate(TimeSpan.FromSeconds(60)));
    }

    private static void WaitMainQueueHolds(Forwarder fwd, int n)
    {
        var marker = System.Text.Encoding.ASCII.GetBytes(Forwarder.Line(fwd.Run, n - 1).TrimEnd('\n'));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            foreach (var f in Directory.GetFiles(fwd.WorkDir, "mainq.0*"))
            {
                try { if (File.ReadAllBytes(f).AsSpan().IndexOf(marker) >= 0) return; }
                catch (IOException) { }
            }
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(60), "the last message never reached the main queue's journal\n" + fwd.Daemon!.Diagnostics());
            Thread.Sleep(100);
        }
    }
}
