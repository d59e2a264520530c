using System.Diagnostics;
using Sluice.Tests.Integration;
using Xunit.Abstractions;

namespace Sluice.Tests.Persistence;

/// <summary>
/// Issue 5's crash test through the real binary: a forwarder with a crash-safe disk-assisted action queue
/// (checkpointInterval=1, syncQueueFiles=on: every accepted message is in the memory-mapped journal) killed with
/// SIGKILL while its target is down, while it re-reads its spool, and in the middle of draining. Every number must
/// arrive at least once; duplicates are bounded by the batch in flight at each kill.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class CrashTests
{
    private const string CrashSafe = "queue.checkpointInterval=\"1\" queue.syncQueueFiles=\"on\"";
    /// <summary>The action queue's dequeueBatchSize (rsyslog's default for action queues).</summary>
    private const int BatchInFlight = 128;

    private readonly ITestOutputHelper _out;

    public CrashTests(ITestOutputHelper output) => _out = output;

    /// <summary>
    /// With checkpointInterval=1000 (and no sync) nothing is lost either (every message is journaled at enqueue;
    /// without sync only a power loss could cost the last ~30 s the kernel had not written back); a kill re-delivers
    /// at most the records acknowledged since the last state write, plus the batch in flight.
    /// </summary>
    [Theory]
    [InlineData(1, true)]
    [InlineData(1000, false)]
    public void Kill_9_while_down_while_recovering_and_mid_drain_loses_nothing(int checkpointInterval, bool sync)
    {
        const int N = 100_000;
        int port = NumberSink.FreePort();
        using var fwd = new Forwarder(port, $"queue.checkpointInterval=\"{checkpointInterval}\" queue.syncQueueFiles=\"{(sync ? "on" : "off")}\"");
        var sw = Stopwatch.StartNew();

        // Target down: every message goes to the journal.
        fwd.Start();
        fwd.Send(0, N);
        fwd.WaitTakenIn(0, N, N, null, TimeSpan.FromSeconds(90));
        _out.WriteLine($"{N} taken in after {sw.ElapsedMilliseconds} ms");
        fwd.Kill9();

        // Restart, and kill it again while it re-reads its spool.
        fwd.StartNoWait();
        Thread.Sleep(150);
        fwd.Kill9();

        // Restart, bring the target up, kill mid-drain.
        fwd.Start();
        using (var sink = new NumberSink(port, fwd.Run, N))
        {
            Assert.True(sink.WaitForDistinct(N / 3, TimeSpan.FromSeconds(90)), $"drain did not start: {sink.Distinct}\n{fwd.Daemon!.Diagnostics()}");
            fwd.Kill9();
            int before = sink.Distinct;
            Assert.True(before < N, "the drain was over before the kill: the test did not test a mid-drain kill");

            fwd.Start();
            bool all = sink.WaitForDistinct(N, TimeSpan.FromSeconds(120));
            var counts = sink.Counts();
            int missing = counts.Count(c => c == 0);
            long duplicates = sink.Total - sink.Distinct;
            _out.WriteLine($"distinct {sink.Distinct}, duplicates {duplicates}, total time {sw.ElapsedMilliseconds} ms");
            Assert.True(all, $"{missing} numbers never arrived (first: {Array.IndexOf(counts, 0)})\n{fwd.Daemon!.Diagnostics()}");
            // Only the batch whose delivery the mid-drain kill interrupted, and what was delivered since the last
            // state write, may come twice.
            int bound = BatchInFlight + (checkpointInterval > 1 ? checkpointInterval : 0);
            Assert.True(duplicates <= bound, $"{duplicates} duplicates, bound {bound}");
        }
        Assert.Equal(0, fwd.Terminate(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void Stress_kill_9_at_varied_points_loses_nothing()
    {
        const int Iterations = 24, Block = 2000, N = Iterations * Block;
        int port = NumberSink.FreePort();
        using var fwd = new Forwarder(port, CrashSafe);
        var tally = new NumberSink.Tally(N);
        var rnd = new Random(12345);
        NumberSink? sink = null;
        int sent = 0, killsWhileUp = 0;
        var sw = Stopwatch.StartNew();
        try
        {
            for (int it = 0; it < Iterations; it++)
            {
                // The target goes up or down only while the forwarder is dead: a target that drops a live TCP
                // connection loses what its kernel had taken (plain TCP has no acknowledgements; RELP does),
                // which is not what this test is about.
                if (rnd.Next(3) == 0)
                {
                    if (sink == null) sink = new NumberSink(port, fwd.Run, tally);
                    else { sink.StopAfterSendersGone(TimeSpan.FromSeconds(10)); sink = null; }
                }
                if (rnd.Next(3) == 0)
                {
                    // Killed while it starts and re-reads its spool.
                    fwd.StartNoWait();
                    Thread.Sleep(rnd.Next(0, 300));
                    if (sink != null) killsWhileUp++;
                    fwd.Kill9();
                }
                fwd.Start();
                fwd.Send(sent, Block);
                fwd.WaitTakenIn(sent, Block, N, sink, TimeSpan.FromSeconds(60));
                sent += Block;
                // Killed after a random delay: mid-drain when the target is up, holding a retried batch when not.
                Thread.Sleep(rnd.Next(0, 400));
                if (sink != null) killsWhileUp++;
                fwd.Kill9();
            }
            sink ??= new NumberSink(port, fwd.Run, tally);
            fwd.Start();
            bool all = sink.WaitForDistinct(N, TimeSpan.FromSeconds(90));
            var counts = sink.Counts();
            int missing = counts.Count(c => c == 0);
            long duplicates = sink.Total - sink.Distinct;
            _out.WriteLine($"{Iterations} iterations, {killsWhileUp} kills while the target was up, {duplicates} duplicates, {sw.ElapsedMilliseconds} ms");
            Assert.True(all && missing == 0, $"{missing} numbers never arrived (first: {Array.IndexOf(counts, 0)})\n{fwd.Daemon!.Diagnostics()}");
            Assert.True(duplicates <= (long)killsWhileUp * BatchInFlight, $"{duplicates} duplicates for {killsWhileUp} kills while up");
            Assert.Equal(0, fwd.Terminate(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            sink?.Dispose();
        }
    }
}
