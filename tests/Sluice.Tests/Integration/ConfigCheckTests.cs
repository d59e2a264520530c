using System.Text.RegularExpressions;

namespace Sluice.Tests.Integration;

/// <summary><c>-N1</c> validates a config without running it: 0 for a good one, non-zero and file:line:column for a bad one.</summary>
[Collection(DaemonCollection.Name)]
public sealed class ConfigCheckTests
{
    [Fact]
    public void ValidConfigPassesTheCheck()
    {
        using var dir = new TempDir();
        string conf = dir.File("good.conf");
        File.WriteAllText(conf, new ServerConfig
        {
            ModuleParams = "workerThreads=\"2\" StarvationProtection.MaxReads=\"500\"",
            GlobalParams = "maxMessageSize=\"8192\"",
            Template = "%msg%\\n",
        }.Render(dir, dir.File("port"), dir.File("out.log")));

        var r = ProcessRun.Run(RepoLayout.Sluiced, ["-N1", "-f", conf], TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode == 0, $"-N1 on a valid config exited {r.ExitCode}:\n{r.Output}");
        Assert.False(File.Exists(dir.File("port")), "-N1 must not start the listener");
    }

    [Fact]
    public void UnknownParameterFailsTheCheckNamingFileLineAndColumn()
    {
        using var dir = new TempDir();
        string conf = dir.File("bad.conf");
        const string BadLine = "      nosuchparam=\"x\" listenPortFileName=\"PORT\")";
        File.WriteAllText(conf, string.Join('\n',
            $"global(workDirectory=\"{dir.Sub("work")}\")",
            "module(load=\"imtcp\" MaxSessions=\"500\")",
            "input(type=\"imtcp\" port=\"0\" address=\"127.0.0.1\"",
            BadLine.Replace("PORT", dir.File("port")),
            $"action(type=\"omfile\" file=\"{dir.File("out.log")}\" template=\"RSYSLOG_FileFormat\")",
            ""));

        var r = ProcessRun.Run(RepoLayout.Sluiced, ["-N1", "-f", conf], TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode != 0, $"-N1 on a config with an unknown parameter exited 0:\n{r.Output}");
        Assert.Contains("nosuchparam", r.Output);
        var at = new Regex(Regex.Escape(conf) + @":(\d+):(\d+)").Match(r.Output);
        Assert.True(at.Success, $"no {conf}:LINE:COLUMN in the output:\n{r.Output}");
        Assert.Equal(4, int.Parse(at.Groups[1].Value));
        int column = int.Parse(at.Groups[2].Value);
        Assert.InRange(column, 1, BadLine.IndexOf('=') + 1); // somewhere at or before the parameter's '='
    }
}
