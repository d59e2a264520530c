using System.IO.Compression;
using System.Text;
using Sluice.Engine.Compression.Decoders;

namespace Sluice.Tests.Compression.Decoders;

public class ZlibInflaterTests
{
    private static CompressedStreams.DecodeResult Inflate(byte[] stream, params int[] pieces)
    {
        using var d = new ZlibInflater();
        return CompressedStreams.Decode(d, stream, pieces);
    }

    public static IEnumerable<object[]> DotNetLevels() => new[]
    {
        new object[] { CompressionLevel.NoCompression }, new object[] { CompressionLevel.Fastest },
        new object[] { CompressionLevel.Optimal }, new object[] { CompressionLevel.SmallestSize },
    };

    [Theory]
    [MemberData(nameof(DotNetLevels))]
    public void DecodesWhatDotNetsZlibWrites(CompressionLevel level)
    {
        foreach (var data in new[] { "x"u8.ToArray(), CompressedStreams.LogText(3000), CompressedStreams.Random(300_000), new byte[2_000_000] })
        {
            var stream = CompressedStreams.DotNetZlib(data, level);
            var r = Inflate(stream);
            Assert.Equal(DecodeStatus.StreamEnd, r.Status);
            Assert.Equal(stream.Length, r.Consumed);
            Assert.False(r.TrailingData);
            Assert.True(data.AsSpan().SequenceEqual(r.Output), $"{level}, {data.Length} bytes: output differs");
        }
    }

    [Theory]
    [InlineData(9, 15, "Z_DEFAULT_STRATEGY", "Z_SYNC_FLUSH")]
    [InlineData(1, 15, "Z_DEFAULT_STRATEGY", "Z_FULL_FLUSH")]
    [InlineData(6, 9, "Z_DEFAULT_STRATEGY", "Z_SYNC_FLUSH")]   // a 512-byte window
    [InlineData(6, 15, "Z_FIXED", "Z_SYNC_FLUSH")]            // fixed Huffman codes only
    [InlineData(6, 15, "Z_HUFFMAN_ONLY", "Z_SYNC_FLUSH")]     // no matches
    [InlineData(6, 15, "Z_RLE", "Z_FULL_FLUSH")]              // distance-one matches
    [InlineData(0, 15, "Z_DEFAULT_STRATEGY", "Z_SYNC_FLUSH")] // stored blocks
    public void DecodesWhatCPythonsZlibWritesWithFlushesMidStream(int level, int wbits, string strategy, string flush)
    {
        var data = CompressedStreams.LogText(4000, seed: level + wbits);
        int[] flushAt = { 1, 100, 5000, 5001, 60_000, data.Length / 2, data.Length - 3 };
        var stream = CompressedStreams.PythonZlib(data, level, wbits, strategy, flush, flushAt);
        foreach (var pieces in new[] { new[] { int.MaxValue }, new[] { 1 }, new[] { 7, 1, 300, 2 }, new[] { 65536 } })
        {
            var r = Inflate(stream, pieces);
            Assert.Equal(DecodeStatus.StreamEnd, r.Status);
            Assert.Equal(stream.Length, r.Consumed);
            Assert.True(data.AsSpan().SequenceEqual(r.Output), $"pieces {string.Join(",", pieces)}: output differs");
        }
    }

    [Fact]
    public void AnEmptyStreamEndsWithNothing()
    {
        var stream = CompressedStreams.PythonZlib(Array.Empty<byte>());
        var r = Inflate(stream);
        Assert.Equal(DecodeStatus.StreamEnd, r.Status);
        Assert.Empty(r.Output);
        Assert.Equal(stream.Length, r.Consumed);
    }

    [Fact]
    public void EverySplitIntoTwoPiecesDecodesTheSame()
    {
        var data = CompressedStreams.LogText(40);
        var stream = CompressedStreams.DotNetZlib(data, CompressionLevel.Optimal, 100, 1000);
        for (int split = 0; split <= stream.Length; split++)
        {
            using var d = new ZlibInflater();
            var r = CompressedStreams.Decode(d, stream, split == 0 ? stream.Length : split, int.MaxValue);
            Assert.Equal(DecodeStatus.StreamEnd, r.Status);
            Assert.Equal(stream.Length, r.Consumed);
            Assert.True(data.AsSpan().SequenceEqual(r.Output), $"split at {split}");
        }
    }

