using System.Diagnostics;
using System.Text;
using Sluice.Engine.Compression;

namespace Sluice.Tests.Compression;

/// <summary>
/// stream:always as omfwd writes it: one zlib stream or one zstd frame, flushed at the end of every transaction,
/// finished at teardown. After each flush, what the receiver has so far must decode to exactly the data written.
/// </summary>
public sealed class StreamCompressorTests
{
    private static byte[][] Transactions(int count, int seed)
    {
        var r = new Random(seed);
        var all = new byte[count][];
        for (int t = 0; t < count; t++)
        {
            var sb = new StringBuilder();
            int messages = 1 + r.Next(40);
            for (int m = 0; m < messages; m++)
                sb.Append($"<13>Oct 11 22:14:15 host app: tx {t} message {m} {new string((char)('a' + r.Next(26)), r.Next(200))}\n");
            all[t] = Encoding.ASCII.GetBytes(sb.ToString());
        }
        return all;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(9)]
    public void ZlibStreamDecodesCompletelyAfterEveryFlushAndEndsWithTheTrailer(int level)
    {
        var sink = new CollectingSink();
        using var c = StreamCompressor.Create(CompressionDriver.Zlib, level, sink);
        var expected = new MemoryStream();
        foreach (var tx in Transactions(50, level))
        {
            Assert.True(c.Write(tx));
            Assert.True(c.Flush());
            expected.Write(tx);
            var sofar = sink.Bytes;
            // Z_SYNC_FLUSH ends with an empty stored block: 00 00 FF FF.
            Assert.Equal("0000FFFF", Convert.ToHexString(sofar[^4..]));
            Assert.Equal(expected.ToArray(), ZlibDecode.Inflate(sofar));
        }
        Assert.True(ZlibFormat.HasHeader(sink.Bytes));
        Assert.True(c.Finish());
        var all = sink.Bytes;
        Assert.Equal(expected.ToArray(), ZlibDecode.Inflate(all));
        Assert.True(ZlibFormat.EndsWithAdler32(all, expected.ToArray()));
        Assert.False(c.Write("more"u8));
    }

    /// <summary>
    /// Batches compressed on workers' threads spliced between writes of the stream's own deflater (flushed or
    /// not), each primed with what the worker expected to precede it — right, or wrong (another batch came in
    /// between), which the stream must refuse. After every step the receiver decodes everything so far, and the
    /// finished stream is one zlib stream with the adler32 of all of it (python's zlib checks the trailer).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(9)]
    public void SplicedBlocksAndOwnWritesMakeOneValidZlibStream(int level)
    {
        var sink = new CollectingSink();
        var block = new ZlibBlockCompressor(level);
        var written = new PlainTail(ZlibBlockCompressor.PrimerBytes);
        var expected = new MemoryStream();
        var r = new Random(level);
        int spliced = 0, refused = 0;
        bool held = false; // the stream's deflater holds data not flushed yet
        using (var c = (ZlibStreamCompressor)StreamCompressor.Create(CompressionDriver.Zlib, level, sink))
        {
            foreach (var tx in Transactions(80, level + 100))
            {
                switch (r.Next(4))
                {
                    case 0:
                    case 1:
                        bool rightGuess = r.Next(3) > 0;
                        block.Primer.CopyFrom(written);
                        if (!rightGuess) block.Primer.Append("<13>a batch that went elsewhere\n"u8);
                        block.Compress(tx);
                        bool ok = c.TrySplice(block, tx); // a splice flushes what the stream's deflater held
                        held = false;
                        Assert.Equal(rightGuess, ok);
                        if (ok) spliced++;
                        else
                        {
                            refused++;
                            Assert.True(c.Write(tx));
                            Assert.True(c.Flush());
                        }
                        break;
                    case 2:
                        Assert.True(c.Write(tx));
                        Assert.True(c.Flush());
                        held = false;
                        break;
                    default:
                        Assert.True(c.Write(tx)); // not flushed: a following block must still come after it
                        held = true;
                        break;
                }
                expected.Write(tx);
                written.Append(tx);
                if (!held) Assert.Equal(expected.ToArray(), ZlibDecode.Inflate(sink.Bytes));
            }
            Assert.True(c.Finish());
            Assert.Equal(c.BytesIn, expected.Length);
        }
        Assert.True(spliced > 10 && refused > 3, $"{spliced} spliced, {refused} refused");
        Assert.Equal(expected.ToArray(), ZlibDecode.Inflate(sink.Bytes));
        Assert.True(ZlibFormat.EndsWithAdler32(sink.Bytes, expected.ToArray()));
        Assert.Equal(expected.ToArray(), Decoders.CompressedStreams.PythonZlibDecompress(sink.Bytes));
    }

