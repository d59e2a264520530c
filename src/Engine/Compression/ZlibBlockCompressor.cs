using System.IO.Compression;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Compression;

/// <summary>
/// Compresses one batch on its worker's thread into a run of raw deflate blocks that
/// <see cref="ZlibStreamCompressor.TrySplice"/> appends to a connection's stream, so that several workers
/// compress at once (rsyslog gets its parallelism from one connection per worker; Sluice keeps one connection
/// and the order). The deflater is first fed a primer — the plaintext expected to precede the batch in the
/// stream — whose output is thrown away: matches may then reach back into it, which keeps the ratio close to one
/// continuous stream. The run is byte-aligned at both ends (sync flushes) and has no final block. It is only
/// valid where the stream's plaintext really ends with the primer; the stream checks that.
/// </summary>
public sealed class ZlibBlockCompressor
{
    /// <summary>From this size a batch is compressed on its own; smaller ones go through the connection's deflater.</summary>
    public const int MinimumBatchBytes = 16 * 1024;

    /// <summary>
    /// History given to each block. The primer is compressed too (its output thrown away), so it costs CPU: 2 KiB
    /// keeps the stream within about 8 % of one continuous deflater on the bench corpus for about a tenth more
    /// work on a full main-queue batch (8 KiB: 4 %, but the parallel gain is gone).
    /// </summary>
    public const int PrimerBytes = 2 * 1024;

    private readonly int _level;
    private readonly ByteBuffer _output = new(64 * 1024);
    private readonly ByteBufferStream _stream;
    private int _start;

    public ZlibBlockCompressor(int level)
    {
        _ = ZlibLevels.Options(level);
        _level = level;
        _stream = new ByteBufferStream(_output);
    }

    /// <summary>The plaintext the block assumes just before it (filled by the caller before <see cref="Compress"/>).</summary>
    public PlainTail Primer { get; } = new(PrimerBytes);

    public ReadOnlySpan<byte> Deflated => _output.WrittenSpan[_start..];
    public uint PlainAdler { get; private set; }
    public int PlainLength { get; private set; }

    public void Compress(ReadOnlySpan<byte> plain)
    {
        _output.Clear();
        int end;
        using (var deflate = new DeflateStream(_stream, ZlibLevels.Options(_level), leaveOpen: true))
        {
            if (Primer.Length > 0)
            {
                deflate.Write(Primer.Span);
                deflate.Flush();
            }
            _start = _output.Length;
            deflate.Write(plain);
            deflate.Flush();
            end = _output.Length;
        } // Dispose appends the final block: cut off below.
        _output.Truncate(end);
        PlainAdler = ZlibFormat.Adler32(plain);
        PlainLength = plain.Length;
    }
}
