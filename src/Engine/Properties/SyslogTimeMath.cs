using Sluice.Engine.Messages;

namespace Sluice.Engine.Properties;

/// <summary>Calendar arithmetic on <see cref="SyslogTime"/> done without the TZ database, as rsyslog's datetime.c does.</summary>
public static class SyslogTimeMath
{
    /// <summary>
    /// Seconds since the epoch. Like rsyslog's syslogTime2time_t, years outside 1970..2100 give 0 and the
    /// offset is applied as written ('+' is subtracted, anything else added).
    /// </summary>
    public static long ToUnixSeconds(in SyslogTime t)
    {
        if (t.Year < 1970 || t.Year > 2100) return 0;
        long days = DaysFromCivil(t.Year, t.Month, t.Day);
        long secs = days * 86400 + t.Hour * 3600 + t.Minute * 60 + t.Second;
        int offset = t.OffsetHour * 3600 + t.OffsetMinute * 60;
        return t.OffsetMode == (byte)'-' ? secs + offset : secs - offset;
    }

    /// <summary>
    /// 0 = Sunday … 6 = Saturday, of the date as written (no offset applied), by rsyslog's formula (datetime.c
    /// getWeekdayNbr). It has no Gregorian century rule, so it is right only for 1901..2099: rsyslogd 8.2302 says
    /// 1900-01-01 (a Monday) is a Sunday, and so does this. Before year 1 its remainder is negative and rsyslog
    /// indexes its tables out of bounds (date-wdayname crashes rsyslogd 8.2302 for year 0); here it wraps to 0..6.
    /// </summary>
    public static int WeekDay(in SyslogTime t)
    {
        int g = t.Year;
        int f;
        if (t.Month < 3)
        {
            g--;
            f = t.Month + 13;
        }
        else
        {
            f = t.Month + 1;
        }
        int wd = (36525 * g / 100 + 306 * f / 10 + t.Day - 621049) % 7;
        return wd < 0 ? wd + 7 : wd;
    }

    /// <summary>
    /// rsyslog's day of the year, 0-based (datetime.c getOrdinal), quirks included: it subtracts the start of the year
    /// from the Unix time with the UTC offset applied once more, and for a '+' offset it adds where it should subtract
    /// (<c>utcOffset += -1</c> for <c>*= -1</c>), so the result is (2 + seconds into the day of year - 2 * offset) / 86400
    /// for '+' offsets and (1 + seconds) / 86400 otherwise, truncated toward zero. For "+05:00" at 01:00 that is the
    /// day before, and the last second of a year reads as day 366 of it. Years outside 1970..2100 give 0. A result
    /// of -1 (a large '+' offset just after New Year) makes rsyslogd 8.2302 index its table out of bounds and crash.
    /// </summary>
    public static int Ordinal(in SyslogTime t)
    {
        if (t.Year < 1970 || t.Year > 2100) return 0;
        long seconds = (long)DayOfYear(t) * 86400 + t.Hour * 3600 + t.Minute * 60 + t.Second;
        int offset = t.OffsetHour * 3600 + t.OffsetMinute * 60;
        long intoYear = IsPlus(t) ? 2 + seconds - 2L * offset : 1 + seconds;
        return (int)(intoYear / 86400);
    }

    /// <summary>
    /// rsyslog's week of the year (datetime.c getWeek): (ordinal + 6) / 7, plus one when the weekday comes before
    /// January 1st's (weeks start on Sunday; days before the first Sunday are week 0 or 1).
    /// </summary>
    public static int Week(in SyslogTime t)
    {
        var jan1 = new SyslogTime { Year = t.Year, Month = 1, Day = 1 };
        int week = (Ordinal(t) + 6) / 7;
        if (WeekDay(t) < WeekDay(jan1)) week++;
        return week;
    }

    /// <summary>
    /// rsyslog's ISO 8601 week and its year (datetime.c getISOWeek): from its ordinal (so with the same offset
    /// quirk) and the weekday, Monday = 1 … Sunday = 7.
    /// </summary>
    public static int IsoWeek(in SyslogTime t, out int year)
    {
        int dayOfYear = Ordinal(t) + 1;
        int weekDay = WeekDay(t);
        if (weekDay == 0) weekDay = 7;
        int week = (10 + dayOfYear - weekDay) / 7;
        year = t.Year;
        if (week == 0)
        {
            year = t.Year - 1;
            week = System.Globalization.ISOWeek.GetWeeksInYear(year);
        }
        else if (week > System.Globalization.ISOWeek.GetWeeksInYear(t.Year))
        {
            year = t.Year + 1;
            week = 1;
        }
        return week;
    }

    /// <summary>0-based day of the year by rsyslog's month table and leap rule (syslogTime2time_t).</summary>
    private static int DayOfYear(in SyslogTime t)
    {
        int days = t.Month switch
        {
            2 => 31, 3 => 59, 4 => 90, 5 => 120, 6 => 151, 7 => 181, 8 => 212, 9 => 243, 10 => 273, 11 => 304, 12 => 334,
            _ => 0,
        };
        if (((t.Year % 100 != 0 && t.Year % 4 == 0) || t.Year == 2000) && t.Month > 2) days++;
        return days + t.Day - 1;
    }

    /// <summary>rsyslog tests for '+'; an unset mode counts as '+' here (SyslogTime's convention).</summary>
    private static bool IsPlus(in SyslogTime t) => t.OffsetMode == (byte)'+' || t.OffsetMode == 0;

    /// <summary>
    /// The same instant in UTC, as rsyslog's timeConvertToUTC builds it: microsecond precision whatever arrived,
    /// with the received SecFrac value taken as microseconds (so ".003" becomes ".000003"), offset "+00:00".
    /// </summary>
    public static SyslogTime ToUtc(in SyslogTime t)
    {
        long secs = ToUnixSeconds(t);
        var u = FromUnixSeconds(secs);
        u.SecFrac = t.SecFrac;
        u.SecFracPrecision = 6;
        return u;
    }

    /// <summary>A UTC broken-down time, no fraction, offset "+00:00".</summary>
    public static SyslogTime FromUnixSeconds(long secs)
    {
        long days = Math.DivRem(secs, 86400, out long rem);
        if (rem < 0)
        {
            rem += 86400;
            days--;
        }
        CivilFromDays(days, out int y, out int m, out int d);
        return new SyslogTime
        {
            Year = (short)y, Month = (byte)m, Day = (byte)d,
            Hour = (byte)(rem / 3600), Minute = (byte)(rem / 60 % 60), Second = (byte)(rem % 60),
            OffsetMode = (byte)'+', IsSet = true,
        };
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).</summary>
    private static long DaysFromCivil(int y, int m, int d)
    {
        if (m < 1 || m > 12) m = 1;
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    private static void CivilFromDays(long z, out int y, out int m, out int d)
    {
        z += 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        d = (int)(doy - (153 * mp + 2) / 5 + 1);
        m = (int)(mp < 10 ? mp + 3 : mp - 9);
        y = (int)(yoe + era * 400 + (m <= 2 ? 1 : 0));
    }
}
