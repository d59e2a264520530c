using System.Diagnostics;
using System.Text;
using Sluice.Tests.Integration;
using Sluice.Tests.Outputs.File;

namespace Sluice.Tests.Lookup;

/// <summary>
/// lookup() in output before and after a SIGHUP that follows a change of the table file, in sluiced and in
/// rsyslogd 8.2302 alike: the table with reloadOnHUP (default on) gives the new value, the one with
/// reloadOnHUP="off" keeps the old one, and once the new value shows, the old one never comes back.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class LookupReloadOutputDaemonTests
{
    private const string Config = """
        module(load="imtcp")
        input(type="imtcp" port="0" address="127.0.0.1" listenPortFileName="{dir}/port")
        lookup_table(name="hup" file="{tables}/hup.json")
        lookup_table(name="fixed" file="{tables}/fixed.json" reloadOnHUP="off")
        template(name="values" type="string" string="%msg:2:$% hup=%$.h% fixed=%$.f%\n")
        if $programname == "app" then {
            set $.h = lookup("hup", $programname);
            set $.f = lookup("fixed", $programname);
            action(type="omfile" file="{dir}/out/values.log" template="values")
        }
        """;

    private static string Table(string value) =>
        "{\"version\":1,\"nomatch\":\"none\",\"type\":\"string\",\"table\":[{\"index\":\"app\",\"value\":\"" + value + "\"}]}";

    private static string[] Lines(DaemonRun run) =>
        Encoding.UTF8.GetString(run.Read("out/values.log")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static void Send(DaemonRun run, int n) =>
        run.SendOctetCounted([Encoding.ASCII.GetBytes($"<13>Oct 11 22:14:15 web-01 app: m{n}")]);

    [Fact]
    public void Lookup_gives_the_new_value_after_HUP_only_for_tables_that_reload_on_HUP()
    {
        var seen = new Dictionary<string, string>();
        foreach (var daemon in DaemonRun.Daemons)
        {
            // The tables must exist before the daemon reads its config, so they live in a directory of their own.
            using var tables = new TempDir();
            File.WriteAllText(tables.File("hup.json"), Table("one"));
            File.WriteAllText(tables.File("fixed.json"), Table("one"));
            using (var run = DaemonRun.Start(daemon, Config.Replace("{tables}", tables.Path)))
            {
                Send(run, 0);
                run.WaitUntil(() => Lines(run).Length >= 1, "the first line");
                Assert.Equal("m0 hup=one fixed=one", Lines(run)[0]);

                File.WriteAllText(tables.File("hup.json"), Table("two"));
                File.WriteAllText(tables.File("fixed.json"), Table("two"));
                run.Process.Signal("HUP");
                // The reload is asynchronous in rsyslogd: send until the new value shows (bounded).
                var sw = Stopwatch.StartNew();
                int n = 1;
                while (!Lines(run).Any(l => l.Contains("hup=two", StringComparison.Ordinal)) && sw.Elapsed < DaemonRun.Patience)
                {
                    Send(run, n++);
                    run.WaitUntil(() => Lines(run).Length >= n, $"line {n}");
                }
                string[] lines = Lines(run);
                int first = Array.FindIndex(lines, l => l.Contains("hup=two", StringComparison.Ordinal));
                Assert.True(first > 0, $"{daemon}: lookup never gave the reloaded value:\n{string.Join('\n', lines)}\n{run.Process.Diagnostics()}");
                for (int i = first; i < lines.Length; i++) Assert.EndsWith(" hup=two fixed=one", lines[i]);
                for (int i = 0; i < first; i++) Assert.EndsWith(" hup=one fixed=one", lines[i]);
                seen[daemon] = string.Join('\n', lines.Select(l => l[l.IndexOf(' ')..]).Distinct());
            }
        }
        Assert.Equal(seen["rsyslogd"], seen["sluiced"]);
    }
}
