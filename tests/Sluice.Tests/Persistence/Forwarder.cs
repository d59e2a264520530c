using System.Diagnostics;
using System.Text;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Persistence;

/// <summary>
/// The forwarder of the persistence tests: the real sluiced with imtcp in and omfwd (TCP) out to a
/// <see cref="NumberSink"/> port, with a disk-assisted action queue. Its directory (config, spool) lives across
/// restarts, so the same spool is recovered by every run.
/// </summary>
public sealed class Forwarder : IDisposable
{
    public const string QueueFile = "fwdq";

    private readonly TempDir _dir = new();
    private readonly string _config;
    public DaemonProcess? Daemon { get; private set; }
    public int Port { get; private set; }
    public string Run { get; } = "r" + Guid.NewGuid().ToString("N")[..8];
    public string WorkDir { get; }
    public TempDir Dir => _dir;

    /// <param name="queueParams">queue.* / action.* parameters added to the omfwd action.</param>
    /// <param name="actionQueueType">The action's queue.type (LinkedList + queue.filename = disk-assisted).</param>
    /// <param name="mainQueue">A main_queue() statement, if any.</param>
    /// <param name="rulesetQueue">
    /// When set, the input is bound to a ruleset "spool" with these queue.* parameters (queue.filename is added) and the
    /// action, Direct, runs in it: the ruleset's queue is then the one that keeps the messages.
    /// </param>
    public Forwarder(int targetPort, string queueParams, string actionQueueType = "LinkedList", string? mainQueue = null, string? rulesetQueue = null)
    {
        WorkDir = _dir.Sub("work");
        string actionQueue = actionQueueType == "Direct" || rulesetQueue is not null
            ? "queue.type=\"Direct\""
            : $"queue.type=\"{actionQueueType}\" queue.filename=\"{QueueFile}\"";
        string action = $"action(type=\"omfwd\" name=\"fwd\" target=\"127.0.0.1\" port=\"{targetPort}\" protocol=\"tcp\" template=\"raw\" " +
            $"action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\" action.resumeIntervalMax=\"2\" " +
            $"{actionQueue} {queueParams})";
        _config = string.Join('\n',
            $"global(workDirectory=\"{WorkDir}\")",
            mainQueue ?? "",
            "module(load=\"imtcp\")",
            $"input(type=\"imtcp\" port=\"0\" listenPortFileName=\"{_dir.File("port")}\" address=\"127.0.0.1\"" +
            (rulesetQueue is null ? ")" : " ruleset=\"spool\")"),
            "template(name=\"raw\" type=\"string\" string=\"%rawmsg%\")",
            rulesetQueue is null ? action : $"ruleset(name=\"spool\" queue.filename=\"{QueueFile}\" {rulesetQueue}) {{ {action} }}",
            "");
    }

    /// <summary>Starts sluiced (again) on the same directory and waits for its listener.</summary>
    public void Start()
    {
        if (Daemon is { HasExited: false }) throw new InvalidOperationException("already running");
        Daemon?.Dispose();
        File.Delete(_dir.File("port"));
        Daemon = DaemonProcess.Start("sluiced", RepoLayout.Sluiced, _config, _dir);
        Port = Daemon.WaitForPort(_dir.File("port"), TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts sluiced without waiting for anything (to kill it while it recovers its spool).</summary>
    public void StartNoWait()
    {
        Daemon?.Dispose();
        File.Delete(_dir.File("port"));
        Daemon = DaemonProcess.Start("sluiced", RepoLayout.Sluiced, _config, _dir);
    }

    public void Kill9()
    {
        if (Daemon is null) return;
        if (!Daemon.HasExited) Daemon.Signal("KILL");
        Assert.NotNull(Daemon.WaitForExit(TimeSpan.FromSeconds(30)));
    }

    /// <summary>SIGTERM; returns the exit code.</summary>
    public int? Terminate(TimeSpan timeout)
    {
        Daemon!.Signal("TERM");
        return Daemon.WaitForExit(timeout);
    }

    public static string Line(string run, int number, int pri = 134) => $"<{pri}>Mar  1 12:00:00 host app: {run} seq={number:D6} payload-{number % 97}\n";

    /// <summary>Sends numbers [from, from+count) on one connection and waits until the daemon has read them all.</summary>
    public void Send(int from, int count, int pri = 134)
    {
        var sb = new StringBuilder(count * 64);
        for (int i = from; i < from + count; i++) sb.Append(Line(Run, i, pri));
        using var c = TestConnection.ConnectAsync(Port, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        c.Send(Encoding.ASCII.GetBytes(sb.ToString()));
        Assert.True(c.CloseGracefullyAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult(), "the daemon did not read the whole stream");
    }

    /// <summary>The numbers found in the queue's segment files (what is in the journal, delivered or not).</summary>
    public bool[] NumbersInSpool(int size)
    {
        var found = new bool[size];
        var marker = Encoding.ASCII.GetBytes(Run + " seq=");
        foreach (var f in Directory.GetFiles(WorkDir, QueueFile + ".*"))
        {
            string name = Path.GetFileName(f);
            if (name.EndsWith(".qi", StringComparison.Ordinal) || name.Contains(".qi.", StringComparison.Ordinal)) continue;
            byte[] data;
            try { data = File.ReadAllBytes(f); }
            catch (IOException) { continue; } // deleted meanwhile: its records were delivered
            var span = data.AsSpan();
            int at;
            while ((at = span.IndexOf(marker)) >= 0)
            {
                int i = at + marker.Length, number = 0, digits = 0;
                while (i < span.Length && span[i] >= '0' && span[i] <= '9') { number = number * 10 + (span[i] - '0'); i++; digits++; }
                if (digits == 6 && number < size) found[number] = true;
                span = span[i..];
            }
        }
        return found;
    }

    /// <summary>
    /// Waits until every number of [from, from+count) was taken in: in the journal or already delivered to
    /// <paramref name="sink"/> (checked after the spool, so a record deleted in between is seen at the sink).
    /// </summary>
    public void WaitTakenIn(int from, int count, int size, NumberSink? sink, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var inSpool = NumbersInSpool(size);
            int missing = 0, firstMissing = -1;
            for (int i = from; i < from + count; i++)
            {
                if (inSpool[i] || (sink != null && sink.CountOf(i) > 0)) continue;
                if (firstMissing < 0) firstMissing = i;
                missing++;
            }
            if (missing == 0) return;
            Assert.True(sw.Elapsed < timeout, $"{missing} of {count} messages not taken in (first: {firstMissing})\n{Daemon?.Diagnostics()}");
            Thread.Sleep(100);
        }
    }

    public void Dispose()
    {
        Daemon?.Dispose();
        _dir.Dispose();
    }
}
