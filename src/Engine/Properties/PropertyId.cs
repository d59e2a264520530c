namespace Sluice.Engine.Properties;

/// <summary>
/// The message and system properties templates and filters can read (rsyslog's propid_t). Aliases
/// (source, timestamp, timereceived, syslogpriority …) map onto these; see <see cref="PropertyNames"/>.
/// </summary>
public enum PropertyId : byte
{
    Msg,
    RawMsg,
    RawMsgAfterPri,
    Hostname,
    FromHost,
    FromHostIp,
    FromHostPort,
    SyslogTag,
    ProgramName,
    Pri,
    PriText,
    Iut,
    SyslogFacility,
    SyslogFacilityText,
    SyslogSeverity,
    SyslogSeverityText,
    TimeGenerated,
    TimeReported,
    ProtocolVersion,
    StructuredData,
    AppName,
    ProcId,
    MsgId,
    InputName,
    /// <summary>The whole message as one JSON object (msg.c msgGetJSONMESG).</summary>
    JsonMesg,
    /// <summary>A random UUID generated once per message, 32 uppercase hex digits.</summary>
    Uuid,
    /// <summary>"OK" or "FAIL": what the last parser module (mmjsonparse) said.</summary>
    ParseSuccess,

    // System properties: about the time of processing, not the message.
    SysNow,
    SysYear,
    SysMonth,
    SysDay,
    SysHour,
    SysHHour,
    SysQHour,
    SysMinute,
    SysWDay,
    SysNowUtc,
    SysYearUtc,
    SysMonthUtc,
    SysDayUtc,
    SysHourUtc,
    SysHHourUtc,
    SysQHourUtc,
    SysMinuteUtc,
    SysWDayUtc,
    SysNowUnixTimestamp,
    SysMyHostname,
    SysBom,
    /// <summary>$uptime: seconds since the system booted.</summary>
    SysUptime,
}
