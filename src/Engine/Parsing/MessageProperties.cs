using System.Text;
using Sluice.Engine.Messages;

namespace Sluice.Engine.Parsing;

/// <summary>
/// A parsed field as the text rsyslog reports for the property of that name (runtime/msg.c getters). Cold path
/// only (tests, diagnostics): it allocates. Templates render from the ranges directly.
/// </summary>
public static class MessageProperties
{
    public static string Get(Message m, string property) => Encoding.UTF8.GetString(GetBytes(m, property));

    /// <summary>The property's bytes; unknown names throw.</summary>
    public static byte[] GetBytes(Message m, string property)
    {
        switch (property.ToLowerInvariant())
        {
            case "rawmsg": return m.Raw.ToArray();
            case "rawmsg-after-pri": return m.Raw.Slice(m.AfterPriOffset).ToArray();
            case "msg": return m.Slice(m.Msg).ToArray();
            case "hostname":
            case "source": return m.HostnameOrFromHost.ToArray();
            case "fromhost": return m.Peer.FromHost.ToArray();
            case "syslogtag": return m.Slice(m.Tag).ToArray();
            case "programname": return m.Slice(m.ProgramName).ToArray();
            case "app-name": return m.Slice(m.AppName).ToArray();
            case "procid": return OrNil(m, m.ProcId);
            case "msgid": return OrNil(m, m.MsgId);
            case "structured-data": return OrNil(m, m.StructuredData);
            case "protocol-version": return Ascii(m.ProtocolVersion.ToString());
            case "pri": return Ascii(m.Pri == Message.InvalidPri ? "invld" : m.Pri.ToString());
            case "syslogfacility": return Ascii(m.Pri == Message.InvalidPri ? "invld" : m.Facility.ToString());
            case "syslogseverity":
            case "syslogpriority": return Ascii(m.Severity.ToString());
            case "timereported":
            case "timestamp": return Rfc3339(m.TimeReported.IsSet ? m.TimeReported : m.TimeGenerated);
            case "timegenerated":
            case "timereceived": return Rfc3339(m.TimeGenerated);
            default: throw new ArgumentException($"Unknown property '{property}'.", nameof(property));
        }
    }

    private static byte[] OrNil(Message m, TextRange r) => r.IsPresent ? m.Slice(r).ToArray() : "-"u8.ToArray();

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    /// <summary>
    /// rsyslog's formatTimestamp3339, byte for byte, including its handling of more than 6 fraction digits (it
    /// keeps them all on input and prints digit values above 9 as one garbage byte).
    /// </summary>
    public static byte[] Rfc3339(in SyslogTime t)
    {
        var b = new List<byte>(40);
        Digits(b, t.Year, 4); b.Add((byte)'-');
        Digits(b, t.Month, 2); b.Add((byte)'-');
        Digits(b, t.Day, 2); b.Add((byte)'T');
        Digits(b, t.Hour, 2); b.Add((byte)':');
        Digits(b, t.Minute, 2); b.Add((byte)':');
        Digits(b, t.Second, 2);
        if (t.SecFracPrecision > 0)
        {
            b.Add((byte)'.');
            int power = TenPowers[(t.SecFracPrecision - 1) % 6];
            int frac = t.SecFrac;
            while (power > 0)
            {
                short digit = unchecked((short)(frac / power)); // rsyslog's digit is a short
                frac -= digit * power;
                power /= 10;
                b.Add(unchecked((byte)(digit + '0')));
            }
        }
        if (t.OffsetMode == (byte)'Z')
        {
            b.Add((byte)'Z');
        }
        else
        {
            b.Add(t.OffsetMode == (byte)'-' ? (byte)'-' : (byte)'+');
            Digits(b, t.OffsetHour, 2); b.Add((byte)':');
            Digits(b, t.OffsetMinute, 2);
        }
        return b.ToArray();
    }

    private static readonly int[] TenPowers = [1, 10, 100, 1000, 10000, 100000];

    private static void Digits(List<byte> b, int v, int width)
    {
        Span<byte> tmp = stackalloc byte[width];
        for (int i = width - 1; i >= 0; i--, v /= 10) tmp[i] = (byte)('0' + v % 10);
        foreach (byte x in tmp) b.Add(x);
    }
}
