using System.Net.Sockets;

namespace Sluice.Tests.Inputs.Tcp;

public class TcpInputLifecycleTests
{
    [Fact]
    public void StopSubmitsPartialFramesOfConnectedClientsAndReturns()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config());
        var clients = Enumerable.Range(0, 3).Select(_ => kit.Connect()).ToList();
        try
        {
            for (int i = 0; i < clients.Count; i++) TcpTestKit.Send(clients[i], $"<13>done {i}\n<13>partial {i}");
            Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 3));

            var stop = Task.Run(() => kit.Input.Stop());
            Assert.True(stop.Wait(TcpTestKit.Patience));

            for (int i = 0; i < clients.Count; i++)
            {
                Assert.Equal(new[] { $"<13>done {i}", $"<13>partial {i}" }, kit.Submitter.RawFrom(TcpTestKit.LocalPort(clients[i])));
                Assert.True(TcpTestKit.ServerClosed(clients[i]));
            }
            Assert.Equal(0, kit.Input.SessionCount);
            Assert.Equal(6, kit.Counter(kit.Input.ListenerStats, "submitted"));

            // The listener is gone.
            using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Assert.Throws<SocketException>(() => late.Connect(System.Net.IPAddress.Loopback, kit.Port));
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    [Fact]
    public void StopInSingleThreadModeAlsoSubmitsPartialFrames()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config() with { WorkerThreads = 1 });
        using var c = kit.Connect();
        TcpTestKit.Send(c, "<13>one\n<13>tail");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 1));
        kit.Input.Stop();
        Assert.Equal(new[] { "<13>one", "<13>tail" }, kit.Submitter.RawFrom(TcpTestKit.LocalPort(c)));
        kit.Input.Stop(); // idempotent
    }

    [Fact]
    public void WorkerCountersFollowRsyslogsSemantics()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config() with { WorkerThreads = 2 });
        Assert.Equal(new[] { "w0/imtcp", "w1/imtcp" }, kit.Input.WorkerStats.Select(s => s.Name));
        Assert.All(kit.Input.WorkerStats, s =>
        {
            Assert.Equal("imtcp", s.Origin);
            Assert.Equal(new[] { "runs", "read", "emptyread", "starvation_protect", "accept" }, s.Counters.Select(c => c.Name));
        });
        Assert.NotNull(kit.Stats.Find("w0/imtcp"));
        Assert.Equal("imtcp(0)", kit.Input.ListenerStats!.Name); // the configured port, as rsyslog names it
        Assert.Same(kit.Input.ListenerStats, kit.Stats.Find("imtcp(0)"));

        using var c = kit.Connect();
        // One pending connection: one successful accept plus the final EAGAIN attempt.
        Assert.True(TcpTestKit.WaitFor(() => kit.WorkerSum("accept") == 2 && kit.WorkerSum("runs") == 1));

        TcpTestKit.Send(c, "<13>one\n");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 1 && kit.WorkerSum("runs") >= 2));
        Assert.True(kit.WorkerSum("read") >= 1);
        Assert.Equal(0, kit.WorkerSum("starvation_protect"));

        using var c2 = kit.Connect();
        Assert.True(TcpTestKit.WaitFor(() => kit.WorkerSum("accept") == 4));
        Assert.Equal(1, kit.Counter(kit.Input.ListenerStats, "submitted"));
    }

    [Fact]
    public void SingleWorkerHasNoWorkerStats()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config() with { WorkerThreads = 1, StarvationMaxReads = 1 });
        Assert.Empty(kit.Input.WorkerStats);
        Assert.Null(kit.Stats.Find("w0/imtcp"));
        using var c = kit.Connect();
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < 20000; i++) sb.Append("<13>m ").Append(i).Append('\n');
        TcpTestKit.Send(c, sb.ToString());
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 20000));
    }

    [Fact]
    public void DisposeRemovesStatsObjects()
    {
        var kit = new TcpTestKit(TcpTestKit.Config() with { WorkerThreads = 3, InputName = "x" });
        Assert.Equal(4, kit.Stats.Snapshot().Count);
        kit.Dispose();
        Assert.Empty(kit.Stats.Snapshot());
    }

    [Fact]
    public void StartFailsWhenNothingCanBeBound()
    {
        using var first = new TcpTestKit(TcpTestKit.Config());
        var cfg = TcpTestKit.Config() with { Port = first.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ListenPortFileName = null };
        using var second = new Engine.Inputs.Tcp.TcpInput(cfg, first.Services);
        var ex = Assert.Throws<InvalidOperationException>(() => second.Start(new RecordingSubmitter()));
        Assert.Contains($"Could not create tcp listener, ignoring port {first.Port} bind-address 127.0.0.1.", ex.Message);
        Assert.True(first.Log.Contains("Error while binding tcp socket"));
    }
}
