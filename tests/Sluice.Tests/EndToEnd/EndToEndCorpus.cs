using Sluice.Tests.Parsing;
using static Sluice.Tests.Parsing.ParserCorpus;

namespace Sluice.Tests.EndToEnd;

/// <summary>
/// The lines sent through the real rsyslogd and through SyslogParser + templates: the parser tests' corpus and
/// table, plus lines aimed at what templates show (BOMs, long TAGs and RFC 5424 fields against the forward
/// formats' 32-byte TAG cut, date arithmetic, characters the replacer options act on).
/// </summary>
internal static class EndToEndCorpus
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static readonly byte[][] TemplateLines =
    [
        // BOM in legacy and RFC 5424 messages, with and without SD
        Cat(B("<13>Nov 22 08:00:00 host tag: "), Bom, B("bom in a legacy message")),
        Cat(B("<13>1 2003-10-11T22:14:15Z host app 1 - - "), Bom, B("bom without sd")),
        Cat(B("<13>1 2003-10-11T22:14:15Z host app 1 - [a b=\"c\"] "), Bom, B("bom after sd")),
        Cat(B("<13>1 2003-10-11T22:14:15Z host app 1 - - "), Bom),
        B("<13>1 2003-10-11T22:14:15Z host app 1 - [a b=\"c\"]"),
        B("<13>1 2003-10-11T22:14:15Z host app 1 ID [a b=\"c\"] sd and msg"),
        // TAGs around the forward formats' 32-byte cut
        B("<13>Nov 22 08:00:00 host abcdefghijklmnopqrstuvwxyz01234: exactly 32 with colon"),
        B("<13>Nov 22 08:00:00 host abcdefghijklmnopqrstuvwxyz012345: 33 with colon"),
        B("<13>Nov 22 08:00:00 host abcdefghijklmnopqrstuvwxyz[12345]: pid crosses the cut"),
        B("<13>Nov 22 08:00:00 host abcdefghijklmnopqrstuvwxyz0123456789 no colon long tag"),
        B("<13>1 2003-10-11T22:14:15Z host " + new string('a', 30) + " 12345 - - app[pid] crosses the cut"),
        B("<13>1 2003-10-11T22:14:15Z host " + new string('a', 60) + " - - - long app-name"),
        B("<13>1 2003-10-11T22:14:15Z host app " + new string('7', 150) + " - - long procid"),
        B("<13>1 2003-10-11T22:14:15Z host app 1 " + new string('M', 40) + " - long msgid"),
        B("<13>1 2003-10-11T22:14:15Z " + new string('h', 300) + " app 1 - - long hostname"),
        // dates: leap day in a non-leap reception year, offsets that cross midnight, years near the limits
        B("<13>Feb 29 08:00:00 host t: leap day"),
        B("<13>Jan  1 00:00:00 host t: new year"),
        B("<13>Dec 31 23:59:59 host t: old year"),
        B("<13>1 2024-02-29T23:30:00-05:00 host app - - - utc crosses into March"),
        B("<13>1 2023-01-01T00:15:00+14:00 host app - - - utc previous year"),
        B("<13>1 2099-12-31T23:59:59.999999-12:00 host app - - - far future"),
        B("<13>1 1970-01-01T00:00:00Z host app - - - epoch"),
        B("<13>1 1969-12-31T23:59:59Z host app - - - before epoch"),
        B("<13>1 1900-01-01T00:00:00Z host app - - - year out of range"),
        B("<13>1 2003-10-11T22:14:15.1Z host app - - - one digit"),
        B("<13>1 2003-10-11T22:14:15.0001-00:00 host app - - - minus zero"),
        // what the replacer options in the property template act on
        B("<13>Nov 22 08:00:00 host tag: quotes \"q\" back\\slash /path/to/x ../.. commas,semi;"),
        B("<13>Nov 22 08:00:00 host tag:    leading and   inner   spaces   "),
        B("<13>Nov 22 08:00:00 host tag: tab\there and cr\r and lf\nend"),
        B("<13>Nov 22 08:00:00 host UPPER.lower-Tag[1]: Mixed Case ÄÖÜ ß"),
        B("<13>Nov 22 08:00:00 host tag: %percent% and $dollar"),
        // a leading year and a message that ends in the TAG: rsyslog appends its NUL terminator to the TAG
        B("<13>2026 Nov 22 08:00:00 a/b"),
        B("<13>2026 Nov 22 08:00:00 h a/b/c"),
        B("<13>2026 Nov 22 08:00:00 h ."),
        B("<13>2026 Nov 22 08:00:00 h .."),
        B("<13>2026 Nov 22 08:00:00 h a\u007fb"),
        B("<13>2026 Nov 22 08:00:00 h a\"b"),
        B("<13>2026 Nov 22 08:00:00 h  "),
        // RFC 3164 variants seen in the wild
        B("<38>Nov 22 08:00:00 host sshd[2156]: pam_unix(sshd:session): session opened for user root"),
        B("<78>Nov 22 08:00:01 host CRON[3001]: (root) CMD (command -v debian-sa1 > /dev/null)"),
        B("<29>Nov 22 08:00:00 host dhclient: DHCPACK of 10.0.0.5 from 10.0.0.1"),
        B("<4>Nov 22 08:00:00 host kernel: [    0.000000] Linux version 6.1.0"),
        B("<131>Nov 22 08:00:00 host haproxy[1]: 10.0.0.1:5000 [22/Nov/2026:08:00:00.000] fe be/srv 0/0/0/1/1 200"),
        B("<15>Nov 22 08:00:00 host app: " + new string('x', 3000)),
    ];

    /// <summary>
    /// Parser-corpus lines rsyslogd 8.2302 cannot render: a year before about 1700 makes its weekday negative and
    /// date-wdayname index its name table out of bounds, which kills rsyslogd with SIGSEGV.
    /// </summary>
    private static readonly HashSet<string> CrashRsyslogd = new(StringComparer.Ordinal)
    {
        "<13>1 0-1-1T0:0:0-23:59 h a p m - year zero",
    };

    /// <summary>Every line once, in a stable order.</summary>
    public static byte[][] All()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var crash in CrashRsyslogd) seen.Add(Convert.ToBase64String(B(crash)));
        var all = new List<byte[]>();
        foreach (var line in Default.Concat(SyslogParserTests.TableLines).Concat(TemplateLines))
            if (seen.Add(Convert.ToBase64String(line))) all.Add(line);
        return all.ToArray();
    }
}
