using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;

namespace Sluice.Engine.Templates.BuiltIn;

/// <summary>
/// RSYSLOG_FileFormat and RSYSLOG_TraditionalFileFormat, hand-written like rsyslog's strgen modules
/// (tools/smfile.c, smtradfile.c): "TIMESTAMP HOSTNAME TAG[SP]MSG\n" (see <see cref="StrgenLine"/>).
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
        StrgenLine.Append(destination, message, _rfc3339, int.MaxValue);
        destination.Append((byte)'\n');
    }
}
