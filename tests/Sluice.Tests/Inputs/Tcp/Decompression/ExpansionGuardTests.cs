using System.Diagnostics;
using System.Net.Sockets;
using Sluice.Engine.Inputs.Tcp.Decompression;
using Sluice.Tests.Compression.Decoders;

namespace Sluice.Tests.Inputs.Tcp.Decompression;

/// <summary>
/// Decompression bombs: a few KiB or MiB that expand to 2 GiB. The guards must stop them early, and even with
/// the guards off the input must work through them in bounded memory. Runs alone, because it watches the
/// process's working set.
/// </summary>
[Collection(nameof(AllocationSensitive))]
public class ExpansionGuardTests
{
    /// <summary>Messages made of NUL bytes are only counted, so that the submitter itself keeps no memory.</summary>
    private static RecordingSubmitter Counting() => new() { CountOnlyPrefix = new byte[] { 0 } };

    [Fact]
    public void AZlibBombTripsThePerReceiveLimitInBoundedMemory()
    {
        var bomb = CompressedStreams.ZlibZeros(2048); // ~2 MiB → 2 GiB
        using var kit = DecompressionKit.Start(DecompressionKit.Config(), Counting());
        using var memory = MemoryWatch.Start();
        using var s = kit.Connect();
        SendIgnoringReset(s, bomb);
        Assert.True(TcpTestKit.ServerClosed(s));

        Assert.True(TcpTestKit.WaitFor(() => kit.Log.Contains(DecompressionKit.Invalid(s, "zlib",
            "decompressed data of one receive exceeds compression.maxDecompressedBytesPerReceive=67108864"))));
        Assert.Equal(1, DecompressionKit.Listener(kit, "decompression.errors"));
        // The limit is per receive: earlier receives that each stayed under it also count here, so the total
        // can pass 64 MiB before the guard trips (how many receives it takes depends on the scheduler). What
        // matters: the guard stopped the 2 GiB bomb long before its end, in bounded memory.
        Assert.InRange(DecompressionKit.Listener(kit, "bytes.decompressed"), 1, 1L << 30);
        memory.AssertGrowthBelow(256L << 20);
    }

    [Fact]
    public void TheExpansionRatioIsCumulativeOverTheStream()
    {
        var bomb = CompressedStreams.ZlibZeros(64);
        using var kit = DecompressionKit.Start(DecompressionKit.Config(ratio: 100, perReceive: 0), Counting());
        using var s = kit.Connect();
        SendIgnoringReset(s, bomb);
        Assert.True(TcpTestKit.ServerClosed(s));
        Assert.True(TcpTestKit.WaitFor(() => kit.Log.Contains(DecompressionKit.Invalid(s, "zlib",
            "decompressed data exceeds compression.maxExpansionRatio=100 times the compressed data received"))));
        long received = DecompressionKit.Listener(kit, "bytes.received");
        Assert.InRange(DecompressionKit.Listener(kit, "bytes.decompressed"), 1, 100 * received);
    }

    [Fact]
    public void AZstdBombTripsTheGuardsByDefault()
    {
        var bomb = CompressedStreams.ZstdZeros(16384); // 64 KiB → 2 GiB
        using var kit = DecompressionKit.Start(DecompressionKit.Config(CompressionDriver.Zstd), Counting());
        using var s = kit.Connect();
        SendIgnoringReset(s, bomb);
        Assert.True(TcpTestKit.ServerClosed(s));
        Assert.True(TcpTestKit.WaitFor(() => kit.Log.Lines.Any(l => l.Text.StartsWith(DecompressionKit.Invalid(s, "zstd", "decompressed data"), StringComparison.Ordinal))));
        Assert.True(DecompressionKit.Listener(kit, "bytes.decompressed") <= 64L << 20);
    }

    [Fact]
    public void WithTheGuardsOffTwoGibibytesGoThroughInBoundedMemory()
    {
        var bomb = CompressedStreams.ZstdZeros(16384); // 64 KiB → 2 GiB
        var submitter = Counting();
        using var kit = DecompressionKit.Start(DecompressionKit.Config(CompressionDriver.Zstd, ratio: 0, perReceive: 0), submitter);
        using var memory = MemoryWatch.Start();
        DecompressionKit.SendAndClose(kit, bomb);
        Assert.True(TcpTestKit.WaitFor(() => DecompressionKit.Listener(kit, "bytes.decompressed") == 2L << 30, TimeSpan.FromMinutes(3)));
        Assert.Equal(0, DecompressionKit.Listener(kit, "decompression.errors"));
        // 2 GiB of NULs without a delimiter: split at maxMessageSize (8096), losing one byte per split as rsyslog does.
        Assert.True(TcpTestKit.WaitFor(() => submitter.CountedOnly >= (2L << 30) / 8097));
        memory.AssertGrowthBelow(256L << 20);
    }

    private static void SendIgnoringReset(Socket s, byte[] data)
    {
        try
        {
            TcpTestKit.SendAll(s, data);
        }
        catch (SocketException)
        {
            // The server may hang up while the bomb is still being sent; that is the point.
        }
    }

    /// <summary>Samples the process's working set in the background and reports the largest growth seen.</summary>
    private sealed class MemoryWatch : IDisposable
    {
        private readonly long _baseline;
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _max;

        private MemoryWatch()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            _baseline = Sample();
            _max = _baseline;
            _thread = new Thread(Run) { IsBackground = true };
            _thread.Start();
        }

        public static MemoryWatch Start() => new();

        private static long Sample()
        {
            using var p = Process.GetCurrentProcess();
            return p.WorkingSet64;
        }

        private void Run()
        {
            while (!_stop)
            {
                long now = Sample();
                if (now > Interlocked.Read(ref _max)) Interlocked.Exchange(ref _max, now);
                Thread.Sleep(10);
            }
        }

        public void AssertGrowthBelow(long limit)
        {
            long growth = Interlocked.Read(ref _max) - _baseline;
            Assert.True(growth < limit, $"the working set grew by {growth / (1 << 20)} MiB");
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
