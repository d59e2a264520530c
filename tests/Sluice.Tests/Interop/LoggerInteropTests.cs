using Sluice.Tests.Integration;

namespace Sluice.Tests.Interop;

/// <summary>util-linux logger over TCP, LF and octet-counted, RFC 5424 (its default) and RFC 3164, into sluiced:
/// the tag and text arrive intact, with the same properties a real rsyslogd records for the same command.</summary>
[Collection(DaemonCollection.Name)]
public sealed class LoggerInteropTests
{
    [Fact]
    public void LoggerLinesArriveWithTagAndMessageIntact()
    {
        var config = new ServerConfig { Template = ServerConfig.PropertiesTemplate };
        using var sluiced = SyslogServer.Sluiced(config);
        using var reference = SyslogServer.Rsyslogd(config);
        string run = TestMessages.NewRunId();

        var variants = new (string[] Args, string Tag)[]
        {
            ([], "lgtag5424"),
            (["--octet-count"], "lgtag5424oc"),
            (["--rfc3164"], "lgtag3164"),
            (["--rfc3164", "--octet-count"], "lgtag3164oc"),
        };
        for (int v = 0; v < variants.Length; v++)
        {
            foreach (var server in new[] { sluiced, reference })
            {
                string text = $"hello from logger {TestMessages.Marker(run, v, 0)} with \"quotes\" and ünïcode";
                var args = new List<string> { "--tcp", "-n", "127.0.0.1", "-P", server.Port.ToString(), "-t", variants[v].Tag, "-p", "local3.warning" };
                args.AddRange(variants[v].Args);
                args.Add(text);
                var r = ProcessRun.Run(RepoLayout.Logger, args, TimeSpan.FromSeconds(30));
                Assert.True(r.ExitCode == 0, $"logger {string.Join(' ', args)} failed: {r.Output}");
            }
        }

        using var atSluiced = new OutputFollower(sluiced.OutputPath, run, keepLines: true);
        using var atReference = new OutputFollower(reference.OutputPath, run, keepLines: true);
        Assert.True(atReference.WaitForMarkers(variants.Length, TimeSpan.FromSeconds(30)), "the reference rsyslogd missed logger lines\n" + reference.Process.Diagnostics());
        bool all = atSluiced.WaitForMarkers(variants.Length, TimeSpan.FromSeconds(30));
        Assert.True(all, $"sluiced got {atSluiced.Markers.Count} of {variants.Length} logger lines\n{sluiced.Process.Diagnostics()}");

        var got = PropertyLines.ByMarker(atSluiced, run);
        var want = PropertyLines.ByMarker(atReference, run);
        for (int v = 0; v < variants.Length; v++)
        {
            string key = $"{v}.0";
            var p = PropertyLines.Parse(got[key]);
            Assert.Equal(variants[v].Tag, p.ProgramName);
            Assert.StartsWith(variants[v].Tag, p.SyslogTag);
            Assert.Equal((19 * 8 + 4).ToString(), p.Pri); // local3.warning
            Assert.Contains($"hello from logger {TestMessages.Marker(run, v, 0)} with \"quotes\" and ünïcode", p.Msg);
            Assert.Equal(want[key], got[key]);
        }
    }
}
