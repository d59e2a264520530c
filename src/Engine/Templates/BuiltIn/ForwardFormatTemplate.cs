using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Properties;

namespace Sluice.Engine.Templates.BuiltIn;

/// <summary>
/// RSYSLOG_ForwardFormat and RSYSLOG_TraditionalForwardFormat, hand-written like rsyslog's strgen modules
/// (tools/smfwd.c, smtradfwd.c): "&lt;PRI&gt;TIMESTAMP HOSTNAME TAG[SP]MSG" (see <see cref="StrgenLine"/>) with the
/// TAG cut to 32 bytes and no trailing LF.
/// </summary>
public sealed class ForwardFormatTemplate : Template
{
    /// <summary>RFC 3164 limits the TAG to 32 characters; the forward formats enforce it on output.</summary>
    public const int MaxTagLength = 32;

    private readonly bool _rfc3339;

    private ForwardFormatTemplate(string name, bool rfc3339) : base(name) => _rfc3339 = rfc3339;

    /// <summary>"&lt;%PRI%&gt;%TIMESTAMP:::date-rfc3339% %HOSTNAME% %syslogtag:1:32%%msg:::sp-if-no-1st-sp%%msg%"</summary>
    public static ForwardFormatTemplate ForwardFormat(string name = "RSYSLOG_ForwardFormat") => new(name, rfc3339: true);

    /// <summary>"&lt;%PRI%&gt;%TIMESTAMP% %HOSTNAME% %syslogtag:1:32%%msg:::sp-if-no-1st-sp%%msg%"</summary>
    public static ForwardFormatTemplate Traditional(string name = "RSYSLOG_TraditionalForwardFormat") => new(name, rfc3339: false);

    public override void Render(Message message, ByteBuffer destination, in RenderContext context)
    {
        destination.Append((byte)'<');
        PropertyWriter.Append(destination, PropertyId.Pri, message, context);
        destination.Append((byte)'>');
        StrgenLine.Append(destination, message, _rfc3339, MaxTagLength);
    }
}
