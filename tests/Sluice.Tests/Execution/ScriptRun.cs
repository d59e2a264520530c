using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Execution;

/// <summary>
/// Runs one script (rules, rulesets, templates) in the real rsyslogd and in the real published sluiced over the same
/// messages, and returns each daemon's output files. The imtcp input is bound to the ruleset "test", whose first rule
/// catches the sentinel; the script's top level (its other rulesets, its templates) comes before. Daemon messages go to
/// the default ruleset, which does nothing, so they never reach the files. One main-queue worker keeps the order.
/// Every file the script writes must be named "{dir}/out-NAME".
/// </summary>
internal static class ScriptRun
{
    private const string SentinelText = "END-OF-SCRIPT-RUN";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <param name="topLevel">Templates and rulesets (may use "{dir}").</param>
    /// <param name="rules">The body of the input's ruleset.</param>
    public static void AssertSameOutput(string topLevel, string rules, IEnumerable<string> messages, params string[] expectedFiles) =>
        AssertSameOutput(topLevel, "", rules, messages, expectedFiles);

    /// <param name="testRulesetParams">More parameters of the input's ruleset "test" (e.g. its queue).</param>
    public static void AssertSameOutput(string topLevel, string testRulesetParams, string rules, IEnumerable<string> messages, params string[] expectedFiles)
    {
        var frames = messages.ToArray();
        string config = Config(topLevel, testRulesetParams, rules);
        var rsyslogd = Run("rsyslogd", RepoLayout.Rsyslogd, config, frames);
        var sluiced = Run("sluiced", RepoLayout.Sluiced, config, frames);
        foreach (var name in expectedFiles)
            Assert.True(rsyslogd.ContainsKey(name), $"rsyslogd wrote no out-{name}: the test does not test what it claims");
        Assert.Equal(rsyslogd.Keys.Order(), sluiced.Keys.Order());
        foreach (var (name, expected) in rsyslogd)
            Assert.True(expected == sluiced[name], $"out-{name} differs\n--- rsyslogd:\n{expected}\n--- sluiced:\n{sluiced[name]}");
    }

    private static string Config(string topLevel, string testRulesetParams, string rules) =>
        "global(workDirectory=\"{dir}/work\")\n" +
        "main_queue(queue.workerThreads=\"1\")\n" +
        "module(load=\"imtcp\")\n" +
        "template(name=\"script-run-done\" type=\"string\" string=\"%msg%\\n\")\n" +
        topLevel + "\n" +
        $"ruleset(name=\"test\" {testRulesetParams}) {{\n" +
        $"if $msg contains \"{SentinelText}\" then {{ action(type=\"omfile\" file=\"{{dir}}/done\" template=\"script-run-done\") stop }}\n" +
        rules + "\n}\n" +
        "input(type=\"imtcp\" port=\"0\" listenPortFileName=\"{dir}/port\" address=\"127.0.0.1\" ruleset=\"test\")\n";

    private static Dictionary<string, string> Run(string name, string exe, string config, string[] frames)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("work"));
        using var daemon = DaemonProcess.Start(name, exe, config.Replace("{dir}", dir.Path), dir);
        int port = daemon.WaitForPort(dir.File("port"), TimeSpan.FromSeconds(30));
        var stream = new MemoryStream();
        foreach (var frame in frames.Append($"<13>Nov 22 08:00:00 sentinel end: {SentinelText}"))
        {
            byte[] bytes = Encoding.UTF8.GetBytes(frame);
            stream.Write(Encoding.ASCII.GetBytes(bytes.Length + " "));
            stream.Write(bytes);
        }
        using (var s = Integration.LoopbackTcp.Connect(port))
        {
            s.Send(stream.ToArray());
            s.Shutdown(SocketShutdown.Send);
        }
        var sw = Stopwatch.StartNew();
        while (!File.Exists(dir.File("done")) || !File.ReadAllText(dir.File("done")).Contains(SentinelText))
        {
            if (sw.Elapsed > Timeout || daemon.HasExited)
                Assert.Fail($"{name} did not process the sentinel within {Timeout.TotalSeconds} s\n{daemon.Diagnostics()}");
            Thread.Sleep(50);
        }
        daemon.Signal("TERM");
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(30)) is not null, $"{name} did not exit on TERM\n{daemon.Diagnostics()}");
        return Directory.GetFiles(dir.Path, "out-*")
            .ToDictionary(f => Path.GetFileName(f)["out-".Length..], f => File.ReadAllText(f));
    }

}
