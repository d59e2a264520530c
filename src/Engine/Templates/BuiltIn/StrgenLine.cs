using Sluice.Engine.Messages;
using Sluice.Engine.Properties;

namespace Sluice.Engine.Templates.BuiltIn;

/// <summary>
/// "TIMESTAMP SP HOSTNAME SP TAG[SP]MSG", the line rsyslog's file and forward strgens (tools/smfile.c, smtradfile.c,
/// smfwd.c, smtradfwd.c) all write. Unlike the string equivalent "%msg:::sp-if-no-1st-sp%", the SP is written
/// whenever MSG does not start with one, also when MSG is empty, and MSG is copied as it is.
/// </summary>
internal static class StrgenLine
{
    public static void Append(ByteBuffer dest, Message m, bool rfc3339, int maxTagLength)
    {
        ref readonly var time = ref MessageFields.TimeReported(m);
        if (rfc3339) TimestampFormatter.AppendRfc3339(dest, time);
        else TimestampFormatter.AppendRfc3164(dest, time, buggyDay: false);
        dest.Append((byte)' ');
        dest.Append(m.HostnameOrFromHost);
        dest.Append((byte)' ');
        var tag = m.Slice(m.Tag);
        dest.Append(tag.Length > maxTagLength ? tag.Slice(0, maxTagLength) : tag);
        var msg = m.Slice(m.Msg);
        if (msg.Length == 0 || msg[0] != (byte)' ') dest.Append((byte)' ');
        dest.Append(msg);
    }
}
