using System.Text;

namespace Sluice.Tests.Inputs.Tcp;

[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public sealed class AllocationSensitive;

/// <summary>Runs alone: it measures the whole process's allocations.</summary>
[Collection(nameof(AllocationSensitive))]
public class TcpInputAllocationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)] // ratelimit.interval set, with a burst that is never reached: every message passes the limiter
    public void SteadyStateReceptionAllocatesNothingPerMessage(bool rateLimited)
    {
        const int perRound = 50_000;
        var submitter = new RecordingSubmitter { CountOnlyPrefix = "<13>"u8.ToArray() }; // counts, copies nothing
        var config = rateLimited ? TcpTestKit.Config() with { RateLimitInterval = 3600, RateLimitBurst = int.MaxValue } : TcpTestKit.Config();
        using var kit = new TcpTestKit(config, submitter);
        using var c = kit.Connect();
        var sb = new StringBuilder();
        for (int i = 0; i < perRound; i++) sb.Append(i % 2 == 0 ? "<13>steady state message\n" : "24 <13>steady state message");
        var payload = Encoding.ASCII.GetBytes(sb.ToString());

        // Warm up: pools filled, code jitted, buffers grown.
        for (int round = 1; round <= 3; round++)
        {
            TcpTestKit.SendAll(c, payload);
            int expected = round * perRound;
            Assert.True(TcpTestKit.WaitFor(() => submitter.CountedOnly == expected));
        }

        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int round = 4; round <= 7; round++)
        {
            TcpTestKit.SendAll(c, payload);
            int expected = round * perRound;
            Assert.True(TcpTestKit.WaitFor(() => submitter.CountedOnly == expected));
        }
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // 200,000 messages: even one byte each would be 200 KB. What remains is the test's own polling.
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes for {4 * perRound} messages");
    }
}
