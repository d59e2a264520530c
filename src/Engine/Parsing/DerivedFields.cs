using Sluice.Engine.Messages;

namespace Sluice.Engine.Parsing;

/// <summary>
/// The fields rsyslog derives from others on first use (runtime/msg.c), computed once here so that every field is
/// a plain range afterwards:
/// <list type="bullet">
/// <item>RFC 5424 TAG (tryEmulateTAG): "APP-NAME[PROCID]", or APP-NAME when PROCID is "-".</item>
/// <item>programname (acquireProgramName): the TAG up to the first byte that is not printable ASCII, ':', '['
/// or, unless parser.permitSlashInProgramName, '/'.</item>
/// <item>Legacy APP-NAME: programname; legacy PROCID: the text between the first '[' and the next ']' of the
/// TAG (absent without a closing ']').</item>
/// <item>APP-NAME is never empty once set: MsgSetAPPNAME turns "" into "-" (observed with rsyslogd 8.2302 for an
/// empty RFC 5424 APP-NAME field and for legacy messages without programname).</item>
/// </list>
/// This is the only place these fields are derived; the property layer reads them as they are left here
/// (Properties/MessageFields.cs: an absent PROCID, MSGID or STRUCTURED-DATA reads "-", an absent APP-NAME, TAG or
/// programname reads "" and an absent HOSTNAME reads as fromhost).
/// </summary>
internal static class DerivedFields
{
    private static ReadOnlySpan<byte> Nil => "-"u8;

    public static void CompleteRfc5424(Message m, bool permitSlash)
    {
        if (m.AppName.IsPresent && m.AppName.Length == 0) m.AppName = Derive(m, Nil);
        if (m.ProcId.IsPresent && m.Slice(m.ProcId).SequenceEqual(Nil)) m.ProcId = TextRange.Absent;
        if (m.MsgId.IsPresent && m.Slice(m.MsgId).SequenceEqual(Nil)) m.MsgId = TextRange.Absent;
        if (m.StructuredData.IsPresent && m.Slice(m.StructuredData).SequenceEqual(Nil)) m.StructuredData = TextRange.Absent;

        if (!m.ProcId.IsPresent)
        {
            // An unparsed APP-NAME reads "", so the TAG is empty then.
            m.Tag = m.AppName.IsPresent ? m.AppName : new TextRange(m.Msg.Start, 0);
        }
        else
        {
            int app = m.AppName.IsPresent ? m.AppName.Length : 0;
            var tag = m.AppendDerived(app + m.ProcId.Length + 2, out var range);
            if (app > 0) m.Slice(m.AppName).CopyTo(tag);
            tag[app] = (byte)'[';
            m.Slice(m.ProcId).CopyTo(tag.Slice(app + 1));
            tag[^1] = (byte)']';
            m.Tag = range;
        }
        m.ProgramName = ProgramName(m, permitSlash);
    }

    public static void CompleteLegacy(Message m, bool permitSlash)
    {
        m.ProgramName = ProgramName(m, permitSlash);
        m.AppName = m.ProgramName.Length > 0 ? m.ProgramName : Derive(m, Nil);
        m.ProcId = ProcIdFromTag(m);
    }

    private static TextRange ProgramName(Message m, bool permitSlash)
    {
        if (!m.Tag.IsPresent) return new TextRange(m.Msg.Start, 0);
        ReadOnlySpan<byte> tag = m.Slice(m.Tag);
        int i = 0;
        while (i < tag.Length)
        {
            byte b = tag[i];
            if (b < 0x20 || b > 0x7E || b == (byte)':' || b == (byte)'[' || (b == (byte)'/' && !permitSlash)) break;
            i++;
        }
        return new TextRange(m.Tag.Start, i);
    }

    private static TextRange ProcIdFromTag(Message m)
    {
        if (!m.Tag.IsPresent) return TextRange.Absent;
        ReadOnlySpan<byte> tag = m.Slice(m.Tag);
        int open = tag.IndexOf((byte)'[');
        if (open < 0) return TextRange.Absent;
        int close = tag.Slice(open + 1).IndexOf((byte)']');
        if (close < 0) return TextRange.Absent;
        return new TextRange(m.Tag.Start + open + 1, close);
    }

    private static TextRange Derive(Message m, ReadOnlySpan<byte> value)
    {
        value.CopyTo(m.AppendDerived(value.Length, out var range));
        return range;
    }
}
