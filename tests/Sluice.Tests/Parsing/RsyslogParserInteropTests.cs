using System.Globalization;
using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Parsing;
using Sluice.Engine.Properties;
using Sluice.Engine.Runtime;

namespace Sluice.Tests.Parsing;

/// <summary>
/// Sends the corpus to the real rsyslogd 8.2302 (imtcp, and a private imuxsock socket that does not parse
/// hostnames), has it write every property of every message as one jsonf line, and checks that SyslogParser
/// yields the same bytes for every line and property. rsyslogd runs with TZ=America/New_York so that the year
/// and UTC offset RFC 3164 timestamps borrow from the reception time are visible; each message's reception time
/// (timegenerated) is taken from rsyslog's output and given to SyslogParser.
/// </summary>
public sealed class RsyslogParserInteropTests
{
    private static readonly string[] Properties =
    [
        "rawmsg", "pri", "hostname", "syslogtag", "programname", "app-name", "procid", "msgid",
        "structured-data", "msg", "protocol-version", "syslogfacility", "syslogseverity", "timereported",
    ];

    private static string Config(string globals)
    {
        var t = new StringBuilder();
        t.Append("template(name=\"props\" type=\"list\" option.jsonf=\"on\") {\n");
        t.Append("  property(outname=\"inputname\" name=\"inputname\" format=\"jsonf\")\n");
        t.Append("  property(outname=\"fromhost\" name=\"fromhost\" format=\"jsonf\")\n");
        t.Append("  property(outname=\"timegenerated\" name=\"timegenerated\" dateFormat=\"rfc3339\" format=\"jsonf\")\n");
        foreach (var p in Properties)
        {
            string date = p == "timereported" ? " dateFormat=\"rfc3339\"" : "";
            t.Append($"  property(outname=\"{p}\" name=\"{p}\"{date} format=\"jsonf\")\n");
        }
        t.Append("}\n");
        return $$"""
            global(workDirectory="{dir}/work" {{globals}})
            main_queue(queue.workerThreads="1")
            module(load="imtcp")
            input(type="imtcp" port="0" listenPortFileName="{dir}/port")
            module(load="imuxsock" SysSock.Use="off")
            input(type="imuxsock" Socket="{dir}/sock" UseSpecialParser="off" ParseHostname="off" IgnoreTimestamp="off" ratelimit.interval="0")
            {{t}}
            if $inputname == "imtcp" or $inputname == "imuxsock" then action(type="omfile" file="{dir}/out" template="props")
            """;
    }

    [Fact]
    public void DefaultSettings_EveryPropertyMatchesRsyslog_OverTcpAndLocalSocket()
    {
        using var rsyslog = RsyslogDaemon.Start(Config(""), timeZone: "America/New_York");
        // The unit-test table's lines too, so that its hand-written expectations are checked against the binary.
        var corpus = ParserCorpus.Default.Concat(SyslogParserTests.TableLines).ToArray();

        rsyslog.SendOctetCounted(corpus);
        var tcpLines = rsyslog.WaitForLines(corpus.Length);

        // The local socket path: no HOSTNAME parsing (rsyslog's PARSE_HOSTNAME off), fromhost is this machine.
        string sock = Path.Combine(rsyslog.Dir, "sock");
        rsyslog.WaitForFile(sock);
        foreach (var line in corpus) RsyslogDaemon.SendUnixDatagram(sock, line);
        var all = rsyslog.WaitForLines(2 * corpus.Length);

        var failures = new List<string>();
        Compare(corpus, tcpLines.Take(corpus.Length).ToList(), "imtcp", new GlobalSettings(), parseHostname: true, failures);
        Compare(corpus, all.Skip(corpus.Length).ToList(), "imuxsock", new GlobalSettings(), parseHostname: false, failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public static TheoryData<string, string> Variants => new()
    {
        {
            "tab-off,prefix,slash,8bit,keep-lf,max256",
            "parser.escapeControlCharacterTab=\"off\" parser.controlCharacterEscapePrefix=\"^\" parser.permitSlashInProgramName=\"on\" " +
            "parser.escape8BitCharactersOnReceive=\"on\" parser.dropTrailingLFOnReception=\"off\" maxMessageSize=\"256\""
        },
        { "escape-off", "parser.escapeControlCharactersOnReceive=\"off\"" },
        { "escape-off,8bit", "parser.escapeControlCharactersOnReceive=\"off\" parser.escape8BitCharactersOnReceive=\"on\"" },
        { "cstyle,8bit", "parser.escapeControlCharactersCStyle=\"on\" parser.escape8BitCharactersOnReceive=\"on\"" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void SanitizingSettings_EveryPropertyMatchesRsyslog(string name, string globals)
    {
        var settings = name switch
        {
            "tab-off,prefix,slash,8bit,keep-lf,max256" => new GlobalSettings
            {
                EscapeControlCharacterTab = false, ControlCharacterEscapePrefix = (byte)'^', PermitSlashInProgramName = true,
                Escape8BitCharactersOnReceive = true, DropTrailingLFOnReception = false, MaxMessageSize = 256,
            },
            "escape-off" => new GlobalSettings { EscapeControlCharactersOnReceive = false },
            "escape-off,8bit" => new GlobalSettings { EscapeControlCharactersOnReceive = false, Escape8BitCharactersOnReceive = true },
            "cstyle,8bit" => new GlobalSettings { EscapeControlCharactersCStyle = true, Escape8BitCharactersOnReceive = true },
            _ => throw new ArgumentException(name),
        };

        using var rsyslog = RsyslogDaemon.Start(Config(globals), timeZone: "America/New_York");
        var corpus = ParserCorpus.Sanitizing;
        rsyslog.SendOctetCounted(corpus);
        var lines = rsyslog.WaitForLines(corpus.Length);

        var failures = new List<string>();
        Compare(corpus, lines, "imtcp", settings, parseHostname: true, failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static void Compare(byte[][] corpus, List<byte[]> lines, string inputName, GlobalSettings settings,
        bool parseHostname, List<string> failures)
    {
        var parser = new SyslogParser(settings);
        var input = new InputInfo(inputName, null, parseHostname);
        var message = new Message(); // reused across lines, as a pooled message is
        for (int i = 0; i < corpus.Length; i++)
        {
            var expected = RsyslogJson.ParseFlatObject(lines[i]);
            Assert.Equal(inputName, Encoding.UTF8.GetString(expected["inputname"]));

            message.SetRaw(corpus[i]);
            message.Input = input;
            message.Peer = new PeerInfo(expected["fromhost"], "127.0.0.1"u8.ToArray(), []);
            message.TimeGenerated = SyslogTime.FromDateTimeOffset(
                DateTimeOffset.Parse(Encoding.ASCII.GetString(expected["timegenerated"]), CultureInfo.InvariantCulture));
            parser.Parse(message);

            foreach (var p in Properties)
            {
                byte[] actual = MessageProperties.GetBytes(message, p, DateFormat.Rfc3339);
                if (!actual.AsSpan().SequenceEqual(expected[p]))
                    failures.Add($"{inputName} line {i} [{Show(corpus[i])}] {p}: rsyslog [{Show(expected[p])}] sluice [{Show(actual)}]");
            }
        }
    }

    internal static string Show(byte[] b)
    {
        var s = new StringBuilder();
        foreach (byte x in b.Take(120))
            s.Append(x is >= 0x20 and < 0x7F ? ((char)x).ToString() : $"\\x{x:X2}");
        if (b.Length > 120) s.Append($"...({b.Length} bytes)");
        return s.ToString();
    }
}
