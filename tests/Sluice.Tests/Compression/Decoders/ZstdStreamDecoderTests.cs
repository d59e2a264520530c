using Sluice.Engine.Compression.Decoders;
using Sluice.Native;

namespace Sluice.Tests.Compression.Decoders;

public class ZstdStreamDecoderTests
{
    private static CompressedStreams.DecodeResult Run(byte[] stream, WindowBudget? budget = null, params int[] pieces)
    {
        using var d = new ZstdStreamDecoder(budget);
        return CompressedStreams.Decode(d, stream, pieces);
    }

    [Fact]
    public void LibzstdIsThere() => Assert.True(Zstd.IsAvailable);

    [Theory]
    [InlineData("-1")]
    [InlineData("-19")]
    [InlineData("-3", "--no-check")]
    [InlineData("-3", "--long=24")]
    public void DecodesWhatTheZstdToolWrites(params string[] args)
    {
        foreach (var data in new[] { Array.Empty<byte>(), "x"u8.ToArray(), CompressedStreams.LogText(5000), CompressedStreams.Random(200_000), new byte[3_000_000] })
        {
            var stream = CompressedStreams.ZstdCli(data, args);
            foreach (var pieces in new[] { new[] { int.MaxValue }, new[] { 1 }, new[] { 5, 700, 3 } })
            {
                var r = Run(stream, null, pieces);
                Assert.Equal(DecodeStatus.StreamEnd, r.Status);
                Assert.Equal(stream.Length, r.Consumed);
                Assert.True(data.AsSpan().SequenceEqual(r.Output), $"{string.Join(' ', args)}, {data.Length} bytes, pieces {string.Join(",", pieces)}");
            }
        }
    }

    [Fact]
    public void EverySplitIntoTwoPiecesDecodesTheSame()
    {
        var data = CompressedStreams.LogText(60);
        var stream = CompressedStreams.ZstdCli(data, "-5");
        for (int split = 1; split <= stream.Length; split++)
        {
            var r = Run(stream, null, split, int.MaxValue);
            Assert.Equal(DecodeStatus.StreamEnd, r.Status);
            Assert.Equal(stream.Length, r.Consumed);
            Assert.True(data.AsSpan().SequenceEqual(r.Output), $"split at {split}");
        }
    }

    [Fact]
    public void EveryCutOffStreamWaitsForMoreAndNeverEnds()
    {
        var data = CompressedStreams.LogText(40);
        var stream = CompressedStreams.ZstdCli(data, "-3");
        for (int cut = 0; cut < stream.Length; cut++)
        {
            using var d = new ZstdStreamDecoder();
            var r = CompressedStreams.Decode(d, stream.AsSpan(0, cut), 4);
            Assert.Equal(DecodeStatus.Ok, r.Status);
            Assert.False(d.Finished);
            Assert.True(data.AsSpan().StartsWith(r.Output), $"cut at {cut}: not a prefix");
        }
    }

    [Fact]
    public void BytesAfterTheFrameAreLeftUntouched()
    {
        var data = CompressedStreams.LogText(100);
        var stream = CompressedStreams.ZstdCli(data, "-3");
        var withJunk = stream.Concat("trailing"u8.ToArray()).ToArray();
        foreach (var pieces in new[] { new[] { int.MaxValue }, new[] { 1 }, new[] { stream.Length - 1, int.MaxValue } })
        {
            var r = Run(withJunk, null, pieces);
            Assert.Equal(DecodeStatus.StreamEnd, r.Status);
            Assert.Equal(stream.Length, r.Consumed);
            Assert.Equal(data, r.Output);
        }
    }

    [Fact]
    public void RandomBytesAndCorruptFramesAreRejected()
    {
        var r = Run(CompressedStreams.Random(1000));
        Assert.Equal(DecodeStatus.Error, r.Status);
        Assert.Equal("Unknown frame descriptor", r.Error);

        var data = CompressedStreams.LogText(300);
        var stream = CompressedStreams.ZstdCli(data, "-3");
        var rnd = new Random(5);
        int rejected = 0;
        for (int i = 0; i < 300; i++)
        {
            var bad = (byte[])stream.Clone();
            bad[rnd.Next(6, bad.Length)] ^= (byte)(1 << rnd.Next(8));
            var b = Run(bad, null, 1 + rnd.Next(100));
            if (b.Status == DecodeStatus.Error) rejected++;
            else if (b.Status == DecodeStatus.StreamEnd) Assert.Equal(data, b.Output);
        }
        Assert.True(rejected > 250, $"only {rejected} of 300 corrupted frames were rejected (the checksum should catch them)");
    }

    [Fact]
    public void TheWindowIsReservedAgainstTheBudgetAndGivenBack()
    {
        var budget = new WindowBudget(3L << 20);
        var big = CompressedStreams.ZstdCli(CompressedStreams.LogText(100), "--long=21"); // a 2 MiB window
        using (var first = new ZstdStreamDecoder(budget))
        {
            Assert.Equal(DecodeStatus.Ok, first.Decode(big.AsSpan(0, 20), out _, out _));
            Assert.Equal(2L << 20, first.WindowSize);
            Assert.Equal(2L << 20, budget.Reserved);

            using var second = new ZstdStreamDecoder(budget);
            var r = CompressedStreams.Decode(second, big);
            Assert.Equal(DecodeStatus.Error, r.Status);
            Assert.Equal("zstd decoder window budget exhausted", r.Error);
            Assert.Equal(2L << 20, budget.Reserved);
        }
        Assert.Equal(0, budget.Reserved);

        using var third = new ZstdStreamDecoder(budget);
        Assert.Equal(DecodeStatus.StreamEnd, CompressedStreams.Decode(third, big).Status);
        Assert.Equal(0, budget.Reserved); // a finished stream gives its window back at once
    }

    [Fact]
    public void AHandMadeFrameOfRleBlocksExpandsInBoundedChunks()
    {
        var stream = CompressedStreams.ZstdZeros(512); // 2 KiB → 64 MiB
        Assert.Equal(512 * 131072, CompressedStreams.ZstdCliDecompress(stream).Length); // the zstd tool agrees
        using var d = new ZstdStreamDecoder();
        long total = 0;
        var input = stream.AsSpan();
        DecodeStatus status;
        do
        {
            status = d.Decode(input, out int used, out var output);
            input = input[used..];
            Assert.InRange(output.Length, 0, ZstdStreamDecoder.DefaultChunkSize);
            total += output.Length;
        } while (status == DecodeStatus.Ok);
        Assert.Equal(DecodeStatus.StreamEnd, status);
        Assert.Equal(512L * 131072, total);
    }
}
