using System.IO.Compression;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Compression;

/// <summary>
/// rsyslog's "single" compression (omfwd processMsg / parser.c uncompressMessage): a message is sent as 'z'
/// followed by a zlib stream (RFC 1950, what compress2() makes) of the whole message, but only when the
/// message is longer than 60 bytes and the result (with its 'z') is shorter than the original.
/// <para>
/// System.IO.Compression has no way to reset a deflater, so each compressed message costs one native zlib
/// state; "single" is the legacy mode and per-message by nature (stream:always is the efficient one).
/// </para>
/// One instance per thread: it holds its output buffer.
/// </summary>
public sealed class SingleMessageCompressor
{
    /// <summary>CONF_MIN_SIZE_FOR_COMPRESS (rsyslog.h): shorter messages are never compressed.</summary>
    public const int MinSizeForCompression = 60;

    private readonly ByteBuffer _out = new(1024);
    private readonly ByteBufferStream _stream;

    public SingleMessageCompressor() => _stream = new ByteBufferStream(_out);

    /// <summary>'z' + the zlib stream after a successful <see cref="TryCompress"/>.</summary>
    public ReadOnlySpan<byte> Result => _out.WrittenSpan;

    /// <summary>Compresses <paramref name="message"/> at zlib <paramref name="level"/> (0..9) when rsyslog would; false = send it as is.</summary>
    public bool TryCompress(ReadOnlySpan<byte> message, int level)
    {
        if (message.Length <= MinSizeForCompression) return false;
        _out.Clear();
        _out.Append((byte)'z');
        using (var z = new ZLibStream(_stream, ZlibLevels.Options(level), leaveOpen: true))
            z.Write(message);
        return _out.Length < message.Length; // compressedLen + 1 < originalLen
    }

    /// <summary>
    /// Undoes single compression: <paramref name="message"/> must start with 'z'; the zlib stream after it is
    /// inflated into <paramref name="destination"/> (cleared first), at most <paramref name="maxSize"/> bytes,
    /// as parser.c's uncompress() into a maxMessageSize buffer. False when it is not a complete zlib stream
    /// or inflates to more than <paramref name="maxSize"/> bytes.
    /// </summary>
    public static unsafe bool TryDecompress(ReadOnlySpan<byte> message, int maxSize, ByteBuffer destination)
    {
        destination.Clear();
        if (message.Length < 2 || message[0] != (byte)'z') return false;
        try
        {
            fixed (byte* p = message)
            {
                using var source = new UnmanagedMemoryStream(p + 1, message.Length - 1);
                using var z = new ZLibStream(source, CompressionMode.Decompress);
                while (true)
                {
                    var span = destination.GetSpan(Math.Min(4096, maxSize + 1 - destination.Length));
                    int n = z.Read(span[..Math.Min(span.Length, maxSize + 1 - destination.Length)]);
                    if (n == 0) break;
                    destination.Advance(n);
                    if (destination.Length > maxSize) return false;
                }
                // ZLibStream stops quietly at the end of the input; uncompress() insists on the trailer.
                return ZlibFormat.EndsWithAdler32(message[1..], destination.WrittenSpan);
            }
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
