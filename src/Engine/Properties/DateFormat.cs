namespace Sluice.Engine.Properties;

/// <summary>How a time property is rendered (rsyslog's tplFormatTypes; the property replacer's date-* options).</summary>
public enum DateFormat : byte
{
    /// <summary>No option given: RFC 3164 style, like <see cref="Rfc3164"/>.</summary>
    Default,
    MySql,
    PgSql,
    Rfc3164,
    Rfc3164BuggyDay,
    Rfc3339,
    UnixTimestamp,
    SubSeconds,
    WDayName,
    WDay,
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    TzOffsHour,
    TzOffsMin,
    TzOffsDirection,
    /// <summary>Day of the year, "001".."366" (date-ordinal).</summary>
    Ordinal,
    /// <summary>Week of the year, "00".."53", weeks starting on Sunday (date-week).</summary>
    Week,
    /// <summary>ISO 8601 week, "01".."53" (date-iso-week).</summary>
    IsoWeek,
    /// <summary>The year the ISO 8601 week belongs to (date-iso-week-year).</summary>
    IsoWeekYear,
}
