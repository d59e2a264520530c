using System.Buffers;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Interop;

/// <summary>
/// A real rsyslogd forwards with omfwd compression.mode="stream:always" (one zlib stream per connection,
/// sync-flushed per batch) into sluiced's imtcp with the same mode and, in parallel, into a real rsyslogd's imptcp
/// (which has decompressed such streams since 7.5). Every message must arrive in sluiced exactly once with the
/// properties the reference parsed; when the relay shuts down it finishes the stream, so sluiced must see a proper
/// end (no truncation or corruption reported).
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class OmfwdDecompressInteropTests
{
    [Fact]
    public void RsyslogsCompressedStreamIsDecompressedIntoTheSameProperties()
    {
        const int Count = 3_000;
        using var sluiced = CompressedReceiver.Sluiced();
        using var reference = CompressedReceiver.RsyslogImptcp();
        var relay = RsyslogForwardingRelay.Start("rsyslog-zip-relay", "protocol=\"tcp\" compression.mode=\"stream:always\" zipLevel=\"6\"", sluiced.Port, reference.Port);
        string run = TestMessages.NewRunId();
        using var atSluiced = new OutputFollower(sluiced.OutputPath, run, keepLines: true);
        using var atReference = new OutputFollower(reference.OutputPath, run, keepLines: true);
        try
        {
            var w = new ArrayBufferWriter<byte>();
            for (long s = 0; s < Count; s++) TestMessages.Frame(w, InteropMessages.Build(run, s), octetCounted: true);
            using (var conn = TestConnection.ConnectAsync(relay.Port, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult())
            {
                conn.Send(w.WrittenSpan);
                Assert.True(conn.CloseGracefullyAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult(), "relay did not read the stream\n" + relay.Process.Diagnostics());
            }

            Assert.True(atReference.WaitForMarkers(Count, TimeSpan.FromSeconds(60)), $"imptcp got {atReference.Markers.Count} of {Count}\n{reference.Process.Diagnostics()}\n{relay.Process.Diagnostics()}");
            bool all = atSluiced.WaitForMarkers(Count, TimeSpan.FromSeconds(60));
            Assert.True(all, $"sluiced got {atSluiced.Markers.Count} of {Count}\n{sluiced.Process.Diagnostics()}\n{relay.Process.Diagnostics()}");
        }
        finally
        {
            // Stopping the relay closes its connections: omfwd finishes each zlib stream first.
            relay.Process.Signal("TERM");
            relay.Process.WaitForExit(TimeSpan.FromSeconds(30));
            relay.Dispose();
        }

        Thread.Sleep(500);
        atSluiced.Poll();
        Assert.Null(Delivery.Problems(atSluiced.Markers, _ => Delivery.Range(0, Count), 1, requireOrder: false));
        var got = PropertyLines.ByMarker(atSluiced, run);
        var mismatches = new List<string>();
        foreach (var (key, refLine) in PropertyLines.ByMarker(atReference, run))
        {
            if (got[key] != refLine) mismatches.Add($"  rsyslogd: {refLine}\n  sluiced:  {got[key]}");
            if (mismatches.Count >= 10) break;
        }
        Assert.True(mismatches.Count == 0, $"properties differ (first {mismatches.Count}):\n{string.Join('\n', mismatches)}");
        string stderr = sluiced.Process.Stderr;
        Assert.DoesNotContain("compressed stream", stderr);
    }

    /// <summary>A daemon receiving one compressed stream per connection on an ephemeral TCP port.</summary>
    private sealed class CompressedReceiver : IDisposable
    {
        public DaemonProcess Process { get; }
        public int Port { get; }
        public string OutputPath { get; }

        private CompressedReceiver(DaemonProcess p, int port, string output) { Process = p; Port = port; OutputPath = output; }

        public static CompressedReceiver Sluiced() => Start("sluiced", RepoLayout.Sluiced, "imtcp");

        public static CompressedReceiver RsyslogImptcp() => Start("rsyslogd", RepoLayout.Rsyslogd, "imptcp");

        private static CompressedReceiver Start(string name, string exe, string module)
        {
            var dir = new TempDir();
            string portFile = dir.File("port"), output = dir.File("out.log");
            string config = string.Join('\n',
                $"global(workDirectory=\"{dir.Sub("work")}\")",
                $"module(load=\"{module}\")",
                $"input(type=\"{module}\" port=\"0\" listenPortFileName=\"{portFile}\" address=\"127.0.0.1\" compression.mode=\"stream:always\")",
                $"template(name=\"testfmt\" type=\"string\" string=\"{ServerConfig.PropertiesTemplate}\")",
                $"action(type=\"omfile\" file=\"{output}\" template=\"testfmt\")") + "\n";
            DaemonProcess? p = null;
            try
            {
                p = DaemonProcess.Start(name, exe, config, dir);
                return new CompressedReceiver(p, p.WaitForPort(portFile, TimeSpan.FromSeconds(30)), output);
            }
            catch
            {
                p?.Dispose();
                dir.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Process.Dispose();
            Process.Dir.Dispose();
        }
    }
}
