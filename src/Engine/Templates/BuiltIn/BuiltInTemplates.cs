namespace Sluice.Engine.Templates.BuiltIn;

/// <summary>
/// rsyslog's built-in templates (rsconf.c, checked against the strings compiled into rsyslogd 8.2302).
/// The file and forward formats are strgen modules in rsyslog and hand-written renderers here; the others
/// are string templates compiled by the normal parser.
/// </summary>
public static class BuiltInTemplates
{
    public const string FileFormat = "RSYSLOG_FileFormat";
    public const string TraditionalFileFormat = "RSYSLOG_TraditionalFileFormat";
    public const string ForwardFormat = "RSYSLOG_ForwardFormat";
    public const string TraditionalForwardFormat = "RSYSLOG_TraditionalForwardFormat";
    public const string SysklogdFileFormat = "RSYSLOG_SysklogdFileFormat";
    public const string SyslogProtocol23Format = "RSYSLOG_SyslogProtocol23Format";
    public const string SyslogRFC5424Format = "RSYSLOG_SyslogRFC5424Format";
    public const string DebugFormat = "RSYSLOG_DebugFormat";

    /// <summary>
    /// omusrmsg's defaults (rsconf.c): " WallFmt" for users="*", " StdUsrMsgFmt" for a user list. The leading space
    /// is part of rsyslog's names, so no user template can clash with them. Text checked against rsyslogd 8.2302's
    /// strings (\a is BEL, 0x07).
    /// </summary>
    public const string WallFormat = " WallFmt";
    public const string StdUserMessageFormat = " StdUsrMsgFmt";
    public const string WallFormatText = "\r\n\aMessage from syslogd@%HOSTNAME% at %timegenerated% ...\r\n %syslogtag%%msg%\n\r";
    public const string StdUserMessageFormatText = " %syslogtag%%msg%\n\r";

    public const string SysklogdFileFormatText =
        "%TIMESTAMP% %HOSTNAME% %syslogtag%%msg:::sp-if-no-1st-sp%%msg%\n";

    public const string SyslogProtocol23FormatText =
        "<%PRI%>1 %TIMESTAMP:::date-rfc3339% %HOSTNAME% %APP-NAME% %PROCID% %MSGID% %STRUCTURED-DATA% %msg%\n";

    public const string SyslogRFC5424FormatText =
        "<%PRI%>1 %TIMESTAMP:::date-rfc3339% %HOSTNAME% %APP-NAME% %PROCID% %MSGID% %STRUCTURED-DATA% %msg%";

    /// <summary>rsyslog's text (template.c), ending with the three variable trees (empty text when unset).</summary>
    public const string DebugFormatText =
        "Debug line with all properties:\nFROMHOST: '%FROMHOST%', fromhost-ip: '%fromhost-ip%', HOSTNAME: '%HOSTNAME%', PRI: %PRI%,\n" +
        "syslogtag '%syslogtag%', programname: '%programname%', APP-NAME: '%APP-NAME%', PROCID: '%PROCID%', MSGID: '%MSGID%',\n" +
        "TIMESTAMP: '%TIMESTAMP%', STRUCTURED-DATA: '%STRUCTURED-DATA%',\nmsg: '%msg%'\nescaped msg: '%msg:::drop-cc%'\n" +
        "inputname: %inputname% rawmsg: '%rawmsg%'\n$!:%$!%\n$.:%$.%\n$/:%$/%\n\n";

    /// <summary>The strgen ("plugin") templates by their module name, as template(type="plugin" plugin=…) names them.</summary>
    public static Template? CreateStrgen(string pluginName, string templateName) => pluginName switch
    {
        FileFormat => FileFormatTemplate.FileFormat(templateName),
        TraditionalFileFormat => FileFormatTemplate.Traditional(templateName),
        ForwardFormat => ForwardFormatTemplate.ForwardFormat(templateName),
        TraditionalForwardFormat => ForwardFormatTemplate.Traditional(templateName),
        _ => null,
    };

    public static IEnumerable<string> StrgenNames => new[] { FileFormat, TraditionalFileFormat, ForwardFormat, TraditionalForwardFormat };
}
