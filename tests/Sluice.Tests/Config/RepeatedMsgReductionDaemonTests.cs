using System.Text;
using Sluice.Tests.Integration;
using Sluice.Tests.Outputs.File;

namespace Sluice.Tests.Config;

/// <summary>
/// $RepeatedMsgReduction on, as Ubuntu's stock rsyslog.conf has it: sluiced and rsyslogd 8.2302 get the same config
/// and the same messages and must write the same lines. rsyslogd reduces per input listener (across its
/// sessions), for a RainerScript action() as much as for a selector line, wherever the directive stands.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class RepeatedMsgReductionDaemonTests
{
    private const string Config = """
        $ModLoad imtcp
        $InputTCPServerListenPortFile {dir}/port
        $InputTCPServerRun 0
        *.* {dir}/out/legacy.log
        action(type="omfile" file="{dir}/out/action.log" template="RSYSLOG_TraditionalFileFormat")
        $RepeatedMsgReduction on
        """;

    private static byte[] M(string text) => Encoding.ASCII.GetBytes(text);

    private static readonly byte[][] FirstSession =
    [
        M("<13>Oct 11 22:14:15 web-01 app: hello"),
        M("<13>Oct 11 22:14:15 web-01 app: hello"),
        M("<13>Oct 11 22:14:16 web-01 app: hello"),   // two repeats: one summary, with this message's time
        M("<13>Oct 11 22:14:17 web-01 app: other"),
        M("<13>Oct 11 22:14:18 web-01 app: other"),   // one repeat: the repeat itself comes out
        M("<13>Oct 11 22:14:19 web-01 app: last"),
    ];

    private static readonly byte[][] SecondSession =
    [
        M("<13>Oct 11 22:14:20 web-01 app: last"),    // a repeat across connections of the same listener
        M("<13>Oct 11 22:14:21 web-01 app[42]: y"),
        M("<13>Oct 11 22:14:22 web-01 app[42]: y"),
        M("<13>Oct 11 22:14:23 web-01 app[42]: y"),
        M("<13>Oct 11 22:14:24 web-01 app[42]: y"),
        M("<13>Oct 11 22:14:25 web-01 app[43]: y"),   // other PROCID: not a repeat
        M("<13>Oct 11 22:14:26 web-02 app[43]: y"),   // other HOSTNAME: not a repeat
        M("<13>Oct 11 22:14:27 web-02 app[43]: z"),
    ];

    private const int ExpectedLines = 11;

    private static byte[] TestLines(DaemonRun run, string file) =>
        Encoding.UTF8.GetBytes(string.Concat(Encoding.UTF8.GetString(run.Read(file)).Split('\n')
            .Where(l => l.Contains(" web-0", StringComparison.Ordinal)).Select(l => l + "\n")));

    [Fact]
    public void Repeats_are_folded_like_rsyslogd_for_selector_and_action_outputs()
    {
        var outputs = new Dictionary<string, (byte[] Legacy, byte[] Action)>();
        foreach (var daemon in DaemonRun.Daemons)
        {
            using var run = DaemonRun.Start(daemon, Config);
            run.SendOctetCounted(FirstSession);
            run.SendOctetCounted(SecondSession);
            run.WaitUntil(() => TestLines(run, "out/legacy.log").Count(b => b == '\n') >= ExpectedLines
                                && TestLines(run, "out/action.log").Count(b => b == '\n') >= ExpectedLines, "every line");
            outputs[daemon] = (TestLines(run, "out/legacy.log"), TestLines(run, "out/action.log"));
        }

        DaemonRun.AssertSameBytes(outputs["rsyslogd"].Legacy, outputs["sluiced"].Legacy, "legacy.log");
        DaemonRun.AssertSameBytes(outputs["rsyslogd"].Action, outputs["sluiced"].Action, "action.log");
        // What rsyslogd wrote, spelled out, so the test says what the behaviour is.
        Assert.Equal(string.Join("", new[]
        {
            "Oct 11 22:14:15 web-01 app: hello\n",
            "Oct 11 22:14:16 web-01 app: message repeated 2 times: [ hello]\n",
            "Oct 11 22:14:17 web-01 app: other\n",
            "Oct 11 22:14:18 web-01 app: other\n",
            "Oct 11 22:14:19 web-01 app: last\n",
            "Oct 11 22:14:20 web-01 app: last\n",
            "Oct 11 22:14:21 web-01 app[42]: y\n",
            "Oct 11 22:14:24 web-01 app[42]: message repeated 3 times: [ y]\n",
            "Oct 11 22:14:25 web-01 app[43]: y\n",
            "Oct 11 22:14:26 web-02 app[43]: y\n",
            "Oct 11 22:14:27 web-02 app[43]: z\n",
        }), Encoding.UTF8.GetString(outputs["sluiced"].Action).Split('\n').Take(ExpectedLines).Select(l => l + "\n").Aggregate("", string.Concat));
    }

    [Fact]
    public void Repeats_still_held_are_written_at_shutdown_like_rsyslogd()
    {
        var outputs = new Dictionary<string, byte[]>();
        foreach (var daemon in DaemonRun.Daemons)
        {
            using var run = DaemonRun.Start(daemon, Config);
            run.SendOctetCounted([M("<13>Oct 11 22:14:15 web-01 app: a"), M("<13>Oct 11 22:14:16 web-01 app: a"), M("<13>Oct 11 22:14:17 web-01 app: a")]);
            run.WaitUntil(() => TestLines(run, "out/action.log").Length > 0, "the first line");
            run.Process.Signal("TERM");
            Assert.NotNull(run.Process.WaitForExit(DaemonRun.Patience));
            outputs[daemon] = TestLines(run, "out/action.log");
        }
        DaemonRun.AssertSameBytes(outputs["rsyslogd"], outputs["sluiced"], "action.log");
        Assert.Equal("Oct 11 22:14:15 web-01 app: a\nOct 11 22:14:17 web-01 app: message repeated 2 times: [ a]\n",
            Encoding.UTF8.GetString(outputs["sluiced"]));
    }

    [Fact]
    public void The_summary_quotes_at_most_800_bytes_of_the_message_like_rsyslogd()
    {
        string longText = string.Concat(Enumerable.Range(0, 100).Select(i => $"{i:D3}-word,"));  // 900 bytes
        var outputs = new Dictionary<string, byte[]>();
        foreach (var daemon in DaemonRun.Daemons)
        {
            using var run = DaemonRun.Start(daemon, Config);
            run.SendOctetCounted([
                M("<13>Oct 11 22:14:15 web-01 app: " + longText), M("<13>Oct 11 22:14:16 web-01 app: " + longText),
                M("<13>Oct 11 22:14:17 web-01 app: " + longText), M("<13>Oct 11 22:14:18 web-01 app: end"),
            ]);
            run.WaitUntil(() => TestLines(run, "out/action.log").Count(b => b == '\n') >= 3, "every line");
            outputs[daemon] = TestLines(run, "out/action.log");
        }
        DaemonRun.AssertSameBytes(outputs["rsyslogd"], outputs["sluiced"], "action.log");
        string summary = Encoding.UTF8.GetString(outputs["sluiced"]).Split('\n')[1];
        Assert.Equal("Oct 11 22:14:17 web-01 app: message repeated 2 times: [ " + longText[..799] + "]", summary);
    }

    [Fact]
    public void Each_listener_folds_only_its_own_repeats_like_rsyslogd()
    {
        string config = Config + "\ninput(type=\"imtcp\" port=\"0\" address=\"127.0.0.1\" listenPortFileName=\"{dir}/port2\")\n";
        var outputs = new Dictionary<string, byte[]>();
        foreach (var daemon in DaemonRun.Daemons)
        {
            using var run = DaemonRun.Start(daemon, config);
            int port2 = run.Process.WaitForPort(Path.Combine(run.Dir, "port2"), DaemonRun.Patience);
            run.SendOctetCounted([M("<13>Oct 11 22:14:15 web-01 app: same")]);
            SendTo(port2, M("<13>Oct 11 22:14:16 web-01 app: same"));   // another listener: not a repeat
            run.SendOctetCounted([M("<13>Oct 11 22:14:17 web-01 app: same"), M("<13>Oct 11 22:14:18 web-01 app: end")]);
            run.WaitUntil(() => TestLines(run, "out/action.log").Count(b => b == '\n') >= 4, "every line");
            outputs[daemon] = TestLines(run, "out/action.log");
        }
        DaemonRun.AssertSameBytes(outputs["rsyslogd"], outputs["sluiced"], "action.log");
        Assert.Equal("Oct 11 22:14:15 web-01 app: same\nOct 11 22:14:16 web-01 app: same\nOct 11 22:14:17 web-01 app: same\nOct 11 22:14:18 web-01 app: end\n",
            Encoding.UTF8.GetString(outputs["sluiced"]));
    }

    private static void SendTo(int port, byte[] frame)
    {
        using var s = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        s.Connect("127.0.0.1", port);
        s.Send(Encoding.ASCII.GetBytes(frame.Length + " ").Concat(frame).ToArray());
        s.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        s.ReceiveTimeout = 30_000;
        var buf = new byte[64];
        try
        {
            while (s.Receive(buf) > 0) { }
        }
        catch (System.Net.Sockets.SocketException)
        {
            // a reset instead of a close: what was sent has been read
        }
    }
}
