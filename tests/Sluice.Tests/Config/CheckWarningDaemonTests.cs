using Sluice.Tests.Integration;

namespace Sluice.Tests.Config;

/// <summary>`sluiced -N1`: a warning is printed with its location but does not fail the check (exit 0), as in rsyslogd.</summary>
[Collection(DaemonCollection.Name)]
public sealed class CheckWarningDaemonTests
{
    [Fact]
    public void Warnings_are_printed_and_the_check_still_passes()
    {
        using var dir = new TempDir();
        string conf = dir.File("w.conf");
        File.WriteAllText(conf, "$MainMsgQueueSize 20000\nmain_queue(queue.type=\"LinkedList\")\n*.* " + dir.File("x") + "\n");

        var sluiced = ProcessRun.Run(RepoLayout.Sluiced, ["-N1", "-f", conf], TimeSpan.FromSeconds(60));
        var rsyslogd = ProcessRun.Run(RepoLayout.Rsyslogd, ["-N1", "-f", conf], TimeSpan.FromSeconds(60));

        Assert.Equal(0, rsyslogd.ExitCode);
        Assert.Equal(0, sluiced.ExitCode);
        Assert.Contains($"{conf}:1:1: $MainMsgQueueSize has no effect: main_queue() at {conf}:2:1", sluiced.Stderr);
    }
}