    [Fact]
    public void ANewStreamTakesOnlyABlockWithoutHistory()
    {
        var payload = Transactions(1, 3)[0];
        var block = new ZlibBlockCompressor(9);
        var sink = new CollectingSink();
        using (var c = new ZlibStreamCompressor(9, sink))
        {
            block.Primer.Append("<13>the end of the previous connection's stream\n"u8);
            block.Compress(payload);
            Assert.False(c.TrySplice(block, payload)); // a new connection has no history

            block.Primer.Clear();
            block.Compress(payload);
            // Byte-aligned with no final block: it ends with the sync marker.
            Assert.Equal("0000FFFF", Convert.ToHexString(block.Deflated[^4..].ToArray()));
            Assert.True(c.TrySplice(block, payload));
            Assert.True(c.Finish());
        }
        Assert.Equal(payload, Decoders.CompressedStreams.PythonZlibDecompress(sink.Bytes));

        var empty = new CollectingSink();
        using (var c = new ZlibStreamCompressor(9, empty)) c.Finish();
        Assert.Empty(Decoders.CompressedStreams.PythonZlibDecompress(empty.Bytes));
    }

    [Fact]
    public void APrimedBlockCompressesAboutAsWellAsOneContinuousStream()
    {
        var all = Transactions(200, 42);
        var serial = new CollectingSink();
        using (var c = new ZlibStreamCompressor(9, serial))
            foreach (var tx in all) { c.Write(tx); c.Flush(); }
        var spliced = new CollectingSink();
        var block = new ZlibBlockCompressor(9);
        var written = new PlainTail(ZlibBlockCompressor.PrimerBytes);
        using (var c = new ZlibStreamCompressor(9, spliced))
            foreach (var tx in all)
            {
                block.Primer.CopyFrom(written);
                block.Compress(tx);
                Assert.True(c.TrySplice(block, tx));
                written.Append(tx);
            }
        Assert.True(spliced.Length < serial.Length * 1.10, $"{spliced.Length} bytes spliced vs {serial.Length} from one deflater");
    }

    [Fact]
    public void ZlibWithoutFlushesHoldsDataBackUntilFinish()
    {
        var sink = new CollectingSink();
        using var c = StreamCompressor.Create(CompressionDriver.Zlib, 9, sink);
        var data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<13>Oct 11 22:14:15 host app: same line again\n", 100)));
        c.Write(data);
        Assert.True(sink.Length < 16, $"{sink.Length} bytes emitted before any flush");
        c.Finish();
        Assert.Equal(data, ZlibDecode.Inflate(sink.Bytes));
        Assert.True(sink.Length < data.Length / 20, "repetitive syslog compresses by well over 95%");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(9)]
    public void ZstdFrameDecodesCompletelyAfterEveryFlushAndEndsTheFrameAtFinish(int level)
    {
        var sink = new CollectingSink();
        using var c = StreamCompressor.Create(CompressionDriver.Zstd, level, sink);
        using var d = new ZstdStreamDecompressor();
        var decoded = new CollectingSink();
        var expected = new MemoryStream();
        int fed = 0;
        foreach (var tx in Transactions(50, level))
        {
            Assert.True(c.Write(tx));
            Assert.True(c.Flush());
            expected.Write(tx);
            var sofar = sink.Bytes;
            Assert.Equal(DecompressStatus.Ok, d.Decompress(sofar.AsSpan(fed), decoded));
            fed = sofar.Length;
            Assert.False(d.Ended);
            Assert.Equal(expected.ToArray(), decoded.Bytes);
        }
        Assert.Equal("28B52FFD", Convert.ToHexString(sink.Bytes[..4])); // zstd frame magic
        Assert.True(c.Finish());
        Assert.Equal(DecompressStatus.Ok, d.Decompress(sink.Bytes.AsSpan(fed), decoded));
        Assert.True(d.Ended);
        Assert.Equal(expected.ToArray(), decoded.Bytes);
    }

