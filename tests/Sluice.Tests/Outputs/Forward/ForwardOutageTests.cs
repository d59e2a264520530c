using System.Text;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Outputs.Forward;

/// <summary>
/// The seed article's client side: the receiver goes away for 10 s while 100,000 messages come in, omfwd is suspended
/// and retried forever (action.resumeRetryCount="-1"), and when the receiver is back the whole backlog is delivered.
/// With a memory action queue it arrives exactly once and in order; with the article's disk-assisted queue (a
/// 10,000-message memory part, so most of the backlog spills to disk) every message arrives exactly once, but the
/// memory and disk parts interleave, as in rsyslog.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class ForwardOutageTests
{
    private const int Backlog = 100_000;

    private static string Line(string run, int i) =>
        $"<134>Nov 22 08:{i / 60 % 60:00}:{i % 60:00} host-{i % 13} app[{1000 + i % 977}]: {TestMessages.Marker(run, 0, i)} outage {i % 7919}";

    private static void Send(SyslogServer sluiced, string run, int from, int count)
    {
        using var conn = TestConnection.ConnectAsync(sluiced.Port, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        var sb = new StringBuilder();
        for (int i = from; i < from + count; i++) sb.Append(Line(run, i)).Append('\n');
        conn.Send(Encoding.ASCII.GetBytes(sb.ToString()));
        Assert.True(conn.CloseGracefullyAsync(TimeSpan.FromSeconds(120)).GetAwaiter().GetResult());
    }

    private static List<string> Lines(TestTcpListener l) =>
        Encoding.ASCII.GetString(l.All()).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void TheBacklogOfAnOutageIsDeliveredWhenTheReceiverReturns(bool resendLast, bool diskAssisted)
    {
        string queue = diskAssisted
            ? "queue.type=\"LinkedList\" queue.size=\"10000\" queue.filename=\"fwd\" queue.saveOnShutdown=\"on\" "
            : "queue.type=\"LinkedList\" queue.size=\"200000\" ";
        var first = new TestTcpListener();
        int port = first.Port;
        using var sluiced = SyslogServer.Sluiced(new ServerConfig
        {
            Rules = $"local0.* action(type=\"omfwd\" target=\"127.0.0.1\" port=\"{port}\" protocol=\"tcp\" template=\"raw\" " +
                    $"ResendLastMSGOnReconnect=\"{(resendLast ? "on" : "off")}\" {queue}" +
                    "action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\")",
        });
        string run = TestMessages.NewRunId();
        const int Warm = 1000;
        try
        {
            Send(sluiced, run, 0, Warm);
            Assert.True(first.WaitUntil(l => Lines(l).Count >= Warm, TimeSpan.FromSeconds(60)), sluiced.Process.Diagnostics());
        }
        finally
        {
            first.Dispose(); // the receiver goes away: its connection is closed, nothing listens on the port
        }

        var down = System.Diagnostics.Stopwatch.StartNew();
        Send(sluiced, run, Warm, Backlog);
        Assert.True(sluiced.Process.WaitForStderr(new System.Text.RegularExpressions.Regex($"127\\.0\\.0\\.1:{port}: Connection refused"),
            TimeSpan.FromSeconds(30)) is not null, sluiced.Process.Diagnostics());
        if (diskAssisted)
            Assert.True(Directory.EnumerateFiles(Path.Combine(sluiced.Dir.Path, "work"), "fwd*").Any(), "the backlog did not spill to disk");
        var rest = TimeSpan.FromSeconds(10) - down.Elapsed;
        if (rest > TimeSpan.Zero) Thread.Sleep(rest);

        using var second = new TestTcpListener(port);
        int expected = Backlog + (resendLast ? 1 : 0);
        Assert.True(second.WaitUntil(l => Lines(l).Count >= expected, TimeSpan.FromSeconds(120)),
            $"{Lines(second).Count} of {expected} arrived after the outage\n{sluiced.Process.Diagnostics()}");
        Thread.Sleep(500); // a duplicate would show up now

        var got = Lines(second);
        var want = Enumerable.Range(Warm, Backlog).Select(i => Line(run, i)).ToList();
        if (resendLast) want.Insert(0, Line(run, Warm - 1)); // the last message before the outage, sent once more
        Assert.Equal(want.Count, got.Count);
        if (diskAssisted)
        {
            got.Sort(StringComparer.Ordinal);
            want.Sort(StringComparer.Ordinal);
            Assert.True(want.SequenceEqual(got), "the backlog did not arrive exactly once");
        }
        else
        {
            Assert.True(want.SequenceEqual(got), "the backlog did not arrive exactly once and in order");
        }
    }
}
