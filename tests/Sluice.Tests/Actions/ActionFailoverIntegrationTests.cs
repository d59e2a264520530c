using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Actions;

/// <summary>
/// The real sluiced with an omfile primary that cannot write (its directory's path runs through a regular file, so
/// open(2) fails with ENOTDIR even for root) and an omfile backup with action.execOnlyWhenPreviousIsSuspended.
/// What happens is what rsyslogd 8.2302 does with the same config (checked by running it): with the default
/// resumeRetryCount the suspended primary hands every later message to the backup; with resumeRetryCount="-1" the
/// primary never gives up, so its worker holds the messages (the backup gets none) and delivers all of them, in
/// order, once it can write again.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class ActionFailoverIntegrationTests
{
    private static string Config(TempDir dir, string primaryParams) => string.Join('\n',
        $"global(workDirectory=\"{dir.Sub("work")}\")",
        "module(load=\"imtcp\")",
        $"input(type=\"imtcp\" port=\"0\" listenPortFileName=\"{dir.File("port")}\" address=\"127.0.0.1\")",
        "template(name=\"msgonly\" type=\"string\" string=\"%msg%\\n\")",
        $"action(type=\"omfile\" name=\"primary\" file=\"{dir.File("blocker")}/primary.log\" template=\"msgonly\" {primaryParams})",
        $"action(type=\"omfile\" name=\"backup\" file=\"{dir.File("backup.log")}\" template=\"msgonly\" action.execOnlyWhenPreviousIsSuspended=\"on\")",
        "");

    private static string[] Numbered(string run, int from, int count)
        => Enumerable.Range(from, count).Select(i => $"{run}-{i:D5}").ToArray();

    private static void Send(int port, IEnumerable<string> messages)
    {
        using var c = TestConnection.ConnectAsync(port, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        var sb = new StringBuilder();
        foreach (var m in messages) sb.Append("<134>Mar  1 12:00:00 host app: ").Append(m).Append('\n');
        c.Send(Encoding.ASCII.GetBytes(sb.ToString()));
        Assert.True(c.CloseGracefullyAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult(), "the daemon did not read the whole stream");
    }

    /// <summary>The lines of <paramref name="path"/> that belong to this run (internal messages are left out).</summary>
    private static string[] RunLines(string path, string run)
    {
        if (!File.Exists(path)) return Array.Empty<string>();
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(fs);
        var lines = new List<string>();
        // %msg% keeps the space after "app:".
        while (reader.ReadLine() is { } line)
            if (line.StartsWith(" " + run + "-", StringComparison.Ordinal)) lines.Add(line[1..]);
        return lines.ToArray();
    }

    private static string[] WaitForLines(string path, string run, int count, DaemonProcess daemon)
    {
        var sw = Stopwatch.StartNew();
        string[] lines;
        while ((lines = RunLines(path, run)).Length < count)
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(60), $"{path}: {lines.Length} of {count} lines\n{daemon.Diagnostics()}");
            Thread.Sleep(50);
        }
        return lines;
    }

    [Fact]
    public void A_suspended_primary_hands_its_messages_to_the_backup()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("blocker"), "a regular file, not a directory\n");
        string errors = dir.File("primary-errors.json");
        using var daemon = DaemonProcess.Start("sluiced", RepoLayout.Sluiced,
            Config(dir, $"action.resumeInterval=\"600\" action.errorfile=\"{errors}\""), dir);
        int port = daemon.WaitForPort(dir.File("port"), TimeSpan.FromSeconds(30));
        string run = "r" + Guid.NewGuid().ToString("N")[..8];

        // The first failure suspends the primary (the daemon's own start message may already have done it).
        Assert.NotNull(daemon.WaitForStderr(new Regex(@"action 'primary' suspended \(module 'builtin:omfile'\), next retry is "),
            TimeSpan.FromSeconds(5)) ?? ProbeUntilSuspended(daemon, port, run));

        var messages = Numbered(run, 0, 500);
        Send(port, messages);
        Assert.Equal(messages, WaitForLines(dir.File("backup.log"), run, messages.Length, daemon));
        Assert.False(Directory.Exists(dir.File("blocker")));
        // As rsyslogd does, the suspended primary also lists them in its error file, with status 0 ("already suspended").
        var entries = File.ReadAllLines(errors).Where(l => l.Contains($"\"template0\": \" {run}-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(messages.Length, entries.Length);
        Assert.All(entries, e => Assert.StartsWith("{ \"action\": \"primary\", \"status\": 0, ", e));
    }

    /// <summary>Sends a probe and waits until the primary reports its suspension.</summary>
    private static Match? ProbeUntilSuspended(DaemonProcess daemon, int port, string run)
    {
        Send(port, new[] { $"{run}-probe" });
        return daemon.WaitForStderr(new Regex(@"action 'primary' suspended \(module 'builtin:omfile'\), next retry is "), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Retrying_forever_holds_the_messages_and_delivers_them_all_once_the_file_can_be_written()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("blocker"), "a regular file, not a directory\n");
        using var daemon = DaemonProcess.Start("sluiced", RepoLayout.Sluiced,
            Config(dir, "action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\""), dir);
        int port = daemon.WaitForPort(dir.File("port"), TimeSpan.FromSeconds(30));
        string run = "r" + Guid.NewGuid().ToString("N")[..8];

        var messages = Numbered(run, 0, 2000);
        Send(port, messages);
        // The primary keeps retrying (its worker is blocked, as rsyslogd's is): nothing is written anywhere yet.
        Assert.NotNull(daemon.WaitForStderr(new Regex(@"action 'primary' suspended \(module 'builtin:omfile'\), retry 0"), TimeSpan.FromSeconds(30)));
        Thread.Sleep(1500);
        Assert.Empty(RunLines(dir.File("backup.log"), run));

        // The path becomes writable (omfile creates the directory): every message arrives, in order, exactly once.
        File.Delete(dir.File("blocker"));
        Assert.Equal(messages, WaitForLines(dir.File("blocker") + "/primary.log", run, messages.Length, daemon));
        Assert.Empty(RunLines(dir.File("backup.log"), run));

        daemon.Signal("TERM");
        Assert.Equal(0, daemon.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(messages, RunLines(dir.File("blocker") + "/primary.log", run));
    }

    [Fact]
    public void Term_while_retrying_forever_stops_within_the_queue_timeouts()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("blocker"), "a regular file, not a directory\n");
        using var daemon = DaemonProcess.Start("sluiced", RepoLayout.Sluiced,
            Config(dir, "action.resumeRetryCount=\"-1\" action.resumeInterval=\"30\""), dir);
        int port = daemon.WaitForPort(dir.File("port"), TimeSpan.FromSeconds(30));
        string run = "r" + Guid.NewGuid().ToString("N")[..8];
        Send(port, Numbered(run, 0, 100));
        Assert.NotNull(daemon.WaitForStderr(new Regex(@"action 'primary' suspended \(module 'builtin:omfile'\), retry 0"), TimeSpan.FromSeconds(30)));

        var sw = Stopwatch.StartNew();
        daemon.Signal("TERM");
        // main queue: timeoutShutdown 1.5 s, then the 30 s retry sleep is cut short.
        Assert.Equal(0, daemon.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), $"took {sw.Elapsed} to stop\n{daemon.Diagnostics()}");
        Assert.Matches(new Regex(@"action 'primary': \d+ messages could not be delivered before shutdown and were discarded"), daemon.Stderr);
    }
}
