using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Parsing;
using Sluice.Engine.Runtime;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Properties;

/// <summary>
/// Messages made the way every message reaching a template is made: a raw line received over imtcp and parsed by
/// <see cref="SyslogParser"/>. The seven lines are the ones sent to the real rsyslogd over imtcp to capture the
/// expected outputs used in the template tests; rsyslog gave legacy timestamps the current year (2026) and its
/// local time zone was UTC, which the fixed reception time <see cref="Received"/> reproduces.
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

    /// <summary>Receives <paramref name="raw"/> over imtcp from localhost at <see cref="Received"/> and parses it.</summary>
    public static Message Parse(string raw, GlobalSettings? settings = null)
    {
        var m = new Message();
        m.SetRaw(Encoding.UTF8.GetBytes(raw));
        m.TimeGenerated = Received;
        m.Peer = Localhost;
        m.Input = ImTcp;
        new SyslogParser(settings ?? new GlobalSettings()).Parse(m);
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

    public static Message Sample1() => Parse(Line1);
    public static Message Sample2() => Parse(Line2);
    public static Message Sample3() => Parse(Line3);
    public static Message Sample4() => Parse(Line4);
    public static Message Sample5() => Parse(Line5);
    public static Message Sample6() => Parse(Line6);
    public static Message Sample7() => Parse(Line7);

    public static Message[] All() => new[] { Sample1(), Sample2(), Sample3(), Sample4(), Sample5(), Sample6(), Sample7() };

    public static string Render(Template t, Message m)
    {
        var buf = new ByteBuffer(64);
        t.Render(m, buf, Context);
        return Encoding.UTF8.GetString(buf.WrittenSpan);
    }
}
