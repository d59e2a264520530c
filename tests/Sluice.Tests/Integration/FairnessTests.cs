using System.Buffers;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Sluice.Tests.Integration;

/// <summary>
/// StarvationProtection: one connection floods without pause; ten others must still be served while the flood
/// goes on, and the per-worker statistics must show that the cap was hit.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class FairnessTests
{
    private const long FloodMaxMessages = 4_000_000;
    private static readonly TimeSpan FloodMaxTime = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task QuietConnectionsAreServedWhileOneConnectionFloods()
    {
        // A small MaxReads makes the cap trip quickly even when the daemon reads fast; %msg% keeps the file small.
        using var server = SyslogServer.Sluiced(new ServerConfig
        {
            ModuleParams = "workerThreads=\"2\" StarvationProtection.MaxReads=\"10\"",
            Template = "%msg%\\n",
        });
        string run = TestMessages.NewRunId();

        // The flood repeats one pre-built block of short messages (they carry no marker of this run).
        var block = new ArrayBufferWriter<byte>();
        int perBlock = 0;
        while (block.WrittenCount < 256 * 1024)
        {
            TestMessages.Frame(block, System.Text.Encoding.ASCII.GetBytes($"<14>Nov 22 08:00:00 flooder flood[1]: flood message {perBlock} padding padding padding"), false);
            perBlock++;
        }
        byte[] floodBlock = block.WrittenSpan.ToArray();

        using var flooder = await TestConnection.ConnectAsync(server.Port, TimeSpan.FromSeconds(30));
        using var stopFlood = new CancellationTokenSource();
        long floodSent = 0;
        bool floodFinishedByLimit = false;
        string? floodError = null;
        var floodClock = Stopwatch.StartNew();
        var flood = Task.Run(async () =>
        {
            try
            {
                while (!stopFlood.IsCancellationRequested)
                {
                    if (Interlocked.Read(ref floodSent) >= FloodMaxMessages || floodClock.Elapsed > FloodMaxTime) { floodFinishedByLimit = true; return; }
                    await flooder.SendAsync(floodBlock, stopFlood.Token, floodBlock.Length);
                    Interlocked.Add(ref floodSent, perBlock);
                }
            }
            catch (OperationCanceledException) { }
            catch (System.Net.Sockets.SocketException ex) { floodError = ex.Message; } // the daemon dropped the flooder
        });

        try
        {
            // Let the flood get going before the quiet senders arrive.
            var sw = Stopwatch.StartNew();
            while (Interlocked.Read(ref floodSent) < 20L * perBlock && sw.Elapsed < TimeSpan.FromSeconds(30) && !flood.IsCompleted) await Task.Delay(20);
            Assert.False(flood.IsCompleted, "the flood stopped before the quiet senders started\n" + server.Process.Diagnostics());

            const int Quiet = 10, PerQuiet = 100;
            var quiet = new TestConnection[Quiet];
            try
            {
                for (int q = 0; q < Quiet; q++)
                {
                    quiet[q] = await TestConnection.ConnectAsync(server.Port, TimeSpan.FromSeconds(30));
                    quiet[q].Send(TestMessages.Stream(run, q, 0, PerQuiet, _ => false));
                }

                using var output = new OutputFollower(server.OutputPath, run);
                bool arrived = output.WaitUntil(o => o.Markers.Count >= Quiet * PerQuiet || flood.IsCompleted, FloodMaxTime + TimeSpan.FromSeconds(10));
                bool floodStillGoing = !flood.IsCompleted;
                Assert.True(arrived && output.Markers.Count >= Quiet * PerQuiet,
                    $"only {output.Markers.Count} of {Quiet * PerQuiet} quiet messages arrived while the flood sent {Interlocked.Read(ref floodSent)} messages\n{server.Process.Diagnostics()}");
                Assert.True(floodStillGoing,
                    $"the quiet messages arrived only after the flood ended (limit reached: {floodFinishedByLimit}, send error: {floodError ?? "none"}, flood sent {Interlocked.Read(ref floodSent)})");
                Assert.Null(Delivery.Problems(output.Markers, _ => Delivery.Range(0, PerQuiet), Quiet, requireOrder: true));
            }
            finally
            {
                foreach (var q in quiet) q?.Dispose();
            }
        }
        finally
        {
            stopFlood.Cancel();
            await flood;
        }

        // SIGUSR1: every statistics counter on stderr, one line per object.
        server.Process.Signal("USR1");
        var workerLine = new Regex(@"w\d+/imtcp: origin=imtcp .*?\bstarvation_protect=(\d+)");
        Match? m = server.Process.WaitForStderr(workerLine, TimeSpan.FromSeconds(20), x => long.Parse(x.Groups[1].Value) > 0);
        Assert.True(m != null, "no w*/imtcp statistics line with starvation_protect > 0 after SIGUSR1\n" + server.Process.Diagnostics());
        // rsyslog names a listener's counters after the configured port string (tcpsrv addNewLstnPort), so
        // port="0" reports as imtcp(0), not as the ephemeral port the kernel chose.
        var listenerLine = new Regex(@"imtcp\(0\): origin=imtcp .*?\bsubmitted=(\d+)");
        Match? l = server.Process.WaitForStderr(listenerLine, TimeSpan.FromSeconds(5));
        Assert.True(l != null && long.Parse(l.Groups[1].Value) >= 1000,
            $"no imtcp(0) statistics line with submitted >= 1000\n{server.Process.Diagnostics()}");
        Assert.False(server.Process.HasExited, "daemon exited during the test\n" + server.Process.Diagnostics());
    }
}
