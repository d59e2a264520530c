using Sluice.Engine.Config;
using Sluice.Engine.Messages;
using Sluice.Engine.Properties;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Templates;

public class DateFormatTests
{
    private static string Format(SyslogTime t, DateFormat f)
    {
        var buf = new ByteBuffer(8);
        TimestampFormatter.Append(buf, t, f);
        return System.Text.Encoding.ASCII.GetString(buf.WrittenSpan);
    }

    private static string Render(string template, Message m) =>
        SampleMessages.Render(new TemplateFactory().CreateStringTemplate("t", template, SourceLocation.None), m);

    [Fact]
    public void Rfc3164_pads_the_day_with_a_space_and_buggyday_with_a_zero()
    {
        var t = SampleMessages.Time(2026, 2, 5, 7, 8, 9);
        Assert.Equal("Feb  5 07:08:09", Format(t, DateFormat.Default));
        Assert.Equal("Feb  5 07:08:09", Format(t, DateFormat.Rfc3164));
        // rsyslogd 8.2302 wrote "Feb 05 17:32:18" for Line1 with date-rfc3164-buggyday.
        Assert.Equal("bug=[Feb 05 17:32:18]", Render("bug=[%timestamp:::date-rfc3164-buggyday%]", SampleMessages.Sample1()));
        Assert.Equal("Dec 31 23:59:59", Format(SampleMessages.Time(1999, 12, 31, 23, 59, 59), DateFormat.Rfc3164));
    }

    [Theory]
    [InlineData(0, 0, '+', 0, 0, "2024-03-01T10:20:30+00:00")]
    [InlineData(3, 1, '+', 0, 0, "2024-03-01T10:20:30.3+00:00")]
    [InlineData(45, 3, '-', 4, 30, "2024-03-01T10:20:30.045-04:30")]
    [InlineData(123456, 6, 'Z', 0, 0, "2024-03-01T10:20:30.123456Z")]
    [InlineData(0, 0, '\0', 0, 0, "2024-03-01T10:20:30+00:00")]
    public void Rfc3339_keeps_the_received_precision_and_offset(int frac, byte precision, char mode, byte oh, byte om, string expected)
    {
        var t = SampleMessages.Time(2024, 3, 1, 10, 20, 30, frac, precision, mode, oh, om);
        Assert.Equal(expected, Format(t, DateFormat.Rfc3339));
    }

    [Fact]
    public void Unix_timestamp_applies_the_offset_and_wraps_like_rsyslogs_unsigned_print()
    {
        Assert.Equal("0", Format(SampleMessages.Time(1970, 1, 1, 0, 0, 0), DateFormat.UnixTimestamp));
        Assert.Equal("1692879255", Format(SampleMessages.Time(2023, 8, 24, 5, 14, 15, offsetMode: '-', offsetHour: 7), DateFormat.UnixTimestamp));
        Assert.Equal("4294963696", Format(SampleMessages.Time(1970, 1, 1, 0, 0, 0, offsetMode: '+', offsetHour: 1), DateFormat.UnixTimestamp));
        Assert.Equal("0", Format(SampleMessages.Time(1969, 12, 31, 0, 0, 0), DateFormat.UnixTimestamp)); // outside 1970..2100
        Assert.Equal("951782400", Format(SampleMessages.Time(2000, 2, 29, 0, 0, 0), DateFormat.UnixTimestamp));
    }

    [Fact]
    public void Parts_of_the_date()
    {
        var t = SampleMessages.Time(2024, 2, 29, 23, 5, 7, 42, 2, '-', 9, 30);
        Assert.Equal("2024", Format(t, DateFormat.Year));
        Assert.Equal("02", Format(t, DateFormat.Month));
        Assert.Equal("29", Format(t, DateFormat.Day));
        Assert.Equal("23", Format(t, DateFormat.Hour));
        Assert.Equal("05", Format(t, DateFormat.Minute));
        Assert.Equal("07", Format(t, DateFormat.Second));
        Assert.Equal("09", Format(t, DateFormat.TzOffsHour));
        Assert.Equal("30", Format(t, DateFormat.TzOffsMin));
        Assert.Equal("-", Format(t, DateFormat.TzOffsDirection));
        Assert.Equal("42", Format(t, DateFormat.SubSeconds));
        Assert.Equal("4", Format(t, DateFormat.WDay));
        Assert.Equal("Thu", Format(t, DateFormat.WDayName));
        Assert.Equal("20240229230507", Format(t, DateFormat.MySql));
        Assert.Equal("2024-02-29 23:05:07", Format(t, DateFormat.PgSql));
        Assert.Equal("YEAR OUT OF RANGE(1967-2099)", Format(SampleMessages.Time(2100, 1, 1, 0, 0, 0), DateFormat.Year));
    }

    [Fact]
    public void Weekdays_follow_rsyslogs_formula_which_has_no_century_rule()
    {
        Assert.Equal("3|Wed", Render("%timestamp:::date-wday%|%timestamp:::date-wdayname%",
            SampleMessages.Parse("<13>1 2000-03-01T00:00:00Z h app - - - x")));
        // 1900-01-01 was a Monday; rsyslogd 8.2302 says Sunday (datetime.c getWeekdayNbr).
        Assert.Equal("0|Sun", Render("%timestamp:::date-wday%|%timestamp:::date-wdayname%",
            SampleMessages.Parse("<13>1 1900-01-01T00:00:00Z h app - - - x")));
    }

    [Fact]
    public void More_than_six_fraction_digits_print_rsyslogs_wrapped_digit()
    {
        // rsyslog keeps all 9 digits, prints (9-1)%6+1 = 3 of them, and its first "digit" (1234567) wraps
        // around as a C short: byte 0xB7, then "89". rsyslogd 8.2302 writes the same (RsyslogParserInteropTests).
        var m = SampleMessages.Parse("<13>1 2003-10-11T22:14:15.123456789+05:30 host app - - - nine digits");
        var buf = new ByteBuffer(8);
        TimestampFormatter.Append(buf, m.TimeReported, DateFormat.Rfc3339);
        Assert.Equal("2003-10-11T22:14:15."u8.ToArray().Concat(new byte[] { 0xB7 }).Concat("89+05:30"u8.ToArray()),
            buf.WrittenSpan.ToArray());
    }

    [Fact]
    public void Date_utc_converts_and_takes_the_fraction_as_microseconds_like_rsyslog()
    {
        // rsyslogd 8.2302: "2003-10-11T22:14:15.003Z" with date-utc printed ".000003+00:00".
        var m = SampleMessages.Parse("<13>1 2023-01-02T03:04:05.003+05:30 h app - - - ");
        Assert.Equal("2023-01-01T21:34:05.000003+00:00|Jan  1 21:34:05",
            Render("%timereported:::date-rfc3339,date-utc%|%timestamp:::date-utc%", m));
    }

    [Fact]
    public void Timegenerated_uses_the_reception_time_and_timereported_falls_back_to_it()
    {
        var m = SampleMessages.Sample1();
        Assert.Equal("Nov 22 08:06:09|2026-11-22T08:06:09.123456+00:00|Nov 22 08:06:09",
            Render("%timegenerated%|%timegenerated:::date-rfc3339%|%timereceived%", m));
        var noTimestamp = SampleMessages.Parse("<13>host tag: the message carried no timestamp");
        Assert.Equal("2026-11-22T08:06:09.123456+00:00", Render("%timereported:::date-rfc3339%", noTimestamp));
    }
}
