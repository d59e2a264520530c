using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Properties;

namespace Sluice.Engine.Templates.BuiltIn;

/// <summary>
/// RSYSLOG_FileFormat and RSYSLOG_TraditionalFileFormat, hand-written like rsyslog's strgen modules
/// (tools/smfile.c, smtradfile.c): "TIMESTAMP HOSTNAME TAG[SP]MSG\n". As in the strgens (unlike the string
/// equivalent "%msg:::sp-if-no-1st-sp%"), the SP is written whenever MSG does not start with one, also when
/// MSG is empty, and MSG is copied as it is.
/// </summary>
public sealed class FileFormatTemplate : Template
{
    private readonly bool _rfc3339;

    private FileFormatTemplate(string name, bool rfc3339) : base(name) => _rfc3339 = rfc3339;

    /// <summary>"%TIMESTAMP:::date-rfc3339% %HOSTNAME% %syslogtag%%msg:::sp-if-no-1st-sp%%msg:::drop-last-lf%\n"</summary>
    public static FileFormatTemplate FileFormat(string name = "RSYSLOG_FileFormat") => new(name, rfc3339: true);

    /// <summary>"%TIMESTAMP% %HOSTNAME% %syslogtag%%msg:::sp-if-no-1st-sp%%msg:::drop-last-lf%\n"</summary>
    public static FileFormatTemplate Traditional(string name = "RSYSLOG_TraditionalFileFormat") => new(name, rfc3339: false);

    public override void Render(Message message, ByteBuffer destination, in RenderContext context)
    {
        ref readonly var time = ref DerivedFields.TimeReported(message);
        if (_rfc3339) TimestampFormatter.AppendRfc3339(destination, time);
        else TimestampFormatter.AppendRfc3164(destination, time, buggyDay: false);
        destination.Append((byte)' ');
        destination.Append(message.HostnameOrFromHost);
        destination.Append((byte)' ');
        DerivedFields.AppendTag(destination, message);
        var msg = DerivedFields.Msg(message);
        if (msg.Length == 0 || msg[0] != (byte)' ') destination.Append((byte)' ');
        destination.Append(msg);
        destination.Append((byte)'\n');
    }
}
