using Sluice.Engine.Messages;
using Sluice.Engine.Parsing;
using Sluice.Engine.Properties;
using Sluice.Engine.Runtime;
using Sluice.Tests.EndToEnd;
using static Sluice.Tests.Parsing.ParserCorpus;

namespace Sluice.Tests.Differential;

/// <summary>
/// What the differential tests send: the end-to-end corpus (parser corpus, parser table, template lines) plus lines
/// aimed at the replacer's extraction options, and the subset whose timestamps every date option can render.
/// </summary>
internal static class DifferentialCorpus
{
    /// <summary>Ends every run; its arrival in the last action's file means every earlier message was written.</summary>
    public const string SentinelText = "END-OF-DIFFERENTIAL-CORPUS";

    public static readonly byte[] Sentinel = B("<14>Nov 22 08:00:00 sentinel end: " + SentinelText);

    private static readonly byte[][] Extra =
    [
        B("<13>Nov 22 08:00:00 host tag: k1=v1;k2=v2;;k4=v4 x=42 y=7"),
        B("<13>Nov 22 08:00:00 host tag: fields\tseparated\tby\ttabs"),
        B("<13>Nov 22 08:00:00 host tag: 12345"),
        B("<13>Nov 22 08:00:00 host tag:0"),
        B("<13>Nov 22 08:00:00 host tag:\"\""),
        B("<13>Nov 22 08:00:00 host tag: it's \"quoted\" and back\\\\slashed \\n not a newline"),
        B("<13>Nov 22 08:00:00 host tag: multi\nline\nmessage\n"),
        B("<13>Nov 22 08:00:00 host tag: trailing newline\n"),
        B("<13>Nov 22 08:00:00 host tag: cc \u0001\u0002\u001b[31m red \u007f del"),
        Cat(B("<13>Nov 22 08:00:00 host tag: 8bit "), [0xE9, 0xE8, 0xA0, 0x80, 0xFF], B(" end")),
        B("<13>Nov 22 08:00:00 host " + new string('t', 300) + "[12]: very long tag"),
        B("<13>Nov 22 08:00:00 host tag:"),
        B("<13>Nov 22 08:00:00 host tag: "),
        B("<165>1 2003-10-11T22:14:15.003Z host.example.com app 42 ID7 [a@1 k=\"v\" n=\"1\"][b@2 x=\"y\"] sd and text x=9"),
        B("<13>1 2024-12-30T10:00:00Z host app - - - iso week of next year"),
        B("<13>1 2004-02-29T12:00:00+00:30 host app - - - leap day"),
        B("<13>1 2003-10-11T01:00:00+05:00 host app - - - plus five"),
        B("<13>1 2003-10-11T01:00:00-05:00 host app - - - minus five"),
    ];

    /// <summary>Every line once, in a stable order.</summary>
    public static byte[][] All()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var all = new List<byte[]>();
        foreach (var line in EndToEndCorpus.All().Concat(Extra))
            if (seen.Add(Convert.ToBase64String(line))) all.Add(line);
        return all.ToArray();
    }

    /// <summary>
    /// The lines whose own timestamp every date option renders without falling back to the reception time, and that
    /// rsyslogd 8.2302 survives: a date-ordinal of -1 (a large '+' offset just after New Year) or past its 366-entry
    /// table (the last second of a leap year) makes it read outside the table and crash.
    /// </summary>
    public static byte[][] Timestamped()
    {
        var parser = new SyslogParser(new GlobalSettings());
        var message = new Message();
        var result = new List<byte[]>();
        foreach (var line in All())
        {
            message.SetRaw(line);
            message.Input = new InputInfo("imtcp", null);
            message.Peer = new PeerInfo("localhost"u8.ToArray(), "127.0.0.1"u8.ToArray(), []);
            message.TimeGenerated = SyslogTime.FromDateTimeOffset(DateTimeOffset.Now);
            parser.Parse(message);
            if (!message.TimeReported.IsSet) continue;
            int ordinal = SyslogTimeMath.Ordinal(message.TimeReported);
            int utcOrdinal = SyslogTimeMath.Ordinal(SyslogTimeMath.ToUtc(message.TimeReported));
            if (ordinal < 0 || ordinal > 365 || utcOrdinal < 0 || utcOrdinal > 365) continue;
            result.Add(line);
        }
        return result.ToArray();
    }
}
