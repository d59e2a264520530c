using Sluice.Engine.Messages;

namespace Sluice.Engine.Parsing;

/// <summary>
/// rsyslog's header timestamp parsers (runtime/datetime.c ParseTIMESTAMP3339 / ParseTIMESTAMP3164). On success
/// the cursor moves past the timestamp and one following SP; on failure it does not move. Leniency is rsyslog's:
/// one-digit fields ("2003-9-1T1:0:0Z", "Nov 2 8:0:0"), case-insensitive month names, second 60, day 31 in any
/// month, any number of fraction digits, Cisco's year before or instead of the time and trailing ':'.
/// </summary>
internal static class TimestampParser
{
    public static bool TryRfc3339(ref ParseCursor cursor, out SyslogTime time)
    {
        time = default;
        var c = cursor;

        int year = c.ParseInt();
        if (c.Left == 0) return false;
        byte sep = c.Cur;
        c.Pos++;
        if (sep != (byte)'-' || year >= 2100) return false;
        c.Left--;

        int month = c.ParseInt();
        if (month < 1 || month > 12 || !c.Expect((byte)'-')) return false;
        int day = c.ParseInt();
        if (day < 1 || day > 31 || !c.Expect((byte)'T')) return false;
        int hour = c.ParseInt();
        if (!TryClockAfterHour(ref c, hour, out int minute, out int second, out int frac, out int precision)) return false;

        if (c.Left == 0) return false; // a time zone is required
        byte mode;
        int offHour = 0, offMinute = 0;
        if (c.Cur == (byte)'Z')
        {
            mode = (byte)'Z';
            c.Advance();
        }
        else if (c.Cur == (byte)'+' || c.Cur == (byte)'-')
        {
            mode = c.Cur;
            c.Advance();
            offHour = c.ParseInt();
            if (offHour > 23) return false;
            if (c.Left == 0 || c.Cur != (byte)':') return false;
            c.Advance();
            offMinute = c.ParseInt();
            if (offMinute > 59) return false;
        }
        else
        {
            return false;
        }

        if (c.Left > 0)
        {
            if (c.Cur != (byte)' ') return false;
            c.Advance();
        }

        time = new SyslogTime
        {
            Year = (short)year, Month = (byte)month, Day = (byte)day,
            Hour = (byte)hour, Minute = (byte)minute, Second = (byte)second,
            SecFrac = frac, SecFracPrecision = (byte)precision,
            OffsetMode = mode, OffsetHour = (byte)offHour, OffsetMinute = (byte)offMinute,
            IsSet = true,
        };
        cursor = c;
        return true;
    }

    /// <summary>
    /// "[yyyy ]Mmm dd [yyyy ]hh:mm:ss[.frac][:]". A 3164 timestamp carries only part of the time: the year (when
    /// absent) and the UTC offset come from <paramref name="received"/>, as rsyslog copies them from the
    /// reception time.
    /// </summary>
    public static bool TryRfc3164(ref ParseCursor cursor, in SyslogTime received, out SyslogTime time)
    {
        time = default;
        var c = cursor;
        if (c.Left < 3) return false;

        int year = 0;
        if ((uint)(c.Cur - '0') <= 9)
        {
            // Brocade style leading year. rsyslog skips the SP without counting it, so the length left runs one
            // ahead from here on; ParseCursor reproduces that (reads past the end see NUL).
            year = c.ParseInt();
            if (year < 1970 || year > 2100 || c.Cur != (byte)' ') return false;
            c.Pos++;
        }

        int month = Month(c.Cur, c.Peek(1), c.Peek(2));
        if (month == 0) return false;
        c.Advance(3);

        if (!c.Expect((byte)' ')) return false;
        if (c.Cur == (byte)' ') c.Advance(); // one-digit day padded with a space

        int day = c.ParseInt();
        if (day < 1 || day > 31 || !c.Expect((byte)' ')) return false;

        int hour = c.ParseInt();
        if (year == 0 && hour > 1970 && hour < 2100)
        {
            year = hour; // Cisco: "Mmm dd yyyy hh:mm:ss"
            if (!c.Expect((byte)' ')) return false;
            hour = c.ParseInt();
        }
        if (!TryClockAfterHour(ref c, hour, out int minute, out int second, out int frac, out int precision)) return false;

        if (c.Left > 0 && c.Cur == (byte)':') c.Advance(); // Cisco's "...:00: %ASA..."
        if (c.Left > 0)
        {
            if (c.Cur != (byte)' ') return false;
            c.Advance();
        }

        time = received;
        time.Year = (short)(year > 0 ? year : received.Year);
        time.Month = (byte)month;
        time.Day = (byte)day;
        time.Hour = (byte)hour;
        time.Minute = (byte)minute;
        time.Second = (byte)second;
        time.SecFrac = frac;
        time.SecFracPrecision = (byte)precision;
        time.IsSet = true;
        cursor = c;
        return true;
    }

    /// <summary>":mm:ss[.frac]" after the hour, with the limits both formats share (second 60 allowed).</summary>
    private static bool TryClockAfterHour(ref ParseCursor c, int hour, out int minute, out int second, out int frac, out int precision)
    {
        minute = second = frac = precision = 0;
        if (hour > 23 || !c.Expect((byte)':')) return false;
        minute = c.ParseInt();
        if (minute > 59 || !c.Expect((byte)':')) return false;
        second = c.ParseInt();
        if (second > 60) return false;
        ParseFraction(ref c, out frac, out precision);
        return true;
    }

    private static void ParseFraction(ref ParseCursor c, out int frac, out int precision)
    {
        frac = 0;
        precision = 0;
        if (c.Left > 0 && c.Cur == (byte)'.')
        {
            c.Advance();
            int start = c.Pos;
            frac = c.ParseInt();
            precision = c.Pos - start; // rsyslog keeps every digit; "." alone gives precision 0
        }
    }

    private static int Month(byte a, byte b, byte c)
    {
        a |= 0x20; b |= 0x20; c |= 0x20; // ASCII lower case; non-letters cannot match below
        return (a, b, c) switch
        {
            ((byte)'j', (byte)'a', (byte)'n') => 1,
            ((byte)'f', (byte)'e', (byte)'b') => 2,
            ((byte)'m', (byte)'a', (byte)'r') => 3,
            ((byte)'a', (byte)'p', (byte)'r') => 4,
            ((byte)'m', (byte)'a', (byte)'y') => 5,
            ((byte)'j', (byte)'u', (byte)'n') => 6,
            ((byte)'j', (byte)'u', (byte)'l') => 7,
            ((byte)'a', (byte)'u', (byte)'g') => 8,
            ((byte)'s', (byte)'e', (byte)'p') => 9,
            ((byte)'o', (byte)'c', (byte)'t') => 10,
            ((byte)'n', (byte)'o', (byte)'v') => 11,
            ((byte)'d', (byte)'e', (byte)'c') => 12,
            _ => 0,
        };
    }
}
