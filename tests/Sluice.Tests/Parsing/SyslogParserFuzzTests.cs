using System.Diagnostics;
using System.Text;
using Sluice.Engine.Properties;
using Sluice.Engine.Messages;
using Sluice.Engine.Parsing;
using Sluice.Engine.Runtime;

namespace Sluice.Tests.Parsing;

/// <summary>
/// Random syslog-like lines (built from header fragments, so that the deep paths are reached) under every
/// sanitizing setting: parsing never throws and every field lies inside the message buffer. Bounded in count
/// and time; the seed is fixed so a failure reproduces.
/// </summary>
public sealed class SyslogParserFuzzTests
{
    private static readonly string[] Fragments =
    [
        "<", ">", "<13>", "<191>", "<999>", "1 ", "2 ", "-", " ", "  ", "\t", ":", "[", "]", "\\]", "] ", "\"", "=",
        "Nov", "nov ", "Feb  5 ", "22 ", "2026 ", "08:00:00", ".123", ".", "Z", "+05:30", "-07:00", "T", "2003-10-11T22:14:15",
        "host", "h.example.com", "tag", "app", "123", "ID47", "[a b=\"c\"]", "{", "\n", "\r", "\0", "\u0001", "é", "\u007f",
        "x", "0", "9", "/", "z", "x\u009c",
    ];

    [Fact]
    public void RandomLines_NeverThrow_AndFieldsStayInsideTheBuffer()
    {
        var settings = new[]
        {
            new GlobalSettings(),
            new GlobalSettings { EscapeControlCharactersOnReceive = false, Escape8BitCharactersOnReceive = true, MaxMessageSize = 128 },
            new GlobalSettings { EscapeControlCharactersCStyle = true, EscapeControlCharacterTab = false, DropTrailingLFOnReception = false },
            new GlobalSettings { PermitSlashInProgramName = true, Escape8BitCharactersOnReceive = true, MaxMessageSize = 200 },
        };
        var parsers = settings.Select(s => new SyslogParser(s)).ToArray();
        var inputs = new[] { new InputInfo("imtcp", null), new InputInfo("imuxsock", null, parseHostname: false) };
        var rnd = new Random(20261122);
        var m = new Message();
        var sw = Stopwatch.StartNew();
        var sb = new StringBuilder();

        for (int i = 0; i < 30_000 && sw.Elapsed < TimeSpan.FromSeconds(60); i++)
        {
            sb.Clear();
            int parts = rnd.Next(0, 14);
            for (int p = 0; p < parts; p++) sb.Append(Fragments[rnd.Next(Fragments.Length)]);
            byte[] line = Encoding.UTF8.GetBytes(sb.ToString());
            if (rnd.Next(8) == 0) line = line.Concat(Enumerable.Range(0, rnd.Next(1, 300)).Select(_ => (byte)rnd.Next(256))).ToArray();

            m.SetRaw(line);
            m.Input = inputs[i % 2];
            m.TimeGenerated = SyslogTime.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddDays(20000));
            parsers[i % parsers.Length].Parse(m);

            int limit = m.RawLength + m.DerivedLength;
            foreach (var r in new[] { m.Hostname, m.Tag, m.ProgramName, m.AppName, m.ProcId, m.MsgId, m.StructuredData, m.Msg })
            {
                if (!r.IsPresent) continue;
                Assert.True(r.Start >= 0 && r.End <= limit && limit <= m.Buffer.Length,
                    $"line {i} [{RsyslogParserInteropTests.Show(line)}]: range {r} outside {limit}");
            }
            Assert.True(m.Msg.IsPresent && m.Msg.End == m.RawLength);
            Assert.True(m.AfterPriOffset <= m.RawLength);
            Assert.True(m.Pri is >= 0 and <= 191 || m.Pri == Message.InvalidPri);
            foreach (var p in new[] { "syslogtag", "programname", "app-name", "procid", "msgid", "structured-data", "timereported" })
                MessageProperties.GetBytes(m, p);
        }
    }
}
