using System.Text;
using System.Text.RegularExpressions;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Outputs.Forward;

/// <summary>
/// omfwd in the published sluiced binary (NativeAOT), against a local test receiver: zstd stream compression
/// through the system's libzstd, the stats object, rebind as new connections, and a target that is down.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class ForwardDaemonTests
{
    /// <summary>
    /// The published sluiced with the "raw" template and one action for local0 only: sluiced's own messages
    /// (facility syslog) must not join the stream under test.
    /// </summary>
    private static SyslogServer StartSluiced(string action) => SyslogServer.Sluiced(new ServerConfig { Rules = "local0.* " + action });

    private static void Send(SyslogServer sluiced, IEnumerable<string> lines)
    {
        using var conn = TestConnection.ConnectAsync(sluiced.Port, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        conn.Send(Encoding.ASCII.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
        Assert.True(conn.CloseGracefullyAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult());
    }

    /// <summary>local0.info messages with a run marker and varying padding.</summary>
    private static string[] Messages(string run, int count) =>
        Enumerable.Range(0, count)
            .Select(i => $"<134>Nov 22 08:{i / 60 % 60:00}:{i % 60:00} host-{i % 13} app[{1000 + i}]: {TestMessages.Marker(run, 0, i)} {new string('x', i * 37 % 180)}")
            .ToArray();

    [Fact]
    public void ZstdStreamFromTheBinaryDecodesAndEndsAtShutdown()
    {
        using var listener = new TestTcpListener();
        using var sluiced = StartSluiced($"action(type=\"omfwd\" target=\"127.0.0.1\" port=\"{listener.Port}\" protocol=\"tcp\" template=\"raw\" compression.mode=\"stream:always\" compression.driver=\"zstd\" zipLevel=\"6\")");
        string run = TestMessages.NewRunId();
        var sent = Messages(run, 3000);
        Send(sluiced, sent);
        string expected = string.Concat(sent.Select(l => l + "\n"));
        Assert.True(listener.WaitUntil(l => TcpForwardOutputTests.Decode("zstd", l.All(), out _) == expected, TimeSpan.FromSeconds(60)),
            "the receiver could not decode every message\n" + sluiced.Process.Diagnostics());

        sluiced.Process.Signal("USR1");
        var stats = sluiced.Process.WaitForStderr(new Regex($@"TCP-127\.0\.0\.1-{listener.Port}: origin=omfwd bytes\.sent=(\d+) messages\.sent=3000 num\.connects=1 "), TimeSpan.FromSeconds(30));
        Assert.True(stats is not null, sluiced.Process.Diagnostics());
        Assert.True(long.Parse(stats!.Groups[1].Value) < expected.Length / 3, "zstd should shrink syslog text a lot");

        sluiced.Process.Signal("TERM");
        Assert.Equal(0, sluiced.Process.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.True(listener.WaitUntil(l => l.Closed().All(c => c)));
        Assert.Equal(expected, TcpForwardOutputTests.Decode("zstd", listener.All(), out bool ended));
        Assert.True(ended, "the zstd frame was not ended at shutdown");
    }

    [Fact]
    public void RebindIntervalShowsAsNewConnections()
    {
        using var listener = new TestTcpListener();
        using var sluiced = StartSluiced($"action(type=\"omfwd\" target=\"127.0.0.1\" port=\"{listener.Port}\" protocol=\"tcp\" template=\"raw\" RebindInterval=\"100\")");
        string run = TestMessages.NewRunId();
        var sent = Messages(run, 1000);
        Send(sluiced, sent);
        string expected = string.Concat(sent.Select(l => l + "\n"));
        Assert.True(listener.WaitUntil(l => Encoding.ASCII.GetString(l.All()).Length >= expected.Length, TimeSpan.FromSeconds(60)), sluiced.Process.Diagnostics());
        Assert.Equal(expected, Encoding.ASCII.GetString(listener.All()));
        // Messages 100, 200, … 1000 each open a new connection (tcpclt.c counting): 99 on the first, then 100
        // on each, and the 1000th alone on the last.
        int[] expectedCounts = [99, .. Enumerable.Repeat(100, 9), 1];
        Assert.Equal(expectedCounts, listener.Received().Select(c => c.Count(b => b == (byte)'\n')));
    }

    [Fact]
    public void ATargetThatIsDownIsReported()
    {
        int port;
        using (var probe = new TestTcpListener()) port = probe.Port;
        using var sluiced = StartSluiced($"action(type=\"omfwd\" target=\"127.0.0.1\" port=\"{port}\" protocol=\"tcp\" template=\"raw\")");
        Send(sluiced, Messages(TestMessages.NewRunId(), 3));
        Assert.True(sluiced.Process.WaitForStderr(new Regex($"cannot connect to 127\\.0\\.0\\.1:{port}: Connection refused"), TimeSpan.FromSeconds(30)) is not null,
            sluiced.Process.Diagnostics());
    }
}
