namespace Sluice.Engine.Properties;

/// <summary>Facility and severity names as rsyslog prints them (msg.c syslog_fac_names / syslog_severity_names).</summary>
internal static class SyslogNames
{
    /// <summary>Index 24 is rsyslog's "invld" (LOG_INVLD) entry.</summary>
    public static readonly byte[][] Facility =
    {
        "kern"u8.ToArray(), "user"u8.ToArray(), "mail"u8.ToArray(), "daemon"u8.ToArray(), "auth"u8.ToArray(),
        "syslog"u8.ToArray(), "lpr"u8.ToArray(), "news"u8.ToArray(), "uucp"u8.ToArray(), "cron"u8.ToArray(),
        "authpriv"u8.ToArray(), "ftp"u8.ToArray(), "ntp"u8.ToArray(), "audit"u8.ToArray(), "alert"u8.ToArray(),
        "clock"u8.ToArray(), "local0"u8.ToArray(), "local1"u8.ToArray(), "local2"u8.ToArray(), "local3"u8.ToArray(),
        "local4"u8.ToArray(), "local5"u8.ToArray(), "local6"u8.ToArray(), "local7"u8.ToArray(), "invld"u8.ToArray(),
    };

    public static readonly byte[][] Severity =
    {
        "emerg"u8.ToArray(), "alert"u8.ToArray(), "crit"u8.ToArray(), "err"u8.ToArray(),
        "warning"u8.ToArray(), "notice"u8.ToArray(), "info"u8.ToArray(), "debug"u8.ToArray(),
    };

    public static ReadOnlySpan<byte> Invalid => "invld"u8;

    public static readonly byte[][] Months =
    {
        "Jan"u8.ToArray(), "Feb"u8.ToArray(), "Mar"u8.ToArray(), "Apr"u8.ToArray(), "May"u8.ToArray(), "Jun"u8.ToArray(),
        "Jul"u8.ToArray(), "Aug"u8.ToArray(), "Sep"u8.ToArray(), "Oct"u8.ToArray(), "Nov"u8.ToArray(), "Dec"u8.ToArray(),
    };

    public static readonly byte[][] WeekDays =
    {
        "Sun"u8.ToArray(), "Mon"u8.ToArray(), "Tue"u8.ToArray(), "Wed"u8.ToArray(),
        "Thu"u8.ToArray(), "Fri"u8.ToArray(), "Sat"u8.ToArray(),
    };
}
