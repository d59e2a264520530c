using Sluice.Engine.Messages;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Properties;

/// <summary>
/// Renders a <see cref="SyslogTime"/> in each of rsyslog's date formats (runtime/datetime.c formatTimestamp*,
/// msg.c getTimeReported), byte for byte.
/// <para>
/// One rsyslog quirk is deliberately not reproduced: rsyslog caches a message's RFC 3164 text, shared by the
/// default format, date-rfc3164 and date-rfc3164-buggyday, so whichever template (of any action) renders it
/// first decides the day padding for all others. Here each format is always what it says.
/// </para>
/// </summary>
public static class TimestampFormatter
{
    public static void Append(ByteBuffer dest, in SyslogTime t, DateFormat format)
    {
        switch (format)
        {
            case DateFormat.Default:
            case DateFormat.Rfc3164:
                AppendRfc3164(dest, t, buggyDay: false);
                break;
            case DateFormat.Rfc3164BuggyDay:
                AppendRfc3164(dest, t, buggyDay: true);
                break;
            case DateFormat.Rfc3339:
                AppendRfc3339(dest, t);
                break;
            case DateFormat.MySql:
                AppendFourDigitsYear(dest, t);
                AsciiWriter.AppendTwoDigits(dest, t.Month);
                AsciiWriter.AppendTwoDigits(dest, t.Day);
                AsciiWriter.AppendTwoDigits(dest, t.Hour);
                AsciiWriter.AppendTwoDigits(dest, t.Minute);
                AsciiWriter.AppendTwoDigits(dest, t.Second);
                break;
            case DateFormat.PgSql:
                AppendDate(dest, t);
                dest.Append((byte)' ');
                AppendClock(dest, t);
                break;
            case DateFormat.UnixTimestamp:
                // rsyslog prints the time_t with "%u": earlier instants wrap around as unsigned 32-bit.
                AsciiWriter.AppendDecimal(dest, unchecked((uint)SyslogTimeMath.ToUnixSeconds(t)));
                break;
            case DateFormat.SubSeconds:
                AppendSecFrac(dest, t, orZero: true);
                break;
            case DateFormat.WDayName:
                dest.Append(SyslogNames.WeekDays[SyslogTimeMath.WeekDay(t)]);
                break;
            case DateFormat.WDay:
                dest.Append((byte)('0' + SyslogTimeMath.WeekDay(t)));
                break;
            case DateFormat.Year:
                if (t.Year >= 1967 && t.Year <= 2099) AsciiWriter.AppendFourDigits(dest, t.Year);
                else dest.Append("YEAR OUT OF RANGE(1967-2099)"u8);
                break;
            case DateFormat.Month: AsciiWriter.AppendTwoDigits(dest, t.Month); break;
            case DateFormat.Day: AsciiWriter.AppendTwoDigits(dest, t.Day); break;
            case DateFormat.Hour: AsciiWriter.AppendTwoDigits(dest, t.Hour); break;
            case DateFormat.Minute: AsciiWriter.AppendTwoDigits(dest, t.Minute); break;
            case DateFormat.Second: AsciiWriter.AppendTwoDigits(dest, t.Second); break;
            case DateFormat.TzOffsHour: AsciiWriter.AppendTwoDigits(dest, t.OffsetHour); break;
            case DateFormat.TzOffsMin: AsciiWriter.AppendTwoDigits(dest, t.OffsetMinute); break;
            case DateFormat.TzOffsDirection:
                // "Z" and "-" both print '-' in rsyslog; an unset mode counts as '+' (SyslogTime's convention).
                dest.Append(t.OffsetMode == (byte)'+' || t.OffsetMode == 0 ? (byte)'+' : (byte)'-');
                break;
            case DateFormat.Ordinal:
                AppendOrdinal(dest, t);
                break;
            case DateFormat.Week: AsciiWriter.AppendTwoDigits(dest, SyslogTimeMath.Week(t)); break;
            case DateFormat.IsoWeek:
            case DateFormat.IsoWeekYear:
                AppendIsoWeek(dest, t, format == DateFormat.IsoWeekYear);
                break;
        }
    }

    /// <summary>
    /// "001".."366": rsyslog's daysInYear table indexed by its ordinal. Where rsyslog reads outside the table (an
    /// ordinal of -1, or 366 at the last second of a leap year; rsyslogd crashes or prints garbage) this prints "000"
    /// and "367".
    /// </summary>
    private static void AppendOrdinal(ByteBuffer dest, in SyslogTime t)
    {
        int day = Math.Max(0, SyslogTimeMath.Ordinal(t) + 1);
        var s = dest.GetSpan(3);
        s[0] = (byte)('0' + day / 100 % 10);
        s[1] = (byte)('0' + day / 10 % 10);
        s[2] = (byte)('0' + day % 10);
        dest.Advance(3);
    }

