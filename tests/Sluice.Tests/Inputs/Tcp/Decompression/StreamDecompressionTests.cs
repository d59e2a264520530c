using System.IO.Compression;
using System.Net.Sockets;
using System.Text;
using Sluice.Engine.Compression;
using Sluice.Engine.Inputs.Tcp.Decompression;
using CompressionDriver = Sluice.Engine.Inputs.Tcp.Decompression.CompressionDriver;
using OutputDriver = Sluice.Engine.Compression.CompressionDriver;
using Sluice.Tests.Compression.Decoders;

namespace Sluice.Tests.Inputs.Tcp.Decompression;

/// <summary>imtcp with compression.mode="stream:always": compressed sessions end to end through the input.</summary>
public class StreamDecompressionTests
{
    [Theory]
    [InlineData("dotnet")]
    [InlineData("python")]
    [InlineData("zstd")]
    public void AStreamOfMessagesArrivesMessageByMessage(string producer)
    {
        var text = CompressedStreams.LogText(3000);
        byte[] stream = producer switch
        {
            "dotnet" => CompressedStreams.DotNetZlib(text, CompressionLevel.Optimal, 1000, 50_000),
            "python" => CompressedStreams.PythonZlib(text, 9, flushAt: new[] { 17, 90_000 }),
            _ => CompressedStreams.ZstdCli(text, "-3"),
        };
        var driver = producer == "zstd" ? CompressionDriver.Zstd : CompressionDriver.Zlib;
        using var kit = DecompressionKit.Start(DecompressionKit.Config(driver));
        DecompressionKit.SendAndClose(kit, stream);

        var lines = DecompressionKit.Lines(text);
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == lines.Length));
        Assert.Equal(lines, kit.Submitter.Messages.Select(m => m.Raw));
        Assert.Equal(stream.Length, DecompressionKit.Listener(kit, "bytes.received"));
        Assert.Equal(text.Length, DecompressionKit.Listener(kit, "bytes.decompressed"));
        Assert.Equal(0, DecompressionKit.Listener(kit, "decompression.errors"));
        Assert.Equal(lines.Length, DecompressionKit.Listener(kit, "submitted"));
        Assert.False(kit.Log.Contains("compressed stream"));
    }

    [Theory]
    [InlineData(CompressionDriver.Zlib)]
    [InlineData(CompressionDriver.Zstd)]
    public void EverySplitOfTheStreamAcrossTwoReceivesGivesTheSameMessages(CompressionDriver driver)
    {
        var text = Encoding.ASCII.GetBytes("<13>one\n7 <13>two<13>three\n"); // LF and octet-counted frames mixed
        var stream = driver == CompressionDriver.Zstd
            ? CompressedStreams.ZstdCli(text, "-3") // made by the zstd tool
            : CompressedStreams.DotNetZlib(text, CompressionLevel.Optimal, 9);
        using var kit = DecompressionKit.Start(DecompressionKit.Config(driver));
        for (int split = 1; split < stream.Length; split++)
        {
            using var s = kit.Connect();
            long before = DecompressionKit.Listener(kit, "bytes.received");
            TcpTestKit.SendAll(s, stream.AsSpan(0, split));
            // The first part has been read on its own before the second is sent.
            Assert.True(TcpTestKit.WaitFor(() => DecompressionKit.Listener(kit, "bytes.received") == before + split));
            TcpTestKit.SendAll(s, stream.AsSpan(split));
            s.Shutdown(SocketShutdown.Send);
            Assert.True(TcpTestKit.ServerClosed(s));
            string port = TcpTestKit.LocalPort(s);
            Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.RawFrom(port).Count == 3), $"split {split}");
            Assert.Equal(new[] { "<13>one", "<13>two", "<13>three" }, kit.Submitter.RawFrom(port));
        }
        Assert.Equal(0, DecompressionKit.Listener(kit, "decompression.errors"));
    }

    [Theory]
    [InlineData(CompressionDriver.Zlib)]
    [InlineData(CompressionDriver.Zstd)]
    public void FlushedMessagesArriveWhileTheStreamIsStillOpen(CompressionDriver driver)
    {
        using var kit = DecompressionKit.Start(DecompressionKit.Config(driver));
        using var s = kit.Connect();
        // Sync flush (zlib) / ZSTD_e_flush (zstd) at the end of each batch, as omfwd with flushOnTXEnd does.
        using (var z = StreamCompressor.Create(driver == CompressionDriver.Zstd ? OutputDriver.Zstd : OutputDriver.Zlib, 6, new SocketSink(s)))
        {
            for (int i = 0; i < 20; i++)
            {
                Assert.True(z.Write(Encoding.ASCII.GetBytes($"<13>live {i}\n")));
                Assert.True(z.Flush());
                int expected = i + 1;
                Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == expected), $"message {i} did not come through the open stream");
            }
            Assert.True(z.Finish());
        }
        s.Shutdown(SocketShutdown.Send);
        Assert.True(TcpTestKit.ServerClosed(s));
        Assert.Equal(0, DecompressionKit.Listener(kit, "decompression.errors"));
        Assert.False(kit.Log.Contains("truncated"));
    }

    [Fact]
    public void AZlibStreamCutOffBeforeItsEndIsReportedAndItsPartialFrameDropped()
    {
        var text = Encoding.ASCII.GetBytes("<13>complete one\n<13>complete two\n<13>partial with");
        var stream = CompressedStreams.DotNetZlib(text, CompressionLevel.Optimal, text.Length);
        var sent = stream.AsSpan(0, stream.AsSpan().LastIndexOf(new byte[] { 0, 0, 0xFF, 0xFF }) + 4).ToArray(); // up to the flush
        using var kit = DecompressionKit.Start(DecompressionKit.Config());
        using var s = kit.Connect();
        TcpTestKit.SendAll(s, sent);
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 2));
        s.Shutdown(SocketShutdown.Send);
        Assert.True(TcpTestKit.ServerClosed(s));

        Assert.True(TcpTestKit.WaitFor(() => kit.Log.Contains(DecompressionKit.Truncated(s, "zlib"))));
        Assert.Equal(1, DecompressionKit.Listener(kit, "decompression.errors"));
        Assert.Equal(new[] { "<13>complete one", "<13>complete two" }, kit.Submitter.Messages.Select(m => m.Raw));
        Assert.Equal(text.Length, DecompressionKit.Listener(kit, "bytes.decompressed")); // the partial line was decoded, not submitted
    }

    [Fact]
    public void AZstdStreamCutOffBeforeItsEndIsReportedAndItsPartialFrameDropped()
    {
        // zstd hands out whole blocks of 128 KiB: cut into the second block, the first block's complete lines arrive
        // and the line it ends in the middle of does not.
        var text = CompressedStreams.LogText(3000);
        var stream = CompressedStreams.ZstdCli(text, "-1");
        using var kit = DecompressionKit.Start(DecompressionKit.Config(CompressionDriver.Zstd));
        using var s = kit.Connect();
        TcpTestKit.SendAll(s, stream.AsSpan(0, stream.Length - 200)); // into the last block
        s.Shutdown(SocketShutdown.Send);
        Assert.True(TcpTestKit.ServerClosed(s));

        Assert.True(TcpTestKit.WaitFor(() => kit.Log.Contains(DecompressionKit.Truncated(s, "zstd"))));
        Assert.Equal(1, DecompressionKit.Listener(kit, "decompression.errors"));
        long decoded = DecompressionKit.Listener(kit, "bytes.decompressed");
        Assert.InRange(decoded, 1, text.Length - 1);
        var complete = DecompressionKit.Lines(text.AsSpan(0, text.AsSpan(0, (int)decoded).LastIndexOf((byte)'\n') + 1).ToArray());
        Assert.Equal(complete, kit.Submitter.Messages.Select(m => m.Raw));
    }

    [Theory]
    [InlineData(CompressionDriver.Zlib, false)]
    [InlineData(CompressionDriver.Zlib, true)]
    [InlineData(CompressionDriver.Zstd, false)]
    [InlineData(CompressionDriver.Zstd, true)]
    public void BytesAfterTheEndCloseTheSessionAndLeaveOthersAlone(CompressionDriver driver, bool separately)
    {
        var text = Encoding.ASCII.GetBytes("<13>inside the stream\n");
        var stream = driver == CompressionDriver.Zstd ? CompressedStreams.ZstdCli(text, "-3") : CompressedStreams.DotNetZlib(text);
        string name = driver == CompressionDriver.Zstd ? "zstd" : "zlib";
        using var kit = DecompressionKit.Start(DecompressionKit.Config(driver));
        using var bystander = kit.Connect();
        var other = driver == CompressionDriver.Zstd ? CompressedStreams.ZstdCli("<13>bystander\n"u8.ToArray()) : CompressedStreams.DotNetZlib("<13>bystander\n"u8);
        TcpTestKit.SendAll(bystander, other.AsSpan(0, other.Length / 2));

        using var s = kit.Connect();
        if (separately)
        {
            TcpTestKit.SendAll(s, stream);
            Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Contains("<13>inside the stream")));
            TcpTestKit.SendAll(s, "x"u8);
        }
        else
        {
            TcpTestKit.SendAll(s, stream.Concat("junk\n"u8.ToArray()).ToArray());
        }
        Assert.True(TcpTestKit.ServerClosed(s));
        Assert.True(TcpTestKit.WaitFor(() => kit.Log.Contains(DecompressionKit.Invalid(s, name, $"data after end of {name} stream"))));
        Assert.True(kit.Submitter.Contains("<13>inside the stream"));
        Assert.False(kit.Submitter.Contains("junk"));
        Assert.Equal(1, DecompressionKit.Listener(kit, "decompression.errors"));

        TcpTestKit.SendAll(bystander, other.AsSpan(other.Length / 2));
        bystander.Shutdown(SocketShutdown.Send);
        Assert.True(TcpTestKit.ServerClosed(bystander));
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Contains("<13>bystander")));
        Assert.Equal(1, DecompressionKit.Listener(kit, "decompression.errors"));
    }

    [Theory]
    [InlineData(CompressionDriver.Zlib, "incorrect header check")]
    [InlineData(CompressionDriver.Zstd, "Unknown frame descriptor")]
    public void RandomBytesAreRejectedWithTheDecodersText(CompressionDriver driver, string detail)
    {
        using var kit = DecompressionKit.Start(DecompressionKit.Config(driver));
        using var s = kit.Connect();
        var junk = CompressedStreams.Random(5000, seed: 99);
        junk[0] = (byte)'<'; // not even a zlib header
        TcpTestKit.SendAll(s, junk);
        Assert.True(TcpTestKit.ServerClosed(s));
        string name = driver == CompressionDriver.Zstd ? "zstd" : "zlib";
        Assert.True(TcpTestKit.WaitFor(() => kit.Log.Contains(DecompressionKit.Invalid(s, name, detail))));
        Assert.Equal(0, kit.Submitter.Count);
        Assert.Equal(1, DecompressionKit.Listener(kit, "decompression.errors"));
    }

    [Fact]
    public void APlainTextClientOnACompressedListenerIsRejected()
    {
        using var kit = DecompressionKit.Start(DecompressionKit.Config());
        using var s = kit.Connect();
        TcpTestKit.Send(s, "<13>plain text, not compressed\n");
        Assert.True(TcpTestKit.ServerClosed(s));
        Assert.True(TcpTestKit.WaitFor(() => kit.Log.Contains(DecompressionKit.Invalid(s, "zlib", "incorrect header check"))));
        Assert.Equal(0, kit.Submitter.Count);
    }

    [Fact]
    public void TheZstdWindowBudgetIsSharedByTheListenersSessions()
    {
        var text = CompressedStreams.LogText(200);
        var frame = CompressedStreams.ZstdCli(text, "--long=21"); // each session needs a 2 MiB window
        using var kit = DecompressionKit.Start(DecompressionKit.Config(CompressionDriver.Zstd, zstdWindows: 3L << 20));
        using var first = kit.Connect();
        TcpTestKit.SendAll(first, frame.AsSpan(0, 100));
        Assert.True(TcpTestKit.WaitFor(() => DecompressionKit.Listener(kit, "bytes.received") == 100));

        using (var second = kit.Connect())
        {
            TcpTestKit.SendAll(second, frame);
            Assert.True(TcpTestKit.ServerClosed(second));
            Assert.True(TcpTestKit.WaitFor(() => kit.Log.Contains(DecompressionKit.Invalid(second, "zstd", "zstd decoder window budget exhausted"))));
        }

        TcpTestKit.SendAll(first, frame.AsSpan(100));
        first.Shutdown(SocketShutdown.Send);
        Assert.True(TcpTestKit.ServerClosed(first));
        var lines = DecompressionKit.Lines(text);
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == lines.Length));

        // With the first stream done, its window is free for the next session.
        DecompressionKit.SendAndClose(kit, frame);
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 2 * lines.Length));
        Assert.Equal(1, DecompressionKit.Listener(kit, "decompression.errors"));
    }

    [Fact]
    public void TheTlsProbeIsSkippedForCompressedStreams()
    {
        // A zlib stream whose first five bytes could pass for a TLS record header is still just data here.
        using var kit = DecompressionKit.Start(DecompressionKit.Config());
        using var s = kit.Connect();
        TcpTestKit.SendAll(s, new byte[] { 0x16, 0x03, 0x01, 0x00, 0x50 });
        Assert.True(TcpTestKit.ServerClosed(s));
        Assert.False(kit.Log.Contains("TLS handshake detected"));
        Assert.True(kit.Log.Contains(DecompressionKit.Invalid(s, "zlib", "incorrect header check")));
    }

    [Fact]
    public void PlainListenersCountReceivedBytesToo()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config());
        using var s = kit.Connect();
        TcpTestKit.Send(s, "<13>plain\n");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 1));
        Assert.Equal(10, DecompressionKit.Listener(kit, "bytes.received"));
        Assert.Equal(0, DecompressionKit.Listener(kit, "bytes.decompressed"));
        Assert.Equal(new[] { "submitted", "bytes.received", "bytes.decompressed", "decompression.errors" },
            kit.Input.ListenerStats!.Counters.Select(c => c.Name));
    }

    /// <summary>Writes a compressor's output straight to a socket.</summary>
    private sealed class SocketSink(Socket socket) : IByteSink
    {
        public void Write(ReadOnlySpan<byte> data) => TcpTestKit.SendAll(socket, data);
    }
}
