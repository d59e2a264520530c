
namespace Sluice.Tests.Integration;

/// <summary>MaxSessions: sessions beyond the limit are refused (closed) and logged; the admitted ones are served.</summary>
[Collection(DaemonCollection.Name)]
public sealed class MaxSessionsTests
{
    [Fact]
    public async Task ConnectionsBeyondMaxSessionsAreRefusedAndLogged()
    {
        const int Max = 500, Total = 600;
        using var server = SyslogServer.Sluiced(new ServerConfig { MaxSessions = Max });
        string run = TestMessages.NewRunId();

        var conns = new TestConnection[Total];
        var sendFailed = new bool[Total];
        try
        {
            // Connect one after the other and send one message on each; all stay open.
            for (int c = 0; c < Total; c++)
            {
                conns[c] = await TestConnection.ConnectAsync(server.Port, TimeSpan.FromSeconds(60));
                var line = new System.Buffers.ArrayBufferWriter<byte>();
                TestMessages.Frame(line, TestMessages.Build(run, c, 0), false);
                try { conns[c].Send(line.WrittenSpan); }
                catch (System.Net.Sockets.SocketException) { sendFailed[c] = true; } // already closed by the daemon
            }

            using var output = new OutputFollower(server.OutputPath, run);
            var closedTasks = new Task<bool>[Total];
            for (int c = 0; c < Total; c++) closedTasks[c] = conns[c].WaitClosedByPeerAsync(TimeSpan.FromSeconds(20));

            output.WaitUntil(o => o.Markers.Count >= Max, TimeSpan.FromSeconds(60));
            bool[] closed = await Task.WhenAll(closedTasks); // the admitted ones stay open: they time out after 20 s
            Thread.Sleep(500);
            output.Poll();

            var arrived = new HashSet<int>();
            foreach (var m in output.Markers) arrived.Add(m.Conn);
            int closedCount = 0, both = 0, neither = 0;
            for (int c = 0; c < Total; c++)
            {
                bool refused = closed[c] || sendFailed[c];
                if (refused) closedCount++;
                if (refused && arrived.Contains(c)) both++;
                if (!refused && !arrived.Contains(c)) neither++;
            }
            var summary = $"served {arrived.Count}, closed {closedCount}, served-and-closed {both}, neither {neither}";
            Assert.True(arrived.Count == Max && closedCount == Total - Max && both == 0 && neither == 0,
                summary + "\n" + server.Process.Diagnostics());
            Assert.Equal(Max, output.Markers.Count);
        }
        finally
        {
            foreach (var c in conns) c?.Dispose();
        }

        Assert.True(server.Process.WaitForStderr(new("too many tcp sessions"), TimeSpan.FromSeconds(10)) != null,
            "no 'too many tcp sessions' line on stderr\n" + server.Process.Diagnostics());
        // Internal messages are also routed as syslog messages tagged "rsyslogd:", so the file has them too.
        using var all = new OutputFollower(server.OutputPath, run, keepLines: true);
        all.Poll();
        Assert.Contains(all.Lines, l => l.Contains("rsyslogd:", StringComparison.Ordinal) && l.Contains("too many tcp sessions", StringComparison.Ordinal));
        Assert.False(server.Process.HasExited, "daemon exited during the test\n" + server.Process.Diagnostics());
    }
}
