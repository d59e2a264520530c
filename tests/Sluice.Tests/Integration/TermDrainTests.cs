namespace Sluice.Tests.Integration;

/// <summary>SIGTERM stops the inputs, drains the queue, flushes the files and exits 0: nothing accepted is lost.</summary>
[Collection(DaemonCollection.Name)]
public sealed class TermDrainTests
{
    [Fact]
    public async Task TermRightAfterTheSendersCloseLosesNothing()
    {
        const int Connections = 4, PerConnection = 100_000;
        using var server = SyslogServer.Sluiced(new ServerConfig());
        string run = TestMessages.NewRunId();

        var conns = new TestConnection[Connections];
        try
        {
            for (int c = 0; c < Connections; c++) conns[c] = await TestConnection.ConnectAsync(server.Port, TimeSpan.FromSeconds(30));
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            var sends = new Task[Connections];
            for (int c = 0; c < Connections; c++)
                sends[c] = conns[c].SendAsync(TestMessages.Stream(run, c, 0, PerConnection, s => s % 5 == 0), cts.Token, 64 * 1024);
            await Task.WhenAll(sends);
            // Close the senders; once the daemon has closed its side it has read every byte, so the messages are
            // inside the daemon (queue or file), not in a socket buffer.
            var closes = new Task<bool>[Connections];
            for (int c = 0; c < Connections; c++) closes[c] = conns[c].CloseGracefullyAsync(TimeSpan.FromSeconds(120));
            Assert.True(Array.TrueForAll(await Task.WhenAll(closes), x => x), "the daemon did not read every connection to the end\n" + server.Process.Diagnostics());
        }
        finally
        {
            foreach (var c in conns) c?.Dispose();
        }

        server.Process.Signal("TERM");
        int? code = server.Process.WaitForExit(TimeSpan.FromSeconds(120));
        Assert.True(code != null, "daemon still running 120 s after SIGTERM\n" + server.Process.Diagnostics());
        Assert.True(code == 0, $"exit code {code} after SIGTERM\n{server.Process.Diagnostics()}");

        using var output = new OutputFollower(server.OutputPath, run);
        output.Poll();
        Assert.Null(Delivery.Problems(output.Markers, _ => Delivery.Range(0, PerConnection), Connections, requireOrder: false));
    }
}
