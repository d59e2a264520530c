using System.Buffers;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Interop;

/// <summary>
/// A real rsyslogd forwards with omfwd over UDP into sluiced's imudp and, in parallel, into a second real rsyslogd's
/// imudp. Every datagram must arrive in sluiced exactly once and be parsed into the same properties the reference
/// rsyslogd parsed from the same datagram. The messages go to the relay in paced slices so that no socket buffer on
/// the way can overflow (UDP on loopback then loses nothing).
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class OmfwdUdpInteropTests
{
    [Theory]
    [InlineData("protocol=\"udp\"")]
    // Single-message zlib over UDP: datagrams over 60 bytes are 'z' + zlib; sluiced's parser inflates them.
    [InlineData("protocol=\"udp\" zipLevel=\"6\"")]
    public void RsyslogForwardsOverUdpIntoSluicedWithTheSameProperties(string omfwdOptions)
    {
        const int Count = 2_000, Slice = 200;
        using var sluiced = UdpReceiver.Sluiced();
        using var reference = UdpReceiver.Rsyslogd();
        using var relay = RsyslogForwardingRelay.Start("rsyslog-udp-relay", omfwdOptions, sluiced.UdpPort, reference.UdpPort);
        string run = TestMessages.NewRunId();

        using var atSluiced = new OutputFollower(sluiced.OutputPath, run, keepLines: true);
        using var atReference = new OutputFollower(reference.OutputPath, run, keepLines: true);
        using (var conn = TestConnection.ConnectAsync(relay.Port, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult())
        {
            for (int from = 0; from < Count; from += Slice)
            {
                var w = new ArrayBufferWriter<byte>();
                for (long s = from; s < from + Slice; s++) TestMessages.Frame(w, InteropMessages.Build(run, s), octetCounted: true);
                conn.Send(w.WrittenSpan);
                Assert.True(atReference.WaitForMarkers(from + Slice, TimeSpan.FromSeconds(60)),
                    $"the reference rsyslogd got {atReference.Markers.Count} of {from + Slice}\n{reference.Process.Diagnostics()}\n{relay.Process.Diagnostics()}");
            }
            Assert.True(conn.CloseGracefullyAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult(), "relay did not read the stream\n" + relay.Process.Diagnostics());
        }

        bool all = atSluiced.WaitForMarkers(Count, TimeSpan.FromSeconds(60));
        Thread.Sleep(500); // anything extra (a duplicate) would show up now
        atSluiced.Poll();
        Assert.True(all, $"sluiced got {atSluiced.Markers.Count} of {Count} datagrams\n{sluiced.Process.Diagnostics()}");
        Assert.Null(Delivery.Problems(atSluiced.Markers, _ => Delivery.Range(0, Count), 1, requireOrder: false));

        var got = PropertyLines.ByMarker(atSluiced, run);
        var want = PropertyLines.ByMarker(atReference, run);
        var mismatches = new List<string>();
        foreach (var (key, refLine) in want)
        {
            if (got[key] != refLine) mismatches.Add($"  rsyslogd: {refLine}\n  sluiced:  {got[key]}");
            if (mismatches.Count >= 10) break;
        }
        Assert.True(mismatches.Count == 0, $"properties differ (first {mismatches.Count}):\n{string.Join('\n', mismatches)}");
    }
}
