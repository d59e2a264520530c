using System.Text.RegularExpressions;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Lookup;

/// <summary>SIGHUP reloads the lookup tables that ask for it (reloadOnHUP, default on) in the running daemon.</summary>
[Collection(DaemonCollection.Name)]
public sealed class LookupHupDaemonTests
{
    [Fact]
    public void Hup_reloads_tables_with_reloadOnHUP_and_keeps_the_old_contents_when_the_file_is_broken()
    {
        using var dir = new TempDir();
        string hup = dir.File("hup.json"), fixedTable = dir.File("fixed.json");
        File.WriteAllText(hup, "{\"version\":1,\"table\":[{\"index\":\"a\",\"value\":\"one\"}]}");
        File.WriteAllText(fixedTable, "{\"version\":1,\"table\":[{\"index\":\"a\",\"value\":\"one\"}]}");
        string config = $"""
            module(load="imtcp")
            input(type="imtcp" port="0" address="127.0.0.1" listenPortFileName="{dir.File("port")}")
            lookup_table(name="hup" file="{hup}")
            lookup_table(name="fixed" file="{fixedTable}" reloadOnHUP="off")
            *.* {dir.File("out.log")}
            """;
        using var daemon = DaemonProcess.Start("sluiced", RepoLayout.Sluiced, config, dir);
        daemon.WaitForPort(dir.File("port"), TimeSpan.FromSeconds(30));

        File.WriteAllText(hup, "{\"version\":1,\"table\":[{\"index\":\"a\",\"value\":\"two\"}]}");
        daemon.Signal("HUP");
        Assert.NotNull(daemon.WaitForStderr(new Regex($"lookup table 'hup' reloaded from file '{Regex.Escape(hup)}'"), TimeSpan.FromSeconds(60)));

        File.WriteAllText(hup, "{ not json");
        daemon.Signal("HUP");
        Assert.NotNull(daemon.WaitForStderr(new Regex("lookup table 'hup' could not be reloaded, the previous contents stay in use"), TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain("lookup table 'fixed'", daemon.Stderr);
        Assert.False(daemon.HasExited, daemon.Diagnostics());
    }
}
