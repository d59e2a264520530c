using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Sluice.Tests.Inputs.Tcp;

public class TcpInputLoadTests
{
    [Fact]
    public void ManyConnectionsDeliverEveryMessageOnceAndInOrder()
    {
        const int connections = 50, perConnection = 2000;
        using var kit = new TcpTestKit(TcpTestKit.Config());
        var ports = new string[connections];
        var senders = new Task[connections];
        for (int c = 0; c < connections; c++)
        {
            int conn = c;
            senders[c] = Task.Factory.StartNew(() =>
            {
                using var s = kit.Connect();
                ports[conn] = TcpTestKit.LocalPort(s);
                var sb = new StringBuilder();
                for (int i = 0; i < perConnection; i++)
                {
                    // Mix both framings, as real senders may.
                    string msg = $"<13>c{conn} m{i}";
                    if (i % 3 == 0) sb.Append(Encoding.UTF8.GetByteCount(msg)).Append(' ').Append(msg);
                    else sb.Append(msg).Append('\n');
                    if (sb.Length > 8000)
                    {
                        TcpTestKit.Send(s, sb.ToString());
                        sb.Clear();
                    }
                }
                TcpTestKit.Send(s, sb.ToString());
                s.Shutdown(SocketShutdown.Send);
                TcpTestKit.ServerClosed(s);
            }, TaskCreationOptions.LongRunning);
        }

        Assert.True(Task.WaitAll(senders, TcpTestKit.Patience));
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count >= connections * perConnection));
        Assert.Equal(connections * perConnection, kit.Submitter.Count);
        for (int c = 0; c < connections; c++)
        {
            var got = kit.Submitter.RawFrom(ports[c]);
            Assert.Equal(Enumerable.Range(0, perConnection).Select(i => $"<13>c{c} m{i}"), got);
        }
        Assert.Equal(connections * perConnection, kit.Counter(kit.Input.ListenerStats, "submitted"));
        Assert.True(kit.Submitter.Batches > 1);
    }

    [Fact]
    public void StarvationProtectionServesOthersWhileFloodsRun()
    {
        // Two floods and two workers: without the read cap both workers would be held by the floods.
        var cfg = TcpTestKit.Config() with { WorkerThreads = 2, StarvationMaxReads = 16 };
        var submitter = new RecordingSubmitter { CountOnlyPrefix = "F"u8.ToArray() };
        using var kit = new TcpTestKit(cfg, submitter);

        using var stopFlood = new CancellationTokenSource();
        var floodLine = Encoding.ASCII.GetBytes("F flood line of some length\n");
        var floodChunk = new byte[floodLine.Length * 2048];
        for (int i = 0; i < 2048; i++) floodLine.CopyTo(floodChunk, i * floodLine.Length);
        var floods = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            using var s = kit.Connect();
            var sw = Stopwatch.StartNew();
            try
            {
                while (!stopFlood.IsCancellationRequested && sw.Elapsed < TcpTestKit.Patience)
                    TcpTestKit.SendAll(s, floodChunk);
            }
            catch (SocketException)
            {
                // the input is stopped at the end of the test while we are still sending
            }
            return !stopFlood.IsCancellationRequested; // true: the flood ran out of time first
        }, TaskCreationOptions.LongRunning)).ToArray();

        Assert.True(TcpTestKit.WaitFor(() => submitter.CountedOnly > 100_000));

        // Dedicated threads: these senders block, and pool threads may be scarce while the suite runs in parallel.
        var others = Enumerable.Range(0, 10).Select(n => Task.Factory.StartNew(() =>
        {
            using var s = kit.Connect();
            var sb = new StringBuilder();
            for (int i = 0; i < 100; i++) sb.Append("<13>other ").Append(n).Append(' ').Append(i).Append('\n');
            TcpTestKit.Send(s, sb.ToString());
            // Keep the connection open: the messages must arrive without a close flushing anything.
            TcpTestKit.WaitFor(() => submitter.Count >= 1000);
        }, TaskCreationOptions.LongRunning)).ToArray();

        Assert.True(TcpTestKit.WaitFor(() => submitter.Count == 1000));
        Assert.DoesNotContain(floods, f => f.IsCompleted); // the floods were still running
        Assert.True(kit.WorkerSum("starvation_protect") > 0);
        Assert.True(Task.WaitAll(others, TcpTestKit.Patience));
        for (int n = 0; n < 10; n++)
            for (int i = 0; i < 100; i++)
                Assert.True(submitter.Contains($"<13>other {n} {i}"));

        // Stop while the floods are still sending: it must return, and every flood line read is counted.
        var stop = Task.Run(() => kit.Input.Stop());
        Assert.True(stop.Wait(TcpTestKit.Patience));
        stopFlood.Cancel();
        Assert.True(Task.WaitAll(floods, TcpTestKit.Patience));
        Assert.Equal(submitter.CountedOnly + submitter.Count, kit.Counter(kit.Input.ListenerStats, "submitted"));
    }
}
