using System.IO.Compression;
using System.Text;

namespace Sluice.Tests.Parsing;

/// <summary>
/// Real-world and edge-case syslog lines fed both to the real rsyslogd and to SyslogParser. Every line of the
/// unit-test table (SyslogParserTests) is in here too, so its hand-written expectations are backed by the binary.
/// </summary>
internal static class ParserCorpus
{
    public static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    public static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>zlib data, as omfwd compresses a message with zipLevel &gt; 0 (sent after a 'z').</summary>
    public static byte[] Zlib(string s)
    {
        var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true)) z.Write(B(s));
        return ms.ToArray();
    }

    public static readonly byte[][] Default =
    [
        // RFC 3164, the RFC's own examples and common daemons
        B("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8"),
        B("<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!"),
        B("<30>Nov 22 08:00:00 host systemd[1]: Started Session 1 of user root."),
        B("<6>Nov 22 08:00:00 host kernel: [12345.678901] eth0: link up"),
        B("<22>Nov 22 08:00:00 mail postfix/smtpd[1234]: connect from unknown[10.0.0.1]"),
        B("<86>Nov  2 08:00:00 host sshd[99]: Accepted publickey for root from 10.0.0.1 port 22 ssh2"),
        B("<28>Nov 22 08:00:00 fw01 mgd[1234]: UI_COMMIT: User 'root' requested 'commit' operation"),
        B("<134>Nov 22 08:00:00 f5-bigip.example.com info tmm[1234]: Rule /Common/x <HTTP_REQUEST>: hit"),
        B("<14>Nov 22 08:00:00 PA-VM 1,2026/11/22 08:00:00,007200001056,TRAFFIC,end,1,2026/11/22 08:00:00"),
        B("<13>Nov 22 08:00:00 WIN-ABC MSWinEventLog\t1\tSecurity\t4624\tAn account was logged on"),
        // Cisco / ASA variants
        B("<189>Nov 22 2026 08:00:00: %ASA-5-111008: User 'enable_15' executed the 'configure terminal' command"),
        B("<166>Nov 22 2026 08:00:00 asa01 : %ASA-6-302013: Built inbound TCP connection 1 for outside:10.0.0.1/80"),
        B("<189>123: *Mar  1 00:03:53.583: %SYS-5-CONFIG_I: Configured from console by vty0 (10.0.0.1)"),
        B("<189>45: router1: Nov 22 08:00:00.123 UTC: %LINK-3-UPDOWN: Interface Gi0/1, changed state to up"),
        B("<187>Nov 22 08:00:00.123: %LINEPROTO-5-UPDOWN: Line protocol on Interface Gi0/1, changed state to down"),
        // no hostname, ISO timestamps, odd headers
        B("<13>Nov 22 08:00:00 tag: nohost"),
        B("<13>Nov 22 08:00:00 tag[42] no colon"),
        B("<165>2003-10-11T22:14:15.003Z mymachine.example.com evntslog[123]: hello"),
        B("<30>2026-11-22T08:00:00.123456+00:00 host docker/abc123[999]: container log"),
        B("<13>2003-10-11T22:14:15+02:00 host tag: iso3164"),
        B("<13>2003-10-11T22:14:15 host tag: iso no tz"),
        B("<13>2026-11-22T08:00:00+0100 host tag: offset without colon"),
        B("<13> Nov 22 08:00:00 host tag: procurve"),
        B("<13>2026 Nov 22 08:00:00 host tag: yearfirst"),
        B("<13>Nov 22 08:00:00.123 host tag: frac"),
        B("<13>Nov 2 08:00:00 host tag: single digit no pad"),
        B("<13>nov 22 08:00:00 host tag: lowercase"),
        B("<13>NOV 22 08:00:00 host t: upper"),
        B("<13>Nov 22 08:00:00 2026 host tag: year after"),
        B("<13>Nov 22 08:00:00: host tag: colon after"),
        B("<13>Nov 22 8:0:0 host tag: short time"),
        B("<13>Nov 22 08:00:60 host tag: leap"),
        B("<13>Feb 30 08:00:00 host tag: feb30"),
        B("<13>Nov 32 08:00:00 host tag: day32"),
        B("<13>Jun 31 25:00:00 h t: bad time"),
        B("<13>Nov 22 08:00:00."),
        B("<13>Nov 22 08:00:00.x host t: m"),
        // hostname and tag edge cases
        B("<13>Nov 22 08:00:00 host- tag: badhost"),
        B("<13>Nov 22 08:00:00 host_a.b-c tag: goodhost"),
        B("<13>Nov 22 08:00:00 host.example.com. tag: dothost"),
        B("<13>Nov 22 08:00:00 [1.2.3.4] tag: brackethost"),
        B("<13>Nov 22 08:00:00 host  tag: twospace"),
        B("<13>Nov 22 08:00:00 host"),
        B("<13>Nov 22 08:00:00 host tag"),
        B("<13>Nov 22 08:00:00 host tag:"),
        B("<13>Nov 22 08:00:00 host tag:x"),
        B("<13>Nov 22 08:00:00 host tag[]: x"),
        B("<13>Nov 22 08:00:00 host tag[1: unclosed"),
        B("<13>Nov 22 08:00:00 host tag[1]x[2]: double"),
        B("<13>Nov 22 08:00:00 h a/b[1]: slash"),
        B("<13>Nov 22 08:00:00 h :emptytag"),
        B("<13>Nov 22 08:00:00 h tést: utf8tag"),
        B("<13>Nov 22 08:00:00 host tag: utf8 payload ünïcödé ✓"),
        Cat(B("<13>Nov 22 08:00:00 host tag: invalid utf8 "), [0xFF, 0xFE, 0xC3]),
        B("<13>Nov 22 08:00:00 " + new string('h', 511) + " tag: x"),
        B("<13>Nov 22 08:00:00 " + new string('h', 512) + " tag: x"),
        B("<13>Nov 22 08:00:00 " + new string('h', 511)),
        B("<13>Nov 22 08:00:00 host " + new string('T', 510) + ": x"),
        B("<13>Nov 22 08:00:00 host " + new string('T', 511) + ": x"),
        // a leading year makes rsyslog's length counter run one past the end
        B("<13>2026 Nov 22 08:00:00"),
        B("<13>2026 Nov 22 08:00:00 host"),
        B("<13>2026 Nov 22 08:00:00 host tag"),
        B("<13>2026 Nov 22 08:00:00 host tag:"),
        B("<13>2026 Nov 22 08:00:00 "),
        // PRI variants
        B("no pri at all"),
        B("<>no pri"),
        B("<999>bad pri"),
        B("<192>over"),
        B("<191>max pri"),
        B("<0>Nov 22 08:00:00 host kern: zero"),
        B("<0013>lead zero"),
        B("<12"),
        B("<"),
        B("<13>"),
        B("<13>     "),
        B("<abc>x"),
        // headerless JSON / arrays
        B("<13>{\"a\":1}"),
        B("<13>  [1,2]"),
        B("<13> {json}"),
        B("{\"msg\":\"no pri json\"}"),
        B("<13>\t[x]"),
        // RFC 5424
        Cat(B("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] "),
            [0xEF, 0xBB, 0xBF], B("An application event")),
        B("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts."),
        B("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\"][examplePriority@32473 class=\"high\"]"),
        B("<190>1 2026-11-22T08:00:00.000Z web01 nginx 4242 access [meta@1 req=\"GET /\"] 10.0.0.1 - - \"GET / HTTP/1.1\" 200"),
        B("<165>1 - - - - - -"),
        B("<13>1 2003-10-11T22:14:15Z - - - - - allnil"),
        B("<13>1 2003-10-11T22:14:15Z host app 123 ID47 hello world"),
        B("<13>1 2003-10-11T22:14:15Z host app 123 ID47 -xyz rest"),
        B("<13>1 2003-10-11T22:14:15Z host app 123 ID47  rest"),
        B("<13>1 2003-10-11T22:14:15Z host app 123 ID47 [abc"),
        B("<13>1 2003-10-11T22:14:15Z host app 123 ID47 [a x=\"1\\]2\"][b y=\"z\"] msg"),
        B("<13>1 2003-10-11T22:14:15Z host app 123 ID47 [a x=\"\\\\\"] backslash"),
        B("<13>1 2003-10-11T22:14:15Z host app 123 ID47 [a x=\"1\"]  two spaces after sd"),
        B("<13>1 2003-10-11T22:14:15Z host app 123 ID47 [a x=\"1\"]"),
        B("<13>1 2003-10-11T22:14:15Z host app"),
        B("<13>1 2003-10-11T22:14:15Z"),
        B("<13>1 2003-10-11T22:14:15Zhost"),
        B("<13>1  2003-10-11T22:14:15Z host a - - - twospaces"),
        B("<13>1 2003-10-11T22:14:15Z host  123 ID47 - emptyapp"),
        B("<13>1 2003-10-11T22:14:15Z host app[x] 1 - - brackets"),
        B("<13>1 2003-10-11T22:14:15Z host a/b 1 - - slash app"),
        B("<13>1 2003-10-11T22:14:15.123456+05:30 host app - - - six digits"),
        B("<13>1 2003-10-11T22:14:15.123456789+05:30 host app - - - nine digits"),
        B("<13>1 2003-10-11T22:14:15.1234567Z host app 1 - - seven digits"),
        B("<13>1 2003-10-11T22:14:15.Z h a p m - dot without digits"),
        B("<13>1 2003-10-11t22:14:15Z h a p m - lowercase t"),
        B("<13>1 2003-9-1T1:0:0+01:00 host app - - - short fields"),
        B("<13>1 0-1-1T0:0:0-23:59 h a p m - year zero"),
        B("<13>1 -5-1-1T0:0:0Z h a p m - negative"),
        B("<13>1 -"),
        B("<13>1 bad"),
        B("1 2003-10-11T22:14:15Z host app 123 ID47 - nopri5424"),
        B("<999>1 2003-10-11T22:14:15Z host app 123 ID47 - badpri5424"),
        B("<13>2 2003-10-11T22:14:15Z host app 123 ID47 - version2"),
        // reception sanitizing with default settings
        B("<13>Nov 22 08:00:00 host tag\tx"),
        B("<13>Nov 22 08:00:00 h t\0x"),
        B("<13>Nov 22 08:00:00 h t: x\0"),
        B("<13>Nov 22 08:00:00 h t: x\u0001y\u007fz"),
        B("<13>Nov 22 08:00:00 h t: x\r"),
        B("<13>Nov 22 08:00:00 host tag: lf at end\n"),
        B("<13>Nov 22 08:00:00 host tag: two lf at end\n\n"),
        B("<13>Nov 22 08:00:00 host tag: nul then lf\0\n"),
        B("<13>Nov 22 08:00:00 host tag: lf then nul\n\0"),
        B("<13>Nov 22 08:00:00 host tag: multi\nline\r\nmessage"),
        B("<13>Nov 22 08:00:00 host tag: " + new string('\u0001', 100)),
        // single-message compression ('z' + zlib), decompressed before sanitizing
        Cat(B("z"), Zlib("<13>Nov 22 08:00:00 host tag: compressed hello")),
        Cat(B("z"), Zlib("<165>1 2003-10-11T22:14:15.003Z host app - - - compressed 5424")),
        Cat(B("z"), Zlib("x\u0001y\n")),
        Cat(B("z"), Zlib("<13>Nov 22 08:00:00 host tag: " + new string('x', 8096 - 30))),
        Cat(B("z"), Zlib("<13>Nov 22 08:00:00 host tag: " + new string('x', 9000))),
        Cat(B("z"), Zlib("<13>Nov 22 08:00:00 host tag: truncated stream")[..^6]),
        B("zabbix: plain text starting with z"),
        B("zx"),
        B("z"),
    ];

    /// <summary>Lines for the sanitizing variants (settings other than the defaults).</summary>
    public static readonly byte[][] Sanitizing =
    [
        B("<13>Nov 22 08:00:00 host a/b[1]: t\tx\u0001é\n"),
        B("<13>Nov 22 08:00:00 host tag: lf at end\n\n"),
        B("<13>Nov 22 08:00:00 host tag: nul then lf\0\n"),
        B("<13>Nov 22 08:00:00 host tag: lf then nul\n\0"),
        B("<13>Nov 22 08:00:00 host tag: " + new string('\u0001', 100)),
        B("<13>Nov 22 08:00:00 host tag: " + new string('a', 200) + "\u0001"),
        B("<13>Nov 22 08:00:00 host tag: " + new string('a', 220) + "\u0001"),
        B("<13>Nov 22 08:00:00 host tag: a\u0001b\tc\u007f"),
        B("<13>Nov 22 08:00:00 host tag: a\u0001b\tc\0d\u001b\a\b\f\v\r"),
        Cat(B("<13>Nov 22 08:00:00 host tag: "), [0xC3, 0xA9, 0x80, 0xFF, 0]),
        B("<13>Nov 22 08:00:00 host path/prog[7]: slash"),
        B("<13>1 2003-10-11T22:14:15Z host a/b 1 - - slash app"),
    ];
}