    /// <summary>The ISO week ("01".."53") or its year; rsyslog supports only 1970..2099 (msg.c formatISOWeekOrYear).</summary>
    private static void AppendIsoWeek(ByteBuffer dest, in SyslogTime t, bool year)
    {
        if (t.Year < 1970 || t.Year > 2099)
        {
            dest.Append("YEAR OUT OF RANGE(1970-2099)"u8);
            return;
        }
        int week = SyslogTimeMath.IsoWeek(t, out int isoYear);
        if (year) AsciiWriter.AppendFourDigits(dest, isoYear);
        else AsciiWriter.AppendTwoDigits(dest, week);
    }

    /// <summary>"Mmm dd hh:mm:ss"; the day's tens digit is a space when 0 unless <paramref name="buggyDay"/>.</summary>
    public static void AppendRfc3164(ByteBuffer dest, in SyslogTime t, bool buggyDay)
    {
        var s = dest.GetSpan(15);
        var month = SyslogNames.Months[(t.Month + 11) % 12];
        s[0] = month[0];
        s[1] = month[1];
        s[2] = month[2];
        s[3] = (byte)' ';
        int tens = t.Day / 10 % 10;
        s[4] = buggyDay || tens > 0 ? (byte)('0' + tens) : (byte)' ';
        s[5] = (byte)('0' + t.Day % 10);
        s[6] = (byte)' ';
        s[7] = (byte)('0' + t.Hour / 10 % 10);
        s[8] = (byte)('0' + t.Hour % 10);
        s[9] = (byte)':';
        s[10] = (byte)('0' + t.Minute / 10 % 10);
        s[11] = (byte)('0' + t.Minute % 10);
        s[12] = (byte)':';
        s[13] = (byte)('0' + t.Second / 10 % 10);
        s[14] = (byte)('0' + t.Second % 10);
        dest.Advance(15);
    }

    /// <summary>"YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm)" with the sub-second digits that arrived.</summary>
    public static void AppendRfc3339(ByteBuffer dest, in SyslogTime t)
    {
        AppendDate(dest, t);
        dest.Append((byte)'T');
        AppendClock(dest, t);
        if (t.SecFracPrecision > 0)
        {
            dest.Append((byte)'.');
            AppendSecFrac(dest, t, orZero: false);
        }
        if (t.OffsetMode == (byte)'Z')
        {
            dest.Append((byte)'Z');
            return;
        }
        var s = dest.GetSpan(6);
        s[0] = t.OffsetMode == (byte)'-' ? (byte)'-' : (byte)'+';
        s[1] = (byte)('0' + t.OffsetHour / 10 % 10);
        s[2] = (byte)('0' + t.OffsetHour % 10);
        s[3] = (byte)':';
        s[4] = (byte)('0' + t.OffsetMinute / 10 % 10);
        s[5] = (byte)('0' + t.OffsetMinute % 10);
        dest.Advance(6);
    }

    private static void AppendFourDigitsYear(ByteBuffer dest, in SyslogTime t) => AsciiWriter.AppendFourDigits(dest, t.Year);

    /// <summary>"YYYY-MM-DD".</summary>
    public static void AppendDate(ByteBuffer dest, in SyslogTime t)
    {
        AsciiWriter.AppendFourDigits(dest, t.Year);
        dest.Append((byte)'-');
        AsciiWriter.AppendTwoDigits(dest, t.Month);
        dest.Append((byte)'-');
        AsciiWriter.AppendTwoDigits(dest, t.Day);
    }

    private static void AppendClock(ByteBuffer dest, in SyslogTime t)
    {
        AsciiWriter.AppendTwoDigits(dest, t.Hour);
        dest.Append((byte)':');
        AsciiWriter.AppendTwoDigits(dest, t.Minute);
        dest.Append((byte)':');
        AsciiWriter.AppendTwoDigits(dest, t.Second);
    }

    /// <summary>
    /// The fraction's digits: as many as its precision, which rsyslog takes modulo 6 (a 7-digit precision
    /// prints one digit); with no fraction, "0" when <paramref name="orZero"/> (date-subseconds). Byte for byte
    /// rsyslog's loop (datetime.c formatTimestamp3339/formatTimestampSecFrac), whose digit is a C short: with more
    /// than 6 received digits a "digit" is larger than 9 and wraps, printing one garbage byte, as rsyslogd 8.2302 does.
    /// </summary>
    private static void AppendSecFrac(ByteBuffer dest, in SyslogTime t, bool orZero)
    {
        if (t.SecFracPrecision == 0)
        {
            if (orZero) dest.Append((byte)'0');
            return;
        }
        int digits = (t.SecFracPrecision - 1) % 6 + 1;
        int power = 1;
        for (int i = 1; i < digits; i++) power *= 10;
        int frac = t.SecFrac;
        while (power > 0)
        {
            short digit = unchecked((short)(frac / power));
            frac -= digit * power;
            power /= 10;
            dest.Append(unchecked((byte)(digit + '0')));
        }
    }
}
