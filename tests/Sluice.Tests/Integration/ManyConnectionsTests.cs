namespace Sluice.Tests.Integration;

/// <summary>200 concurrent connections, LF and octet-counted framing mixed per connection and within connections.</summary>
[Collection(DaemonCollection.Name)]
public sealed class ManyConnectionsTests
{
    private const int Connections = 200;
    private const int PerConnection = 5_000;

    [Fact]
    public async Task EveryMessageArrivesExactlyOnceAndInOrderPerConnection()
    {
        using var server = SyslogServer.Sluiced(new ServerConfig());
        string run = TestMessages.NewRunId();

        // A third of the connections use LF only, a third octet counting only, a third switch per message.
        var streams = new byte[Connections][];
        for (int c = 0; c < Connections; c++)
        {
            int conn = c;
            var rng = new Random(conn);
            streams[c] = TestMessages.Stream(run, conn, 0, PerConnection, (conn % 3) switch
            {
                0 => _ => false,
                1 => _ => true,
                _ => _ => rng.Next(2) == 0,
            });
        }

        var conns = new TestConnection[Connections];
        try
        {
            for (int c = 0; c < Connections; c++) conns[c] = await TestConnection.ConnectAsync(server.Port, TimeSpan.FromSeconds(30));
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(240));
            var sends = new Task[Connections];
            for (int c = 0; c < Connections; c++) sends[c] = conns[c].SendAsync(streams[c], cts.Token);
            await Task.WhenAll(sends);
            var closes = new Task<bool>[Connections];
            for (int c = 0; c < Connections; c++) closes[c] = conns[c].CloseGracefullyAsync(TimeSpan.FromSeconds(120));
            bool[] closed = await Task.WhenAll(closes);
            Assert.True(Array.TrueForAll(closed, x => x), "the daemon did not finish reading every connection within 120 s\n" + server.Process.Diagnostics());
        }
        finally
        {
            foreach (var c in conns) c?.Dispose();
        }

        using var output = new OutputFollower(server.OutputPath, run);
        bool all = output.WaitForMarkers((long)Connections * PerConnection, TimeSpan.FromSeconds(180));
        // Give late duplicates a moment to show up before judging.
        Thread.Sleep(500);
        output.Poll();
        string? problems = Delivery.Problems(output.Markers, _ => Delivery.Range(0, PerConnection), Connections, requireOrder: true);
        Assert.True(all && problems == null, $"{problems ?? "timed out"}\n{server.Process.Diagnostics()}");
        Assert.False(server.Process.HasExited, "daemon exited during the test\n" + server.Process.Diagnostics());
    }
}
