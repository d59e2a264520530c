using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Parsing;

/// <summary>
/// rsyslog's default parser chain (runtime/parser.c ParseMsg with rsyslog.rfc5424 then rsyslog.rfc3164):
/// single-message decompression ("z" + zlib), reception sanitizing, PRI, then RFC 5424 when the text after
/// the PRI starts with "1 ", else RFC 3164 with its real-world variants. The daemon's own messages are not
/// decompressed or sanitized and get rsyslog's internal-message fields (<see cref="InternalMessageParser"/>).
/// Fills the <see cref="Message"/> fields as ranges into its buffer (derived values
/// such as the RFC 5424 TAG "app[procid]" go after the raw bytes) and sets <see cref="MessageFlags.Parsed"/>.
/// Where rsyslog 8.2302's source or documentation and the binary disagree, the binary was followed.
/// <para>
/// Hot path: no allocation, no strings. An instance owns a scratch buffer for sanitizing, so it must be used by
/// one thread at a time (one parser per input worker thread).
/// </para>
/// </summary>
public sealed class SyslogParser
{
    private readonly CompressionExtension? _compression;
    private readonly ReceptionSanitizer _sanitizer;
    private readonly bool _permitSlashInProgramName;

    public SyslogParser(GlobalSettings settings)
    {
        if (settings.SupportCompressionExtension) _compression = new CompressionExtension(Math.Max(settings.MaxMessageSize, 4));
        _sanitizer = new ReceptionSanitizer(settings);
        _permitSlashInProgramName = settings.PermitSlashInProgramName;
    }

    /// <summary>Messages that started with 'z' but were not valid zlib data (rsyslog logs each one).</summary>
    public long DecompressionFailures => _compression?.Failures ?? 0;

    /// <summary>
    /// Parses <paramref name="m"/> in place. The input should have set <see cref="Message.TimeGenerated"/>
    /// (RFC 3164 timestamps take their year and UTC offset from it); if it has not, the current time is used.
    /// rsyslog discards a zero-length message before parsing; callers should not submit one.
    /// </summary>
    public void Parse(Message m)
    {
        if (!m.TimeGenerated.IsSet) m.TimeGenerated = SyslogTime.FromDateTimeOffset(DateTimeOffset.Now);

        var keep = m.Flags & (MessageFlags.Truncated | MessageFlags.Internal);
        m.ResetParsed();
        if ((keep & MessageFlags.Internal) == 0)
        {
            _compression?.Apply(m);
            _sanitizer.Sanitize(m);
        }
        m.Flags = keep; // rewriting the raw bytes cleared them

        PriParser.Parse(m);
        if ((keep & MessageFlags.Internal) != 0)
        {
            InternalMessageParser.Parse(m);
            DerivedFields.CompleteLegacy(m, _permitSlashInProgramName);
        }
        else if (Rfc5424Parser.Matches(m))
        {
            Rfc5424Parser.Parse(m);
            DerivedFields.CompleteRfc5424(m, _permitSlashInProgramName);
        }
        else
        {
            Rfc3164Parser.Parse(m);
            DerivedFields.CompleteLegacy(m, _permitSlashInProgramName);
        }

        m.Flags |= MessageFlags.Parsed;
    }
}
