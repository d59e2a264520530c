namespace Sluice.Engine.Messages;

/// <summary>
/// A timestamp as syslog carries it: broken-down fields plus the offset and the sub-second precision that
/// arrived, so that rendering reproduces what the sender meant (rsyslog's syslogTime_t).
/// </summary>
public struct SyslogTime
{
    public short Year;
    public byte Month;        // 1..12
    public byte Day;          // 1..31
    public byte Hour;
    public byte Minute;
    public byte Second;
    public byte SecFracPrecision; // number of digits in SecFrac, 0 = none
    public int SecFrac;
    public byte OffsetMode;   // (byte)'+', (byte)'-', or (byte)'Z' when the sender wrote Z (rsyslog keeps and renders it); 0 = not set (UTC '+')
    public byte OffsetHour;
    public byte OffsetMinute;
    /// <summary>false when the message carried no usable timestamp.</summary>
    public bool IsSet;

    public readonly int OffsetSeconds => (OffsetMode == (byte)'-' ? -1 : 1) * (OffsetHour * 3600 + OffsetMinute * 60);

    /// <summary>Local time now, microsecond precision, as rsyslog fills timegenerated.</summary>
    public static SyslogTime FromDateTimeOffset(DateTimeOffset t, byte precision = 6)
    {
        var off = t.Offset;
        var abs = off < TimeSpan.Zero ? off.Negate() : off;
        int frac = precision switch
        {
            0 => 0,
            3 => t.Millisecond,
            _ => (int)(t.Ticks % TimeSpan.TicksPerSecond / 10), // microseconds
        };
        return new SyslogTime
        {
            Year = (short)t.Year, Month = (byte)t.Month, Day = (byte)t.Day,
            Hour = (byte)t.Hour, Minute = (byte)t.Minute, Second = (byte)t.Second,
            SecFrac = frac, SecFracPrecision = precision,
            OffsetMode = off < TimeSpan.Zero ? (byte)'-' : (byte)'+',
            OffsetHour = (byte)abs.Hours, OffsetMinute = (byte)abs.Minutes,
            IsSet = true,
        };
    }

    public readonly DateTimeOffset ToDateTimeOffset()
    {
        int ticksFrac = 0;
        if (SecFracPrecision > 0)
        {
            long f = SecFrac;
            for (int i = SecFracPrecision; i < 7; i++) f *= 10;
            for (int i = SecFracPrecision; i > 7; i--) f /= 10;
            ticksFrac = (int)f;
        }
        var dt = new DateTime(Year, Month, Day, Hour, Minute, Second).AddTicks(ticksFrac);
        return new DateTimeOffset(dt, TimeSpan.FromSeconds(OffsetSeconds));
    }
}
