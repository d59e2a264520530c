using Sluice.Engine.Messages;

namespace Sluice.Engine.Parsing;

/// <summary>
/// The daemon's own messages (<see cref="MessageFlags.Internal"/>), which the engine writes as "&lt;PRI&gt;TAG SP TEXT"
/// (Runtime/EngineLog.cs). rsyslog never parses its internal messages: logmsgInternal sets the TAG ("rsyslogd:"),
/// takes the local host as HOSTNAME and fromhost, leaves the timestamp at the reception time and uses TEXT, unsanitized,
/// as both rawmsg and MSG. Observed with rsyslogd 8.2302 (processInternalMessages="on") for its start message:
/// rawmsg = msg = "[origin software=\"rsyslogd\" …] start", syslogtag "rsyslogd:", programname and app-name
/// "rsyslogd", procid "-", pri 46, protocol-version 0. To give the same properties, TEXT is moved to the front of the
/// buffer (so rawmsg is TEXT) and the TAG goes into the derived area; the message must not be parsed a second time.
/// </summary>
internal static class InternalMessageParser
{
    private const int TagMax = 510; // as for received messages (CONF_TAG_MAXSIZE - 2)

    public static void Parse(Message m)
    {
        m.ProtocolVersion = 0;
        var raw = m.Raw;
        int tagStart = m.AfterPriOffset;
        int sp = raw.Slice(tagStart).IndexOf((byte)' ');
        int tagLength = Math.Min(sp < 0 ? raw.Length - tagStart : sp, TagMax);
        int textStart = sp < 0 || sp > TagMax ? tagStart + tagLength : tagStart + sp + 1;
        int textLength = raw.Length - textStart;

        Span<byte> tag = stackalloc byte[TagMax];
        raw.Slice(tagStart, tagLength).CopyTo(tag);
        m.Buffer.AsSpan(textStart, textLength).CopyTo(m.Buffer); // overlapping move to the front
        m.RawLength = textLength;
        m.AfterPriOffset = 0;
        m.DerivedLength = 0;

        tag.Slice(0, tagLength).CopyTo(m.AppendDerived(tagLength, out var tagRange));
        m.Tag = tagRange;
        m.Msg = new TextRange(0, textLength);
    }
}
