using Sluice.Engine.Messages;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Properties;

/// <summary>
/// Fields rsyslog's getters derive when the parser did not set them (msg.c): the TAG of an RFC 5424 message
/// (tryEmulateTAG), programname from the TAG (aquireProgramName), APP-NAME and PROCID of a legacy message
/// (tryEmulateAPPNAME, aquirePROCIDFromTAG). Everything is computed on the fly as ranges, never stored.
/// </summary>
public static class DerivedFields
{
    /// <summary>The time the message says it was reported, or when it was received if it said nothing.</summary>
    public static ref readonly SyslogTime TimeReported(Message m) => ref m.TimeReported.IsSet ? ref m.TimeReported : ref m.TimeGenerated;

    public static ReadOnlySpan<byte> Msg(Message m) => m.Msg.Length > 0 ? m.Slice(m.Msg) : default;

    /// <summary>rawmsg without "&lt;PRI&gt;", found the way rsyslog's getRawMsgAfterPRI finds it.</summary>
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

    /// <summary>APP-NAME as set, else (legacy messages) the programname, else empty.</summary>
    public static ReadOnlySpan<byte> AppName(Message m, bool permitSlash)
    {
        if (m.AppName.IsPresent) return m.Slice(m.AppName);
        return m.ProtocolVersion == 0 ? ProgramName(m, permitSlash) : default;
    }

    /// <summary>
    /// PROCID as set; for legacy messages the text between the TAG's first '[' and the next ']' (only when
    /// that ']' exists); otherwise "-".
    /// </summary>
    public static ReadOnlySpan<byte> ProcId(Message m)
    {
        if (m.ProcId.IsPresent) return m.Slice(m.ProcId);
        if (m.ProtocolVersion == 0 && m.Tag.Length > 0)
        {
            var tag = m.Slice(m.Tag);
            int open = tag.IndexOf((byte)'[');
            if (open >= 0)
            {
                int close = tag.Slice(open + 1).IndexOf((byte)']');
                if (close >= 0) return tag.Slice(open + 1, close);
            }
        }
        return "-"u8;
    }

    public static ReadOnlySpan<byte> MsgId(Message m) => m.MsgId.IsPresent ? m.Slice(m.MsgId) : "-"u8;

    public static ReadOnlySpan<byte> StructuredData(Message m) => m.StructuredData.IsPresent ? m.Slice(m.StructuredData) : "-"u8;

    /// <summary>
    /// programname: as the parser set it, else the leading printable characters of the TAG up to ':', '['
    /// or (unless permitted) '/'. An RFC 5424 message without TAG uses its emulated TAG, which starts with
    /// APP-NAME, so deriving from APP-NAME gives the same result.
    /// </summary>
    public static ReadOnlySpan<byte> ProgramName(Message m, bool permitSlash)
    {
        if (m.ProgramName.IsPresent) return m.Slice(m.ProgramName);
        ReadOnlySpan<byte> source;
        if (m.Tag.Length > 0) source = m.Slice(m.Tag);
        else if (m.ProtocolVersion == 1 && m.AppName.IsPresent) source = m.Slice(m.AppName);
        else return default;
        int i = 0;
        while (i < source.Length)
        {
            byte c = source[i];
            if (c < 0x20 || c > 0x7e || c == (byte)':' || c == (byte)'[' || (c == (byte)'/' && !permitSlash)) break;
            i++;
        }
        return source.Slice(0, i);
    }

    /// <summary>
    /// Writes the TAG: as parsed (with its ':'), or for an RFC 5424 message without one, "APP-NAME[PROCID]"
    /// or just APP-NAME when PROCID is "-". At most <paramref name="maxLength"/> bytes (forward formats use 32).
    /// </summary>
    public static void AppendTag(ByteBuffer dest, Message m, int maxLength = int.MaxValue)
    {
        if (m.Tag.Length > 0)
        {
            var tag = m.Slice(m.Tag);
            dest.Append(tag.Length > maxLength ? tag.Slice(0, maxLength) : tag);
            return;
        }
        if (m.ProtocolVersion != 1) return;
        int start = dest.Length;
        var app = m.AppName.IsPresent ? m.Slice(m.AppName) : default;
        var procId = ProcId(m);
        dest.Append(app);
        if (!(procId.Length == 1 && procId[0] == (byte)'-'))
        {
            dest.Append((byte)'[');
            dest.Append(procId);
            dest.Append((byte)']');
        }
        if (dest.Length - start > maxLength) dest.Truncate(start + maxLength);
    }
}
