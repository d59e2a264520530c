using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Sluice.Engine.Compression.Decoders;

namespace Sluice.Tests.Compression.Decoders;

/// <summary>
/// Compressed streams made by reference implementations — .NET's zlib (zlib-ng), CPython's zlib module (the C
/// zlib), the zstd command-line tool — and a decoding driver that feeds a decoder piece by piece.
/// </summary>
public static class CompressedStreams
{
    /// <summary>A zlib stream from System.IO.Compression, sync-flushed after each of <paramref name="flushAt"/> input offsets.</summary>
    public static byte[] DotNetZlib(ReadOnlySpan<byte> data, CompressionLevel level = CompressionLevel.Optimal, params int[] flushAt)
    {
        var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, level, leaveOpen: true))
        {
            int at = 0;
            foreach (int f in flushAt.Order())
            {
                z.Write(data[at..f]);
                z.Flush(); // Z_SYNC_FLUSH: everything so far is decodable before the stream ends
                at = f;
            }
            z.Write(data[at..]);
        }
        return ms.ToArray();
    }

    /// <summary>
    /// A zlib stream from CPython's zlib (compressobj with <paramref name="wbits"/> and <paramref name="strategy"/>),
    /// flushed with <paramref name="flushMode"/> (Z_SYNC_FLUSH or Z_FULL_FLUSH) after each offset of <paramref name="flushAt"/>.
    /// </summary>
    public static byte[] PythonZlib(byte[] data, int level = 6, int wbits = 15, string strategy = "Z_DEFAULT_STRATEGY",
        string flushMode = "Z_SYNC_FLUSH", params int[] flushAt)
    {
        string script =
            "import sys, zlib\n" +
            "data = sys.stdin.buffer.read()\n" +
            $"c = zlib.compressobj({level}, zlib.DEFLATED, {wbits}, 9, zlib.{strategy})\n" +
            "out = []\n" +
            "at = 0\n" +
            $"for f in [{string.Join(",", flushAt.Order())}]:\n" +
            "    out.append(c.compress(data[at:f]))\n" +
            $"    out.append(c.flush(zlib.{flushMode}))\n" +
            "    at = f\n" +
            "out.append(c.compress(data[at:]))\n" +
            "out.append(c.flush())\n" +
            "sys.stdout.buffer.write(b''.join(out))\n";
        return Run("python3", new[] { "-c", script }, data);
    }

    /// <summary>
    /// Decompresses a complete zlib stream with CPython's zlib.decompress (the C zlib): it fails on a missing final
    /// block, a wrong adler32 trailer or bytes after the end.
    /// </summary>
    public static byte[] PythonZlibDecompress(byte[] stream) =>
        Run("python3", new[] { "-c", "import sys, zlib; sys.stdout.buffer.write(zlib.decompress(sys.stdin.buffer.read()))" }, stream);

    /// <summary>What the zstd command-line tool makes of <paramref name="data"/> (read from stdin) with <paramref name="args"/>.</summary>
    public static byte[] ZstdCli(byte[] data, params string[] args) => Run("zstd", args.Concat(new[] { "-c", "-q" }).ToArray(), data);

    /// <summary>Decompresses <paramref name="stream"/> with the zstd tool (to check hand-made frames).</summary>
    public static byte[] ZstdCliDecompress(byte[] stream) => Run("zstd", new[] { "-d", "-c", "-q" }, stream);

    private static byte[] Run(string exe, string[] args, byte[] stdin)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot run {exe}");
        var stderr = p.StandardError.ReadToEndAsync();
        var output = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(output);
        p.StandardInput.BaseStream.Write(stdin);
        p.StandardInput.Close();
        if (!copy.Wait(TimeSpan.FromSeconds(120)) || !p.WaitForExit(120_000)) throw new TimeoutException($"{exe} did not finish");
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} failed ({p.ExitCode}): {stderr.Result}");
        return output.ToArray();
    }

    /// <summary>Syslog-like lines that compress well but not trivially (varying numbers, hosts and words).</summary>
    public static byte[] LogText(int lines, int seed = 1)
    {
        var rnd = new Random(seed);
        string[] words = { "accepted", "connection", "from", "user", "session", "opened", "closed", "error", "timeout", "retry", "käse", "✓" };
        var sb = new StringBuilder();
        for (int i = 0; i < lines; i++)
        {
            sb.Append("<").Append(rnd.Next(192)).Append(">Nov 22 08:").Append(rnd.Next(60).ToString("00")).Append(':').Append(rnd.Next(60).ToString("00"))
              .Append(" host").Append(rnd.Next(50)).Append(" app[").Append(rnd.Next(99999)).Append("]: line ").Append(i);
            int n = rnd.Next(3, 25);
            for (int w = 0; w < n; w++) sb.Append(' ').Append(words[rnd.Next(words.Length)]);
            sb.Append('\n');
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Bytes no compressor can shrink.</summary>
    public static byte[] Random(int length, int seed = 7)
    {
        var b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }

    public sealed record DecodeResult(byte[] Output, DecodeStatus Status, int Consumed, string? Error, bool TrailingData);

    /// <summary>
    /// Feeds <paramref name="stream"/> to <paramref name="decoder"/> in pieces of the sizes <paramref name="pieces"/>
    /// yields (cycled), the way a session does: each piece is decoded until the decoder waits for more.
    /// Stops at the end of the stream or at an error; <see cref="DecodeResult.Consumed"/> counts input taken.
    /// </summary>
    public static DecodeResult Decode(IStreamDecoder decoder, ReadOnlySpan<byte> stream, params int[] pieces)
    {
        if (pieces.Length == 0) pieces = new[] { int.MaxValue };
        var output = new MemoryStream();
        int offset = 0, piece = 0;
        var status = DecodeStatus.Ok;
        do
        {
            int size = (int)Math.Min(pieces[piece++ % pieces.Length], (long)stream.Length - offset);
            var input = stream.Slice(offset, size);
            offset += size;
            while (true)
            {
                status = decoder.Decode(input, out int used, out var produced);
                Assert.True(produced.Length <= decoder.ChunkSize);
                output.Write(produced);
                input = input[used..];
                if (status != DecodeStatus.Ok) return new DecodeResult(output.ToArray(), status, offset - input.Length, decoder.Error, decoder.HasTrailingData);
                if (produced.IsEmpty && input.IsEmpty) break;
                Assert.False(produced.IsEmpty && used == 0, "the decoder made no progress");
            }
        } while (offset < stream.Length);
        return new DecodeResult(output.ToArray(), status, offset, decoder.Error, decoder.HasTrailingData);
    }

    /// <summary>
    /// A zlib stream of <paramref name="megabytes"/> MiB of zeros without compressing them all: one sync-flushed
    /// block of 1 MiB of zeros (which needs no history) repeated, an empty final block, and the Adler-32 of n zero
    /// bytes (a = 1, b = n mod 65521).
    /// </summary>
    public static byte[] ZlibZeros(int megabytes)
    {
        var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write(new byte[1 << 20]);
            z.Flush();
        }
        byte[] one = ms.ToArray();
        // [2-byte header][block … sync flush 00 00 FF FF][final empty block][adler]: the block ends after the flush marker.
        int blockEnd = one.AsSpan().LastIndexOf(new byte[] { 0x00, 0x00, 0xFF, 0xFF }) + 4;
        var block = one.AsSpan(2, blockEnd - 2).ToArray();
        var result = new MemoryStream();
        result.Write(one, 0, 2);
        for (int i = 0; i < megabytes; i++) result.Write(block);
        result.Write(new byte[] { 0x03, 0x00 }); // BFINAL=1, fixed Huffman, end-of-block
        long n = (long)megabytes << 20;
        Span<byte> adler = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(adler, (uint)((n % 65521) << 16 | 1));
        result.Write(adler);
        return result.ToArray();
    }

    /// <summary>
    /// A zstd frame of <paramref name="blocks"/> RLE blocks of 128 KiB zeros each (4 bytes per block): the
    /// strongest expansion the format allows, made by hand.
    /// </summary>
    public static byte[] ZstdZeros(int blocks)
    {
        var ms = new MemoryStream();
        ms.Write(new byte[] { 0x28, 0xB5, 0x2F, 0xFD }); // magic
        ms.WriteByte(0x00);                              // no content size, no checksum, not single-segment
        ms.WriteByte(7 << 3);                            // window 2^(10+7) = 128 KiB
        for (int i = 0; i < blocks; i++)
        {
            int header = (131072 << 3) | (1 << 1) | (i == blocks - 1 ? 1 : 0); // size, RLE, last
            ms.WriteByte((byte)header);
            ms.WriteByte((byte)(header >> 8));
            ms.WriteByte((byte)(header >> 16));
            ms.WriteByte(0);
        }
        return ms.ToArray();
    }
}