    [Fact]
    public void ZstdFrameIsReadByTheZstdTool()
    {
        var sink = new CollectingSink();
        var expected = new MemoryStream();
        using (var c = StreamCompressor.Create(CompressionDriver.Zstd, 9, sink))
        {
            foreach (var tx in Transactions(20, 7))
            {
                c.Write(tx);
                c.Flush();
                expected.Write(tx);
            }
            c.Finish();
        }
        var psi = new ProcessStartInfo("zstd", "-d -c -q")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        var stdout = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        p.StandardInput.BaseStream.Write(sink.Bytes);
        p.StandardInput.Close();
        Assert.True(copy.Wait(TimeSpan.FromSeconds(60)));
        Assert.True(p.WaitForExit(60_000));
        Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
        Assert.Equal(expected.ToArray(), stdout.ToArray());
    }

    [Fact]
    public void ZstdDecompressorReportsBytesAfterTheEndCorruptionAndSplitsAnywhere()
    {
        var sink = new CollectingSink();
        var data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 300).Select(i => $"<13>host app: line {i}\n")));
        using (var c = StreamCompressor.Create(CompressionDriver.Zstd, 5, sink))
        {
            c.Write(data.AsSpan(0, 1000));
            c.Flush();
            c.Write(data.AsSpan(1000));
            c.Finish();
        }
        var frame = sink.Bytes;

        // Split at every byte boundary: the same output.
        for (int cut = 0; cut <= frame.Length; cut++)
        {
            using var d = new ZstdStreamDecompressor();
            var o = new CollectingSink();
            Assert.Equal(DecompressStatus.Ok, d.Decompress(frame.AsSpan(0, cut), o));
            Assert.Equal(DecompressStatus.Ok, d.Decompress(frame.AsSpan(cut), o));
            Assert.True(d.Ended);
            Assert.Equal(data, o.Bytes);
        }

        using (var d = new ZstdStreamDecompressor())
            Assert.Equal(DecompressStatus.DataAfterEnd, d.Decompress([.. frame, 0x41], new CollectingSink()));

        using (var d = new ZstdStreamDecompressor())
        {
            var cutOff = new CollectingSink();
            Assert.Equal(DecompressStatus.Ok, d.Decompress(frame.AsSpan(0, frame.Length - 3), cutOff));
            Assert.False(d.Ended); // a truncated frame: the receiver finds out at close
        }

        using (var d = new ZstdStreamDecompressor())
        {
            var junk = new byte[64];
            new Random(1).NextBytes(junk);
            Assert.Equal(DecompressStatus.Corrupt, d.Decompress(junk, new CollectingSink()));
            Assert.NotNull(d.LastError);
        }
    }

    [Fact]
    public void ZstdWindowLimitRejectsFramesNeedingMore()
    {
        var sink = new CollectingSink();
        var data = new byte[4 << 20];
        new Random(3).NextBytes(data.AsSpan(0, 1 << 20));
        using (var c = StreamCompressor.Create(CompressionDriver.Zstd, 19, sink))
        {
            c.Write(data);
            c.Finish();
        }
        Assert.Equal(0u, (uint)Sluice.Native.Zstd.GetFrameHeader(sink.Bytes, out ulong window, out _));
        Assert.True(window > 1 << 20);
        using var d = new ZstdStreamDecompressor(windowLogMax: 20);
        Assert.Equal(DecompressStatus.Corrupt, d.Decompress(sink.Bytes, new CollectingSink()));
    }
}
