using System.Text;
using Sluice.Tests.Integration;
using Sluice.Tests.Outputs.File;

namespace Sluice.Tests.Config;

/// <summary>A config in legacy $-directives run by sluiced and by rsyslogd: the same files, modes and lines.</summary>
[Collection(DaemonCollection.Name)]
public sealed class LegacyDirectiveDaemonTests
{
    private const string Config = """
        $ModLoad imtcp
        $InputTCPServerListenPortFile {dir}/port
        $InputTCPServerRun 0
        $WorkDirectory {dir}/work
        $Umask 0000
        $FileCreateMode 0666
        $DirCreateMode 0777
        $ActionFileDefaultTemplate RSYSLOG_TraditionalFileFormat
        $RepeatedMsgReduction off
        *.* {dir}/out/sub/legacy.log
        action(type="omfile" file="{dir}/out/action.log")
        $FileCreateMode 0600
        local0.* {dir}/out/local0.log
        """;

    private static readonly byte[][] Messages =
    [
        Encoding.ASCII.GetBytes("<134>Oct 11 22:14:15 web-01 nginx: first"),
        Encoding.ASCII.GetBytes("<13>Oct 11 22:14:16 web-01 app: second"),
    ];

    private static SortedDictionary<string, string> Snapshot(DaemonRun run)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Directory.GetFileSystemEntries(Path.Combine(run.Dir, "out"), "*", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(run.Dir, entry);
            string mode = Convert.ToString((int)File.GetUnixFileMode(entry), 8);
            // Only the test's lines: the daemons' own start messages differ (and are not what this test is about).
            string content = File.Exists(entry)
                ? string.Concat(Encoding.UTF8.GetString(run.Read(rel)).Split('\n').Where(l => l.Contains("web-01", StringComparison.Ordinal)).Select(l => l + "\n"))
                : "<dir>";
            result[rel] = mode + " " + content;
        }
        return result;
    }

    [Fact]
    public void Legacy_file_settings_umask_and_default_template_match_rsyslogd()
    {
        var snapshots = new Dictionary<string, SortedDictionary<string, string>>();
        foreach (var daemon in DaemonRun.Daemons)
        {
            using var run = DaemonRun.Start(daemon, Config);
            run.SendOctetCounted(Messages);
            run.WaitUntil(() => run.CountLines("out/sub/legacy.log") >= 2 && run.CountLines("out/action.log") >= 2
                                && run.CountLines("out/local0.log") >= 1, "every line in out/");
            snapshots[daemon] = Snapshot(run);
        }
        var expected = snapshots["rsyslogd"];
        Assert.Equal(expected, snapshots["sluiced"]);
        Assert.StartsWith("666 Oct 11 22:14:15 web-01 nginx: first\n", expected["out/sub/legacy.log"]); // umask 0000, traditional format
        Assert.StartsWith("644 ", expected["out/action.log"]); // action() objects keep omfile's defaults
        Assert.StartsWith("600 ", expected["out/local0.log"]);
        Assert.StartsWith("777 ", expected["out/sub"]);
    }
}