    [Fact]
    public void SyncFlushedDataComesOutBeforeTheStreamEnds()
    {
        var first = "<13>first message\n"u8.ToArray();
        var all = first.Concat("<13>second message\n"u8.ToArray()).ToArray();
        var stream = CompressedStreams.DotNetZlib(all, CompressionLevel.Optimal, first.Length);
        int flushEnd = stream.AsSpan().IndexOf(new byte[] { 0, 0, 0xFF, 0xFF }) + 4;
        using var d = new ZlibInflater();
        var r = CompressedStreams.Decode(d, stream.AsSpan(0, flushEnd));
        Assert.Equal(DecodeStatus.Ok, r.Status);
        Assert.Equal(first, r.Output);
        Assert.False(d.Finished);
    }

    [Fact]
    public void EveryCutOffStreamWaitsForMoreAndNeverEnds()
    {
        var data = CompressedStreams.LogText(30);
        var stream = CompressedStreams.DotNetZlib(data);
        for (int cut = 0; cut < stream.Length; cut++)
        {
            using var d = new ZlibInflater();
            var r = CompressedStreams.Decode(d, stream.AsSpan(0, cut), 3);
            Assert.Equal(DecodeStatus.Ok, r.Status);
            Assert.False(d.Finished);
            Assert.True(data.AsSpan().StartsWith(r.Output), $"cut at {cut}: not a prefix");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(100)]
    public void BytesAfterTheEndAreLeftForTheCallerExactly(int extra)
    {
        var data = CompressedStreams.LogText(200);
        var stream = CompressedStreams.DotNetZlib(data);
        var withJunk = stream.Concat(Enumerable.Repeat((byte)'x', extra)).ToArray();
        foreach (var pieces in new[] { new[] { int.MaxValue }, new[] { 1 }, new[] { stream.Length - 2, int.MaxValue } })
        {
            using var d = new ZlibInflater();
            var r = CompressedStreams.Decode(d, withJunk, pieces);
            Assert.Equal(DecodeStatus.StreamEnd, r.Status);
            Assert.Equal(data, r.Output);
            // Either the decoder stops exactly at the end, or it says it already read bytes past it.
            Assert.True(r.Consumed == stream.Length || r.TrailingData, $"consumed {r.Consumed} of {stream.Length}");
            Assert.True(r.Consumed <= stream.Length);
        }
    }

    [Fact]
    public void AfterTheEndTheDecoderTakesNothingMore()
    {
        var stream = CompressedStreams.DotNetZlib("<13>done\n"u8);
        using var d = new ZlibInflater();
        Assert.Equal(DecodeStatus.StreamEnd, CompressedStreams.Decode(d, stream).Status);
        Assert.Equal(DecodeStatus.StreamEnd, d.Decode("more"u8, out int used, out var output));
        Assert.Equal(0, used);
        Assert.True(output.IsEmpty);
    }

    [Theory]
    [InlineData(new byte[] { 0x78, 0x9D }, "incorrect header check")]
    [InlineData(new byte[] { 0x79, 0x18 }, "unknown compression method")]
    [InlineData(new byte[] { 0x88, 0x98 }, "invalid window size")]
    [InlineData(new byte[] { 0x78, 0xBB }, "need dictionary")]
    [InlineData(new byte[] { 0x78, 0x9C, 0x07 }, "invalid block type")]
    [InlineData(new byte[] { 0x78, 0x9C, 0x00, 0x05, 0x00, 0x00, 0x00 }, "invalid stored block lengths")]
    public void CorruptStreamsFailWithZlibsText(byte[] stream, string error)
    {
        var r = Inflate(stream);
        Assert.Equal(DecodeStatus.Error, r.Status);
        Assert.Equal(error, r.Error);
    }

    [Fact]
    public void AWrongChecksumIsAnError()
    {
        var stream = CompressedStreams.DotNetZlib(CompressedStreams.LogText(50));
        stream[^1] ^= 0x01;
        var r = Inflate(stream);
        Assert.Equal(DecodeStatus.Error, r.Status);
        Assert.Equal("incorrect data check", r.Error);
    }

    [Fact]
    public void ADistanceBeforeTheStartIsAnError()
    {
        // Fixed-Huffman block: length 3 (code 257 = 0000001), distance code 0 (= 1) with nothing written yet.
        var w = new BitWriter();
        w.Write(1, 1); w.Write(1, 2);   // final, fixed
        w.WriteCode(0b0000001, 7);      // 257
        w.WriteCode(0, 5);              // distance 1
        var stream = new byte[] { 0x78, 0x9C }.Concat(w.ToArray()).ToArray();
        var r = Inflate(stream);
        Assert.Equal(DecodeStatus.Error, r.Status);
        Assert.Equal("invalid distance too far back", r.Error);
    }

    [Fact]
    public void FlippedBitsNeverCrashAndNeverPassTheChecksum()
    {
        var data = CompressedStreams.LogText(300);
        var stream = CompressedStreams.DotNetZlib(data);
        var rnd = new Random(3);
        for (int i = 0; i < 2_000; i++)
        {
            var bad = (byte[])stream.Clone();
            int at = rnd.Next(2, bad.Length);
            bad[at] ^= (byte)(1 << rnd.Next(8));
            var r = Inflate(bad, 1 + rnd.Next(64));
            if (r.Status == DecodeStatus.StreamEnd) Assert.Equal(data, r.Output); // only if the flip was in a stored length's slack
        }
    }

    [Fact]
    public void RandomBytesAreRejected()
    {
        var rnd = new Random(11);
        int errors = 0;
        for (int i = 0; i < 500; i++)
        {
            var junk = CompressedStreams.Random(1 + rnd.Next(4096), seed: i);
            var r = Inflate(junk, 1 + rnd.Next(512));
            Assert.NotEqual(DecodeStatus.StreamEnd, r.Status);
            if (r.Status == DecodeStatus.Error) errors++;
        }
        Assert.True(errors > 450, $"only {errors} of 500 random inputs were rejected outright");
    }

    [Fact]
    public void OutputComesInBoundedChunksWhateverTheExpansion()
    {
        var stream = CompressedStreams.ZlibZeros(64);
        using var d = new ZlibInflater();
        long total = 0;
        int calls = 0;
        var input = stream.AsSpan();
        DecodeStatus status;
        do
        {
            status = d.Decode(input, out int used, out var output);
            input = input[used..];
            Assert.InRange(output.Length, 0, ZlibInflater.DefaultChunkSize);
            Assert.True(output.IndexOfAnyExcept((byte)0) < 0);
            total += output.Length;
            calls++;
        } while (status == DecodeStatus.Ok && calls < 1_000_000);
        Assert.Equal(DecodeStatus.StreamEnd, status);
        Assert.Equal(64L << 20, total);
        Assert.True(input.IsEmpty);
    }

    [Fact]
    public void Adler32MatchesTheDefinition()
    {
        Assert.Equal(1u, Adler32.Compute(ReadOnlySpan<byte>.Empty));
        Assert.Equal(0x11E60398u, Adler32.Compute(Encoding.ASCII.GetBytes("Wikipedia")));
        var big = CompressedStreams.Random(1_000_003);
        var a = new Adler32();
        a.Update(big.AsSpan(0, 12345));
        a.Update(big.AsSpan(12345));
        Assert.Equal(Adler32.Compute(big), a.Value);
    }

    /// <summary>Writes deflate bits LSB first; Huffman codes go MSB first as RFC 1951 stores them.</summary>
    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = new();
        private int _bit;

        public void Write(int value, int bits)
        {
            for (int i = 0; i < bits; i++) Put((value >> i) & 1);
        }

        public void WriteCode(int code, int bits)
        {
            for (int i = bits - 1; i >= 0; i--) Put((code >> i) & 1);
        }

        private void Put(int b)
        {
            if (_bit == 0) _bytes.Add(0);
            _bytes[^1] |= (byte)(b << _bit);
            _bit = (_bit + 1) & 7;
        }

        public byte[] ToArray() => _bytes.ToArray();
    }
}
