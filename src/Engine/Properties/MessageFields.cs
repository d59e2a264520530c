using Sluice.Engine.Messages;

namespace Sluice.Engine.Properties;

/// <summary>
/// How the fields <see cref="Parsing.SyslogParser"/> leaves in a <see cref="Message"/> read as property values. The
/// parser derives everything rsyslog derives (TAG of RFC 5424 messages, programname, legacy APP-NAME and PROCID;
/// see Parsing/DerivedFields.cs), so reading is only this: an absent PROCID, MSGID or STRUCTURED-DATA reads "-",
/// an absent APP-NAME, TAG or programname reads "", an absent HOSTNAME reads as fromhost and an absent
/// TIMESTAMP reads as the reception time.
/// </summary>
public static class MessageFields
{
    private static ReadOnlySpan<byte> Nil => "-"u8;

    /// <summary>The time the message says it was reported, or when it was received if it said nothing.</summary>
    public static ref readonly SyslogTime TimeReported(Message m) =>
        ref m.TimeReported.IsSet ? ref m.TimeReported : ref m.TimeGenerated;

    public static ReadOnlySpan<byte> ProcId(Message m) => OrNil(m, m.ProcId);

    public static ReadOnlySpan<byte> MsgId(Message m) => OrNil(m, m.MsgId);

    public static ReadOnlySpan<byte> StructuredData(Message m) => OrNil(m, m.StructuredData);

    /// <summary>
    /// rawmsg without "&lt;PRI&gt;", found the way rsyslog's getRawMsgAfterPRI finds it: a '&gt;' at offset 2, 3 or 4
    /// after a leading '&lt;', whether or not the PRI was valid (so it differs from <see cref="Message.AfterPriOffset"/>
    /// for "&lt;999&gt;" or "&lt;0013&gt;").
    /// </summary>
    public static ReadOnlySpan<byte> RawAfterPri(Message m)
    {
        var raw = m.Raw;
        int off = 0;
        if (raw.Length > 0 && raw[0] == (byte)'<')
        {
            if (raw.Length > 2 && raw[2] == (byte)'>') off = 3;
            else if (raw.Length > 3 && raw[3] == (byte)'>') off = 4;
            else if (raw.Length > 4 && raw[4] == (byte)'>') off = 5;
        }
        return raw.Slice(off);
    }

    private static ReadOnlySpan<byte> OrNil(Message m, TextRange r) => r.IsPresent ? m.Slice(r) : Nil;
}
