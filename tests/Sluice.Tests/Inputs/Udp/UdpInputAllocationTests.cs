using System.Net;
using Sluice.Native;
using Sluice.Tests.Inputs.Tcp;
using static Sluice.Native.SocketConstants;

namespace Sluice.Tests.Inputs.Udp;

/// <summary>Runs alone: it measures the whole process's allocations.</summary>
[Collection(nameof(AllocationSensitive))]
public class UdpInputAllocationTests
{
    [Fact]
    public void SteadyStateReceptionAllocatesNothingPerDatagram()
    {
        const int perRound = 20_000, window = 512;
        var submitter = new RecordingSubmitter { CountOnlyPrefix = "<13>"u8.ToArray() }; // counts, copies nothing
        using var kit = new UdpTestKit(UdpTestKit.Config(), submitter);
        int fd = Sockets.Create(AF_INET, SOCK_DGRAM);
        try
        {
            var to = SockAddr.FromIPAddress(IPAddress.Loopback, kit.Port);
            var payload = "<13>Jan  1 00:00:00 host app: steady state datagram"u8.ToArray();
            long sent = 0;

            void Round()
            {
                long deadline = Environment.TickCount64 + 60_000;
                for (int i = 0; i < perRound; i++)
                {
                    Assert.True(ClientSockets.SendTo(fd, payload, to, out _) == payload.Length);
                    sent++;
                    // Paced without closures or timers, so that the measurement sees only the input.
                    while (sent - submitter.CountedOnly > window && Environment.TickCount64 < deadline) Thread.Sleep(1);
                }
                while (submitter.CountedOnly < sent && Environment.TickCount64 < deadline) Thread.Sleep(1);
                Assert.Equal(sent, submitter.CountedOnly);
            }

            for (int round = 0; round < 3; round++) Round(); // warm up: pools filled, code jitted

            // The count is process-wide: background threads, and a pool or buffer growing once when the in-flight peak
            // is higher than during the warm-up, add bytes to some rounds. A per-datagram allocation (at least one
            // 24-byte object each, ≈ 480 KB per round) shows in every round, so the quietest round is the measure.
            long least = long.MaxValue;
            for (int round = 0; round < 4; round++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                Round();
                least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
            }
            Assert.True(least < perRound, $"allocated {least} bytes for {perRound} datagrams in the quietest round");
        }
        finally
        {
            Sockets.Close(fd);
        }
    }
}
