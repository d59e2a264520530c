using System.Text.RegularExpressions;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Inputs.Tcp;

/// <summary>
/// The same imtcp ratelimit config run by the published sluiced and by the real rsyslogd 8.2302: the same
/// messages must pass, from two sessions that share the listener's burst.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class TcpRateLimitDaemonTests
{
    private static string Config(TempDir dir) => string.Join('\n',
        $"global(workDirectory=\"{dir.Sub("work")}\")",
        "module(load=\"imtcp\")",
        $"input(type=\"imtcp\" port=\"0\" listenPortFileName=\"{dir.File("port")}\" address=\"127.0.0.1\" ratelimit.interval=\"3600\" ratelimit.burst=\"5\")",
        "template(name=\"m\" type=\"string\" string=\"%msg%\\n\")",
        // local0 only: the daemons' own messages (facility syslog) stay out of the output.
        $"local0.* action(type=\"omfile\" file=\"{dir.File("out.log")}\" template=\"m\")") + "\n";

    /// <summary>Runs one daemon, sends 3 messages on one session and 10 on a second, returns what it wrote.</summary>
    private static (List<string> Lines, DaemonProcess Process, TempDir Dir) Run(string name, string exe)
    {
        var dir = new TempDir();
        var p = DaemonProcess.Start(name, exe, Config(dir), dir);
        int port = p.WaitForPort(dir.File("port"), TimeSpan.FromSeconds(30));
        foreach (var (session, count) in new[] { ("one", 3), ("two", 10) })
        {
            using var conn = TestConnection.ConnectAsync(port, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            conn.Send(System.Text.Encoding.ASCII.GetBytes(string.Concat(
                Enumerable.Range(0, count).Select(i => $"<134>Nov 22 10:00:00 host app: {session} {i}\n"))));
            Assert.True(conn.CloseGracefullyAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult());
            Thread.Sleep(300); // the sessions one after the other, so the order of what passes is fixed
        }
        var output = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(dir.File("out.log")))
            {
                output = File.ReadAllLines(dir.File("out.log")).ToList();
                if (output.Count >= 5) break;
            }
            Thread.Sleep(100);
        }
        Thread.Sleep(1000); // anything beyond the burst would have been written by now
        if (File.Exists(dir.File("out.log"))) output = File.ReadAllLines(dir.File("out.log")).ToList();
        return (output, p, dir);
    }

    [Fact]
    public void SluicedPassesWhatRsyslogdPasses()
    {
        var (expected, rp, rdir) = Run("rsyslogd", RepoLayout.Rsyslogd);
        using (rdir) using (rp) Assert.Equal(new[] { " one 0", " one 1", " one 2", " two 0", " two 1" }, expected);

        var (actual, sp, sdir) = Run("sluiced", RepoLayout.Sluiced);
        using (sdir)
        using (sp)
        {
            Assert.Equal(expected, actual);
            Assert.True(sp.WaitForStderr(new Regex(@"tcperver from <(localhost|127\.0\.0\.1):->: begin to drop messages due to rate-limiting"),
                TimeSpan.FromSeconds(30)) is not null, sp.Diagnostics());
            sp.Signal("TERM");
            Assert.Equal(0, sp.WaitForExit(TimeSpan.FromSeconds(60)));
            Assert.Contains("tcperver: 8 messages lost due to rate-limiting (5 allowed within 3600 seconds)", sp.Stderr, StringComparison.Ordinal);
        }
    }
}
