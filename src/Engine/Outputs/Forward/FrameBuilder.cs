using System.Buffers.Text;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Outputs.Forward;

/// <summary>
/// rsyslog's TCP send framing (tcpclt.c TCPSendBldFrame). Octet-counted: "LEN SP MSG" with no trailing
/// delimiter, LEN counting the message bytes only. Traditional: the message, then the frame delimiter unless the
/// message already ends with it. A message whose first byte is 'z' is always octet-counted (a single-compressed
/// message may contain any byte, LF included); like rsyslog, this does not check that it really is compressed.
/// </summary>
public static class FrameBuilder
{
    public static bool IsOctetCounted(ReadOnlySpan<byte> message, TcpFraming framing) =>
        framing == TcpFraming.OctetCounted || (message.Length > 0 && message[0] == (byte)'z');

    /// <summary>Appends <paramref name="message"/> framed for TCP.</summary>
    public static void Append(ByteBuffer destination, ReadOnlySpan<byte> message, TcpFraming framing, byte delimiter)
    {
        if (IsOctetCounted(message, framing))
        {
            AppendOctetCountHeader(destination, message.Length);
            destination.Append(message);
        }
        else
        {
            destination.Append(message);
            AppendDelimiterIfMissing(destination, message, delimiter);
        }
    }

    /// <summary>"LEN " for a message of <paramref name="length"/> bytes.</summary>
    public static void AppendOctetCountHeader(ByteBuffer destination, int length)
    {
        var span = destination.GetSpan(12);
        Utf8Formatter.TryFormat(length, span, out int n);
        span[n] = (byte)' ';
        destination.Advance(n + 1);
    }

    /// <summary>Traditional framing for a message already in the buffer: the delimiter unless it ends with one.</summary>
    public static void AppendDelimiterIfMissing(ByteBuffer destination, ReadOnlySpan<byte> message, byte delimiter)
    {
        if (message.Length == 0 || message[^1] != delimiter) destination.Append(delimiter);
    }
}
