using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Properties;

/// <summary>
/// Messages with their fields set the way rsyslog 8.2302's parsers set them for the same input (the parser of
/// this project is built separately, so tests set the fields directly). The raw lines are the ones sent to the
/// real rsyslogd over imtcp to capture the expected outputs used in the template tests; rsyslog gave legacy
/// timestamps the current year (2026) and its local time zone was UTC.
/// </summary>
public static class SampleMessages
{
    public static readonly PeerInfo Localhost = new("localhost"u8.ToArray(), "127.0.0.1"u8.ToArray(), "40312"u8.ToArray());
    public static readonly InputInfo ImTcp = new("imtcp", null);

    /// <summary>A fixed reception time: 2026-11-22T08:06:09.123456+00:00.</summary>
    public static SyslogTime Received => new()
    {
        Year = 2026, Month = 11, Day = 22, Hour = 8, Minute = 6, Second = 9,
        SecFrac = 123456, SecFracPrecision = 6, OffsetMode = (byte)'+', IsSet = true,
    };

    public static RenderContext Context => new(Received, "collector"u8.ToArray());

    public static SyslogTime Time(int y, int mo, int d, int h, int mi, int s, int frac = 0, byte precision = 0,
        char offsetMode = '+', byte offsetHour = 0, byte offsetMinute = 0) => new()
    {
        Year = (short)y, Month = (byte)mo, Day = (byte)d, Hour = (byte)h, Minute = (byte)mi, Second = (byte)s,
        SecFrac = frac, SecFracPrecision = precision, OffsetMode = (byte)offsetMode,
        OffsetHour = offsetHour, OffsetMinute = offsetMinute, IsSet = true,
    };

    /// <summary>Starts a message from its raw line; fields are then set with <see cref="Range"/>.</summary>
    public static Message FromRaw(string raw, int pri, int protocolVersion = 0)
    {
        var m = new Message();
        m.SetRaw(Encoding.UTF8.GetBytes(raw));
        m.Flags = MessageFlags.Parsed;
        m.Pri = pri;
        m.AfterPriOffset = raw.IndexOf('>') + 1;
        m.ProtocolVersion = protocolVersion;
        m.TimeGenerated = Received;
        m.Peer = Localhost;
        m.Input = ImTcp;
        return m;
    }

    /// <summary>The range of the first occurrence of <paramref name="text"/> at or after <paramref name="from"/>.</summary>
    public static TextRange Range(Message m, string text, int from = 0)
    {
        var raw = m.Raw;
        int at = raw.Slice(from).IndexOf(Encoding.UTF8.GetBytes(text));
        if (at < 0) throw new ArgumentException($"'{text}' is not in the message");
        return new TextRange(from + at, Encoding.UTF8.GetByteCount(text));
    }

    /// <summary>From the first occurrence of <paramref name="text"/> to the end of the message.</summary>
    public static TextRange RestFrom(Message m, string text)
    {
        var r = Range(m, text);
        return new TextRange(r.Start, m.RawLength - r.Start);
    }

    /// <summary>A legacy message "&lt;PRI&gt;Mmm dd hh:mm:ss HOST TAG MSG" (the TAG ends at ':' or SP).</summary>
    public static Message Legacy(string raw, int pri, SyslogTime reported, string host, string tag)
    {
        var m = FromRaw(raw, pri);
        m.TimeReported = reported;
        m.Hostname = Range(m, host);
        m.Tag = Range(m, tag, m.Hostname.End);
        m.Msg = new TextRange(m.Tag.End, m.RawLength - m.Tag.End);
        return m;
    }

    // ---- the seven lines sent to rsyslogd ----

    public const string Line1 = "<134>Feb  5 17:32:18 myhost sshd[123]: Accepted password for user";
    public const string Line2 = "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] An application event log entry";
    public const string Line3 = "<34>1 2023-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - It's time to make the do-nuts.";
    public const string Line4 = "<13>Oct 11 22:14:15 host app:nospace";
    public const string Line5 = "<13>Oct  1 02:03:04 host tagonly message here";
    public const string Line6 = "<13>Oct  1 02:03:04 host averyveryveryveryverylongtagname_exceeding32chars[99]: hello";
    public const string Line7 = "<13>1 2023-01-02T03:04:05+05:30 h app - - - ";

    public static Message Sample1() => Legacy(Line1, 134, Time(2026, 2, 5, 17, 32, 18), "myhost", "sshd[123]:");

    public static Message Sample2()
    {
        var m = FromRaw(Line2, 165, protocolVersion: 1);
        m.TimeReported = Time(2003, 10, 11, 22, 14, 15, frac: 3, precision: 3, offsetMode: 'Z');
        m.Hostname = Range(m, "mymachine.example.com");
        m.AppName = Range(m, "evntslog");
        m.MsgId = Range(m, "ID47");
        m.StructuredData = Range(m, "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]");
        m.Msg = RestFrom(m, "An application");
        return m;
    }

    public static Message Sample3()
    {
        var m = FromRaw(Line3, 34, protocolVersion: 1);
        m.TimeReported = Time(2023, 8, 24, 5, 14, 15, frac: 3, precision: 6, offsetMode: '-', offsetHour: 7);
        m.Hostname = Range(m, "192.0.2.1");
        m.AppName = Range(m, "myproc");
        m.ProcId = Range(m, "8710");
        m.Msg = RestFrom(m, "It's time");
        return m;
    }

    public static Message Sample4() => Legacy(Line4, 13, Time(2026, 10, 11, 22, 14, 15), "host", "app:");

    public static Message Sample5() => Legacy(Line5, 13, Time(2026, 10, 1, 2, 3, 4), "host", "tagonly");

    public static Message Sample6() => Legacy(Line6, 13, Time(2026, 10, 1, 2, 3, 4), "host",
        "averyveryveryveryverylongtagname_exceeding32chars[99]:");

    public static Message Sample7()
    {
        var m = FromRaw(Line7, 13, protocolVersion: 1);
        m.TimeReported = Time(2023, 1, 2, 3, 4, 5, offsetMode: '+', offsetHour: 5, offsetMinute: 30);
        m.Hostname = Range(m, "h");
        m.AppName = Range(m, "app");
        m.Msg = new TextRange(m.RawLength, 0);
        return m;
    }

    public static Message[] All() => new[] { Sample1(), Sample2(), Sample3(), Sample4(), Sample5(), Sample6(), Sample7() };

    public static string Render(Template t, Message m)
    {
        var buf = new ByteBuffer(64);
        t.Render(m, buf, Context);
        return Encoding.UTF8.GetString(buf.WrittenSpan);
    }
}
