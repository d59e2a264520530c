using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Parsing;
using Sluice.Engine.Properties;
using Sluice.Engine.Runtime;

namespace Sluice.Tests.Parsing;

/// <summary>
/// The property table: each row is a line as a sender writes it and every property rsyslogd 8.2302 reports for
/// it (values read off the real binary; the same lines run against it in RsyslogParserInteropTests). Messages
/// are received at <see cref="Tg"/>, so RFC 3164 timestamps take year 2026 and offset -05:00 from it.
/// </summary>
public sealed class SyslogParserTests
{
    private const string Tg = "2026-11-22T03:06:46.450130-05:00";
    private static readonly SyslogTime Received =
        SyslogTime.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 3, 6, 46, TimeSpan.FromHours(-5)).AddTicks(4501300));

    // columns: line, parse hostname | rawmsg, pri, hostname, syslogtag, programname, app-name, procid, msgid,
    //          structured-data, msg, protocol-version, timereported
    /// <summary>The table's lines, for the interop run against the real rsyslogd.</summary>
    internal static IEnumerable<byte[]> TableLines => Table.Select(row => Encoding.UTF8.GetBytes((string)row[0]));

    public static TheoryData<string, bool, string[]> Table => new()
    {
        // RFC 3164
        { "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8", true,
            ["<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8", "34", "mymachine", "su:", "su", "su", "-", "-", "-",
             " 'su root' failed for lonvick on /dev/pts/8", "0", "2026-10-11T22:14:15-05:00"] },
        { "<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!", true,
            ["<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!", "13", "10.0.0.99", "Use", "Use", "Use", "-", "-", "-", " the BFG!", "0", "2026-02-05T17:32:18-05:00"] },
        { "<30>Nov 22 08:00:00 host systemd[1]: Started Session 1 of user root.", true,
            ["<30>Nov 22 08:00:00 host systemd[1]: Started Session 1 of user root.", "30", "host", "systemd[1]:", "systemd", "systemd", "1", "-", "-",
             " Started Session 1 of user root.", "0", "2026-11-22T08:00:00-05:00"] },
        { "<22>Nov 22 08:00:00 mail postfix/smtpd[1234]: connect", true,
            ["<22>Nov 22 08:00:00 mail postfix/smtpd[1234]: connect", "22", "mail", "postfix/smtpd[1234]:", "postfix", "postfix", "1234", "-", "-",
             " connect", "0", "2026-11-22T08:00:00-05:00"] },
        // Cisco ASA: year inside the timestamp, ':' after it, no hostname
        { "<189>Nov 22 2026 08:00:00: %ASA-5-111008: User 'enable_15' executed", true,
            ["<189>Nov 22 2026 08:00:00: %ASA-5-111008: User 'enable_15' executed", "189", "localhost", "%ASA-5-111008:", "%ASA-5-111008",
             "%ASA-5-111008", "-", "-", "-", " User 'enable_15' executed", "0", "2026-11-22T08:00:00-05:00"] },
        // no hostname; tag[pid] without colon
        { "<13>Nov 22 08:00:00 tag: nohost", true,
            ["<13>Nov 22 08:00:00 tag: nohost", "13", "localhost", "tag:", "tag", "tag", "-", "-", "-", " nohost", "0", "2026-11-22T08:00:00-05:00"] },
        { "<13>Nov 22 08:00:00 tag[42] no colon", true,
            ["<13>Nov 22 08:00:00 tag[42] no colon", "13", "localhost", "tag[42]", "tag", "tag", "42", "-", "-", " no colon", "0", "2026-11-22T08:00:00-05:00"] },
        // ISO timestamps in legacy messages
        { "<165>2003-10-11T22:14:15.003Z mymachine.example.com evntslog[123]: hello", true,
            ["<165>2003-10-11T22:14:15.003Z mymachine.example.com evntslog[123]: hello", "165", "mymachine.example.com", "evntslog[123]:",
             "evntslog", "evntslog", "123", "-", "-", " hello", "0", "2003-10-11T22:14:15.003Z"] },
        { "<13>2003-10-11T22:14:15+02:00 host tag: iso3164", true,
            ["<13>2003-10-11T22:14:15+02:00 host tag: iso3164", "13", "host", "tag:", "tag", "tag", "-", "-", "-", " iso3164", "0", "2003-10-11T22:14:15+02:00"] },
        { "<13>2003-10-11T22:14:15 host tag: iso no tz", true,
            ["<13>2003-10-11T22:14:15 host tag: iso no tz", "13", "localhost", "2003-10-11T22:", "2003-10-11T22", "2003-10-11T22", "-", "-", "-",
             "14:15 host tag: iso no tz", "0", Tg] },
        // HP ProCurve's SP before the timestamp, Brocade's leading year, fractions, one-digit day
        { "<13> Nov 22 08:00:00 host tag: procurve", true,
            ["<13> Nov 22 08:00:00 host tag: procurve", "13", "host", "tag:", "tag", "tag", "-", "-", "-", " procurve", "0", "2026-11-22T08:00:00-05:00"] },
        { "<13>2026 Nov 22 08:00:00 host tag: yearfirst", true,
            ["<13>2026 Nov 22 08:00:00 host tag: yearfirst", "13", "host", "tag:", "tag", "tag", "-", "-", "-", " yearfirst", "0", "2026-11-22T08:00:00-05:00"] },
        { "<13>Nov 22 08:00:00.123 host tag: frac", true,
            ["<13>Nov 22 08:00:00.123 host tag: frac", "13", "host", "tag:", "tag", "tag", "-", "-", "-", " frac", "0", "2026-11-22T08:00:00.123-05:00"] },
        { "<13>Nov 2 08:00:00 host tag: d", true,
            ["<13>Nov 2 08:00:00 host tag: d", "13", "host", "tag:", "tag", "tag", "-", "-", "-", " d", "0", "2026-11-02T08:00:00-05:00"] },
        { "<13>Nov 32 08:00:00 host tag: day32", true,
            ["<13>Nov 32 08:00:00 host tag: day32", "13", "Nov", "32", "32", "32", "-", "-", "-", " 08:00:00 host tag: day32", "0", Tg] },
        // a leading year makes rsyslog's length counter run past the end: the TAG gets the NUL terminator
        { "<13>2026 Nov 22 08:00:00 host", true,
            ["<13>2026 Nov 22 08:00:00 host", "13", "localhost", "host\0", "host", "host", "-", "-", "-", "", "0", "2026-11-22T08:00:00-05:00"] },
        // hostname rules
        { "<13>Nov 22 08:00:00 host- tag: badhost", true,
            ["<13>Nov 22 08:00:00 host- tag: badhost", "13", "localhost", "host-", "host-", "host-", "-", "-", "-", " tag: badhost", "0", "2026-11-22T08:00:00-05:00"] },
        { "<13>Nov 22 08:00:00 host  tag: twospace", true,
            ["<13>Nov 22 08:00:00 host  tag: twospace", "13", "host", "", "", "-", "-", "-", "-", " tag: twospace", "0", "2026-11-22T08:00:00-05:00"] },
        { "<13>Nov 22 08:00:00 [1.2.3.4] tag: brackethost", true,
            ["<13>Nov 22 08:00:00 [1.2.3.4] tag: brackethost", "13", "localhost", "[1.2.3.4]", "", "-", "1.2.3.4", "-", "-", " tag: brackethost", "0", "2026-11-22T08:00:00-05:00"] },
        { "<13>Nov 22 08:00:00 h :emptytag", true,
            ["<13>Nov 22 08:00:00 h :emptytag", "13", "h", ":", "", "-", "-", "-", "-", "emptytag", "0", "2026-11-22T08:00:00-05:00"] },
        { "<13>Nov 22 08:00:00 host tag[]: x", true,
            ["<13>Nov 22 08:00:00 host tag[]: x", "13", "host", "tag[]:", "tag", "tag", "", "-", "-", " x", "0", "2026-11-22T08:00:00-05:00"] },
        { "<13>Nov 22 08:00:00 h tést: utf8tag", true,
            ["<13>Nov 22 08:00:00 h tést: utf8tag", "13", "h", "tést:", "t", "t", "-", "-", "-", " utf8tag", "0", "2026-11-22T08:00:00-05:00"] },
        // hostname not parsed (local socket)
        { "<13>Nov 22 08:00:00 host tag: via uxsock", false,
            ["<13>Nov 22 08:00:00 host tag: via uxsock", "13", "localhost", "host", "host", "host", "-", "-", "-", " tag: via uxsock", "0", "2026-11-22T08:00:00-05:00"] },
        // PRI: missing, empty, invalid (rsyslog reports "invld" and leaves the message unparsed)
        { "no pri at all", true,
            ["no pri at all", "13", "no", "pri", "pri", "pri", "-", "-", "-", " at all", "0", Tg] },
        { "<>no pri", true,
            ["<>no pri", "0", "no", "pri", "pri", "pri", "-", "-", "-", "", "0", Tg] },
        { "<999>bad pri", true,
            ["<999>bad pri", "invld", "localhost", "", "", "-", "-", "-", "-", "<999>bad pri", "0", Tg] },
        { "<12", true,
            ["<12", "invld", "localhost", "", "", "-", "-", "-", "-", "<12", "0", Tg] },
        // headerless
        { "<13>{\"a\":1}", true,
            ["<13>{\"a\":1}", "13", "localhost", "", "", "-", "-", "-", "-", "{\"a\":1}", "0", Tg] },
        { "<13>  [1,2]", true,
            ["<13>  [1,2]", "13", "localhost", "", "", "-", "-", "-", "-", "  [1,2]", "0", Tg] },
        // RFC 5424
        { "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\"] \uFEFFAn application event", true,
            ["<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\"] \uFEFFAn application event",
             "165", "mymachine.example.com", "evntslog", "evntslog", "evntslog", "-", "ID47", "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\"]",
             "\uFEFFAn application event", "1", "2003-10-11T22:14:15.003Z"] },
        { "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.", true,
            ["<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.", "165", "192.0.2.1", "myproc[8710]",
             "myproc", "myproc", "8710", "-", "-", "%% It's time to make the do-nuts.", "1", "2003-08-24T05:14:15.000003-07:00"] },
        { "<13>1 2003-10-11T22:14:15.123456+05:30 host app - - - m", true,
            ["<13>1 2003-10-11T22:14:15.123456+05:30 host app - - - m", "13", "host", "app", "app", "app", "-", "-", "-", "m", "1", "2003-10-11T22:14:15.123456+05:30"] },
        { "<165>1 - - - - - -", true,
            ["<165>1 - - - - - -", "165", "-", "-", "-", "-", "-", "-", "-", "", "1", Tg] },
        { "<13>1 2003-10-11T22:14:15Z host app 123 ID47 [a x=\"1\\]2\"][b y=\"z\"] msg", true,
            ["<13>1 2003-10-11T22:14:15Z host app 123 ID47 [a x=\"1\\]2\"][b y=\"z\"] msg", "13", "host", "app[123]", "app", "app", "123", "ID47",
             "[a x=\"1\\]2\"][b y=\"z\"]", "msg", "1", "2003-10-11T22:14:15Z"] },
        // SD quirks: a non-SD field yields the MSGID; an unterminated element loses its last byte to MSG
        { "<13>1 2003-10-11T22:14:15Z host app 123 ID47 hello world", true,
            ["<13>1 2003-10-11T22:14:15Z host app 123 ID47 hello world", "13", "host", "app[123]", "app", "app", "123", "ID47", "ID47", "hello world", "1", "2003-10-11T22:14:15Z"] },
        { "<13>1 2003-10-11T22:14:15Z host app 123 ID47 [abc", true,
            ["<13>1 2003-10-11T22:14:15Z host app 123 ID47 [abc", "13", "host", "app[123]", "app", "app", "123", "ID47", "[ab", "c", "1", "2003-10-11T22:14:15Z"] },
        // a bad timestamp stops 5424 field parsing; a message ending after the timestamp has empty fields
        { "<13>1 bad", true,
            ["<13>1 bad", "13", "localhost", "", "", "", "-", "-", "-", "bad", "1", Tg] },
        { "<13>1 2003-10-11T22:14:15Z", true,
            ["<13>1 2003-10-11T22:14:15Z", "13", "", "-[]", "-", "-", "", "", "", "", "1", "2003-10-11T22:14:15Z"] },
        { "<13>1 2003-10-11T22:14:15Z host  123 ID47 - emptyapp", true,
            ["<13>1 2003-10-11T22:14:15Z host  123 ID47 - emptyapp", "13", "host", "-[123]", "-", "-", "123", "ID47", "-", "emptyapp", "1", "2003-10-11T22:14:15Z"] },
        { "1 2003-10-11T22:14:15Z host app 123 ID47 - nopri5424", true,
            ["1 2003-10-11T22:14:15Z host app 123 ID47 - nopri5424", "13", "host", "app[123]", "app", "app", "123", "ID47", "-", "nopri5424", "1", "2003-10-11T22:14:15Z"] },
        // reception sanitizing: control characters as '#' + 3 octal digits, trailing LF and NUL dropped
        { "<13>Nov 22 08:00:00 host tag\tx", true,
            ["<13>Nov 22 08:00:00 host tag#011x", "13", "host", "tag#011x", "tag#011x", "tag#011x", "-", "-", "-", "", "0", "2026-11-22T08:00:00-05:00"] },
        { "<13>Nov 22 08:00:00 h t: x\u0001y\u007fz\r\n", true,
            ["<13>Nov 22 08:00:00 h t: x#001y\u007fz#015", "13", "h", "t:", "t", "t", "-", "-", "-", " x#001y\u007fz#015", "0", "2026-11-22T08:00:00-05:00"] },
        { "<13>Nov 22 08:00:00 h t: a\0b\0", true,
            ["<13>Nov 22 08:00:00 h t: a#000b", "13", "h", "t:", "t", "t", "-", "-", "-", " a#000b", "0", "2026-11-22T08:00:00-05:00"] },
    };

    private static readonly string[] Columns =
    [
        "rawmsg", "pri", "hostname", "syslogtag", "programname", "app-name", "procid", "msgid",
        "structured-data", "msg", "protocol-version", "timereported",
    ];

    [Theory]
    [MemberData(nameof(Table))]
    public void Line_YieldsRsyslogProperties(string line, bool parseHostname, string[] expected)
    {
        var m = Parse(new GlobalSettings(), Encoding.UTF8.GetBytes(line), parseHostname);
        for (int i = 0; i < Columns.Length; i++)
            Assert.True(expected[i] == MessageProperties.Get(m, Columns[i], DateFormat.Rfc3339),
                $"{Columns[i]}: expected [{expected[i]}] got [{MessageProperties.Get(m, Columns[i], DateFormat.Rfc3339)}]");
        Assert.Equal(MessageFlags.Parsed, m.Flags);
    }

    [Fact]
    public void Rfc5424Fields_AreRangesIntoTheRawBytes_AndTheEmulatedTagIsDerived()
    {
        var m = Parse(new GlobalSettings(), "<13>1 2003-10-11T22:14:15Z host app 123 - [a b=\"c\"] msg"u8.ToArray(), true);
        Assert.Equal(1, m.ProtocolVersion);
        Assert.Equal(4, m.AfterPriOffset);
        Assert.Equal("host", Encoding.ASCII.GetString(m.Slice(m.Hostname)));
        Assert.False(m.MsgId.IsPresent); // "-" is left absent; it reads "-"
        Assert.True(m.Tag.Start >= m.RawLength); // "app[123]" does not occur in the raw message
        Assert.Equal("app[123]", Encoding.ASCII.GetString(m.Slice(m.Tag)));
        Assert.Equal(m.RawLength - 3, m.Msg.Start);
        var t = m.TimeReported;
        Assert.True(t.IsSet);
        Assert.Equal((2003, 10, 11, 22, 14, 15, (byte)'Z'), (t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, t.OffsetMode));
    }

    [Fact]
    public void ManyFractionDigits_AreAllKept_AsRsyslogDoes()
    {
        var m = Parse(new GlobalSettings(), "<13>1 2003-10-11T22:14:15.123456789+05:30 host app - - - m"u8.ToArray(), true);
        Assert.Equal(123456789, m.TimeReported.SecFrac);
        Assert.Equal(9, m.TimeReported.SecFracPrecision);
        Assert.Equal((byte)'+', m.TimeReported.OffsetMode);
        Assert.Equal((5, 30), (m.TimeReported.OffsetHour, m.TimeReported.OffsetMinute));
    }

    [Fact]
    public void MissingTimestamp_LeavesTimeReportedUnset()
    {
        var m = Parse(new GlobalSettings(), "<13>host tag: no timestamp"u8.ToArray(), true);
        Assert.False(m.TimeReported.IsSet);
        m = Parse(new GlobalSettings(), "<13>1 - host app - - - nil timestamp"u8.ToArray(), true);
        Assert.False(m.TimeReported.IsSet);
    }

    [Fact]
    public void InvalidPri_IsFacility24Severity7()
    {
        var m = Parse(new GlobalSettings(), "<192>over"u8.ToArray(), true);
        Assert.Equal(Message.InvalidPri, m.Pri);
        Assert.Equal((24, 7), (m.Facility, m.Severity));
        Assert.Equal(0, m.AfterPriOffset);
        Assert.Equal("invld", MessageProperties.Get(m, "syslogfacility"));
    }

    [Fact]
    public void TruncatedFlag_SurvivesSanitizing()
    {
        var m = new Message();
        m.SetRaw("<13>Nov 22 08:00:00 host tag: cut\u0001"u8);
        m.Input = new InputInfo("imtcp", null);
        m.Flags |= MessageFlags.Truncated;
        m.TimeGenerated = Received;
        new SyslogParser(new GlobalSettings()).Parse(m);
        Assert.Equal(MessageFlags.Truncated | MessageFlags.Parsed, m.Flags);
        Assert.Equal(" cut#001", MessageProperties.Get(m, "msg"));
    }

    [Fact]
    public void InternalMessages_GetRsyslogsInternalMessageFields()
    {
        // As the engine writes them; rsyslogd 8.2302 reports rawmsg = msg = the text, syslogtag "rsyslogd:",
        // programname and app-name "rsyslogd", procid "-", no HOSTNAME of its own (the local host, via fromhost).
        var m = new Message();
        m.SetRaw("<46>rsyslogd: [origin software=\"sluiced\"] start\ttab"u8);
        m.Flags |= MessageFlags.Internal;
        m.TimeGenerated = Received;
        new SyslogParser(new GlobalSettings()).Parse(m);
        Assert.Equal(MessageFlags.Internal | MessageFlags.Parsed, m.Flags);
        Assert.False(m.Hostname.IsPresent);
        Assert.False(m.TimeReported.IsSet);
        Assert.Equal("[origin software=\"sluiced\"] start\ttab", MessageProperties.Get(m, "rawmsg")); // not sanitized
        Assert.Equal("[origin software=\"sluiced\"] start\ttab", MessageProperties.Get(m, "msg"));
        Assert.Equal("rsyslogd:", MessageProperties.Get(m, "syslogtag"));
        Assert.Equal("rsyslogd", MessageProperties.Get(m, "programname"));
        Assert.Equal("rsyslogd", MessageProperties.Get(m, "app-name"));
        Assert.Equal("-", MessageProperties.Get(m, "procid"));
        Assert.Equal("46", MessageProperties.Get(m, "pri"));
    }

    [Fact]
    public void TimeGenerated_IsFilledWhenTheInputDidNot()
    {
        var m = new Message();
        m.SetRaw("<13>Nov 22 08:00:00 host tag: x"u8);
        var before = DateTimeOffset.Now;
        new SyslogParser(new GlobalSettings()).Parse(m);
        Assert.True(m.TimeGenerated.IsSet);
        Assert.Equal(before.Year, m.TimeReported.Year);
        Assert.Equal(m.TimeGenerated.OffsetHour, m.TimeReported.OffsetHour);
    }

    [Fact]
    public void ReusedMessage_CarriesNothingOver()
    {
        var parser = new SyslogParser(new GlobalSettings());
        var m = new Message { TimeGenerated = Received };
        m.SetRaw("<13>1 2003-10-11T22:14:15Z host app 123 ID47 [x y=\"z\"] first"u8);
        parser.Parse(m);
        m.SetRaw("<13>{\"second\":true}"u8);
        parser.Parse(m);
        Assert.Equal(0, m.ProtocolVersion);
        Assert.False(m.Hostname.IsPresent);
        Assert.False(m.StructuredData.IsPresent);
        Assert.False(m.TimeReported.IsSet);
        Assert.Equal("-", MessageProperties.Get(m, "msgid"));
        Assert.Equal("{\"second\":true}", MessageProperties.Get(m, "msg"));
        Assert.Equal(1, m.DerivedLength); // only the derived APP-NAME "-"
    }

    [Fact]
    public void SanitizedMessage_IsCutAtMaxMessageSizeMinus3()
    {
        var settings = new GlobalSettings { MaxMessageSize = 256 };
        var line = Encoding.ASCII.GetBytes("<13>Nov 22 08:00:00 host tag: " + new string('\u0001', 100));
        var m = Parse(settings, line, true);
        Assert.Equal(254, m.RawLength); // 30 + 56 escapes of 4 bytes: the loop stops once 253 is reached
    }

    [Fact]
    public void PermitSlashInProgramName_KeepsThePath()
    {
        var m = Parse(new GlobalSettings { PermitSlashInProgramName = true }, "<22>Nov 22 08:00:00 mail postfix/smtpd[1]: x"u8.ToArray(), true);
        Assert.Equal("postfix/smtpd", MessageProperties.Get(m, "programname"));
        Assert.Equal("postfix/smtpd", MessageProperties.Get(m, "app-name"));
    }

    [Fact]
    public void EscapeControlCharactersOff_KeepsThemButStillEscapesNul()
    {
        var settings = new GlobalSettings { EscapeControlCharactersOnReceive = false };
        var m = Parse(settings, "<13>Nov 22 08:00:00 h t: a\u0001b\tc\0d\u001b"u8.ToArray(), true);
        // rsyslog copies what precedes the NUL untouched and drops control characters after it.
        Assert.Equal(" a\u0001b\tc#000d", MessageProperties.Get(m, "msg"));
    }

    [Fact]
    public void CStyleEscapes()
    {
        var settings = new GlobalSettings { EscapeControlCharactersCStyle = true, Escape8BitCharactersOnReceive = true };
        var m = Parse(settings, "<13>Nov 22 08:00:00 h t: \t\u0001\0\u001bé"u8.ToArray(), true);
        Assert.Equal(" \\t\\x01\\0\\e\\xC3\\xA9", MessageProperties.Get(m, "msg"));
    }

    [Fact]
    public void CompressedMessage_IsDecompressedBeforeParsing()
    {
        byte[] line = ParserCorpus.Cat("z"u8.ToArray(), ParserCorpus.Zlib("<13>Nov 22 08:00:00 host tag: zipped\n"));
        var parser = new SyslogParser(new GlobalSettings());
        var m = new Message { TimeGenerated = Received, Input = new InputInfo("imudp", null) };
        m.SetRaw(line);
        parser.Parse(m);
        Assert.Equal("<13>Nov 22 08:00:00 host tag: zipped", MessageProperties.Get(m, "rawmsg"));
        Assert.Equal("tag:", MessageProperties.Get(m, "syslogtag"));
        Assert.Equal(0, parser.DecompressionFailures);

        var off = new SyslogParser(new GlobalSettings { SupportCompressionExtension = false });
        m.SetRaw(line);
        off.Parse(m);
        Assert.Equal((byte)'z', m.Raw[0]);
    }

    [Fact]
    public void TextStartingWithZ_IsKeptAndCountedAsFailedDecompression()
    {
        var parser = new SyslogParser(new GlobalSettings());
        var m = new Message { TimeGenerated = Received, Input = new InputInfo("imudp", null) };
        m.SetRaw("zabbix: not compressed"u8);
        parser.Parse(m);
        Assert.Equal("zabbix: not compressed", MessageProperties.Get(m, "rawmsg"));
        Assert.Equal("zabbix:", MessageProperties.Get(m, "syslogtag"));
        Assert.Equal(1, parser.DecompressionFailures);
    }

    [Fact]
    public void Parse_DoesNotAllocate()
    {
        var parser = new SyslogParser(new GlobalSettings());
        var m = new Message { TimeGenerated = Received, Input = new InputInfo("imtcp", null) };
        byte[][] lines =
        [
            "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8"u8.ToArray(),
            "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 42 ID47 [a b=\"c\"] An application event"u8.ToArray(),
            "<13>Nov 22 08:00:00 host tag: control\u0001chars\tand tab"u8.ToArray(),
            "<13>{\"headerless\":1}"u8.ToArray(),
        ];
        foreach (var l in lines) { m.SetRaw(l); parser.Parse(m); } // warm up (buffer sizes)

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            m.SetRaw(lines[i % lines.Length]);
            parser.Parse(m);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static Message Parse(GlobalSettings settings, byte[] line, bool parseHostname)
    {
        var m = new Message
        {
            Input = new InputInfo(parseHostname ? "imtcp" : "imuxsock", null, parseHostname),
            TimeGenerated = Received,
        };
        m.SetRaw(line);
        new SyslogParser(settings).Parse(m);
        return m;
    }
}
