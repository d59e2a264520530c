using System.Buffers.Text;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Properties;

/// <summary>Numbers as ASCII digits straight into a buffer (no strings).</summary>
internal static class AsciiWriter
{
    public static void AppendDecimal(ByteBuffer dest, long value)
    {
        var span = dest.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out int written);
        dest.Advance(written);
    }

    /// <summary>Two digits, zero-padded (rsyslog's two_digits table).</summary>
    public static void AppendTwoDigits(ByteBuffer dest, int value)
    {
        var span = dest.GetSpan(2);
        span[0] = (byte)('0' + value / 10 % 10);
        span[1] = (byte)('0' + value % 10);
        dest.Advance(2);
    }

    public static void AppendFourDigits(ByteBuffer dest, int value)
    {
        var span = dest.GetSpan(4);
        span[0] = (byte)('0' + value / 1000 % 10);
        span[1] = (byte)('0' + value / 100 % 10);
        span[2] = (byte)('0' + value / 10 % 10);
        span[3] = (byte)('0' + value % 10);
        dest.Advance(4);
    }
}
