using System.Globalization;
using System.Text;
using Sluice.Engine.Config;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Parsing;
using Sluice.Engine.Runtime;
using Sluice.Engine.Templates;
using Sluice.Tests.Parsing;

namespace Sluice.Tests.EndToEnd;

/// <summary>
/// The whole path from received bytes to written line, against the real rsyslogd 8.2302: every corpus line is sent
/// to rsyslogd over imtcp, which writes it with the built-in file, forward and protocol-23 formats and with a
/// string template of every message property (timegenerated-based ones excepted) to one file each; the same
/// line goes through SyslogParser and the same templates here, and every output must be byte-identical.
/// <para>
/// rsyslogd runs with TZ=America/New_York so that what RFC 3164 timestamps take from the reception time shows.
/// Each message's reception time and fromhost are written to a separate file and given to the message here
/// (the input would set them), so lines without a timestamp compare whole as well. rsyslogd's own start message is
/// compared the same way with an internal message made as the engine makes one.
/// </para>
/// </summary>
public sealed class TemplateEndToEndTests
{
    /// <summary>
    /// Every message property rsyslogd 8.2302 knows, all of timereported's date formats, and the replacer options
    /// a real-world message exercises. date-rfc3164-buggyday is left out: rsyslog caches one RFC 3164 text per
    /// message for %timestamp%, date-rfc3164 and date-rfc3164-buggyday, so whichever renders first decides the
    /// day padding for the others (a documented deviation, see Properties/TimestampFormatter.cs).
    /// </summary>
    private const string PropertyTemplate =
        "msg=[%msg%] raw=[%rawmsg%] rap=[%rawmsg-after-pri%] host=[%hostname%] src=[%source%] fh=[%fromhost%] " +
        "fhip=[%fromhost-ip%] tag=[%syslogtag%] prog=[%programname%] pri=[%pri%] pt=[%pri-text%] iut=[%iut%] " +
        "f=[%syslogfacility%] ft=[%syslogfacility-text%] s=[%syslogseverity%] st=[%syslogseverity-text%] " +
        "sp=[%syslogpriority%] spt=[%syslogpriority-text%] pv=[%protocol-version%] sd=[%structured-data%] " +
        "app=[%app-name%] pid=[%procid%] mid=[%msgid%] in=[%inputname%] " +
        "ts=[%timestamp%] 3339=[%timereported:::date-rfc3339%] 3164=[%timereported:::date-rfc3164%] " +
        "my=[%timestamp:::date-mysql%] pg=[%timestamp:::date-pgsql%] unix=[%timestamp:::date-unixtimestamp%] " +
        "sub=[%timestamp:::date-subseconds%] y=[%timestamp:::date-year%] mo=[%timestamp:::date-month%] " +
        "d=[%timestamp:::date-day%] h=[%timestamp:::date-hour%] mi=[%timestamp:::date-minute%] " +
        "sec=[%timestamp:::date-second%] tzh=[%timestamp:::date-tzoffshour%] tzm=[%timestamp:::date-tzoffsmin%] " +
        "tzd=[%timestamp:::date-tzoffsdirection%] utc=[%timestamp:::date-rfc3339,date-utc%] " +
        "utc3164=[%timestamp:::date-utc%] wd=[%timestamp:::date-wday%] wdn=[%timestamp:::date-wdayname%] " +
        "json=[%msg:::json%] csv=[%msg:::csv%] esc=[%rawmsg:::escape-cc%] spr=[%syslogtag:::secpath-replace%] " +
        "up=[%hostname:::uppercase%] cut=[%syslogtag:1:32%] tail=[%msg:2:$%] sp1=[%msg:::sp-if-no-1st-sp%] " +
        "cs=[%msg:::compressspace%] dll=[%msg:::drop-last-lf%] " +
        // A TAG can end in a NUL (see ParserCorpus): the options rsyslog runs over C strings stop there.
        "tdrop=[%syslogtag:::drop-cc%] tspace=[%syslogtag:::space-cc%] tesc=[%syslogtag:::escape-cc%] " +
        "tspd=[%syslogtag:::secpath-drop%] tcsv=[%syslogtag:::csv%] tjson=[%syslogtag:::json%] " +
        "tup=[%syslogtag:::uppercase%] tsp1=[%syslogtag:::sp-if-no-1st-sp%] tdll=[%syslogtag:::drop-last-lf%] " +
        "tcs=[%syslogtag:::compressspace%] tsub=[%syslogtag:2:$%] tsubspr=[%syslogtag:1:$:secpath-replace%]\n";

    /// <summary>The reception facts rsyslogd writes for each message, given to the same message here.</summary>
    private const string ReceptionTemplate = "%timegenerated:::date-rfc3339% %fromhost%\n";

    private sealed record Output(string File, string Template, bool LineBased);

    private static readonly Output[] Outputs =
    [
        new("file", "RSYSLOG_FileFormat", true),
        new("trad", "RSYSLOG_TraditionalFileFormat", true),
        new("fwd", "RSYSLOG_ForwardFormat", false), // no LF: the lines follow each other directly
        new("p23", "RSYSLOG_SyslogProtocol23Format", true),
        new("props", "props", true),
    ];

    private static string Config(string globals, string inputName, string receptionTemplate)
    {
        var c = new StringBuilder();
        c.Append($"global(workDirectory=\"{{dir}}/work\" {globals})\n");
        c.Append("main_queue(queue.workerThreads=\"1\")\n");
        c.Append("module(load=\"imtcp\")\n");
        c.Append("input(type=\"imtcp\" port=\"0\" listenPortFileName=\"{dir}/port\")\n");
        c.Append($"template(name=\"props\" type=\"string\" string=\"{Escape(PropertyTemplate)}\")\n");
        c.Append($"template(name=\"reception\" type=\"string\" string=\"{Escape(receptionTemplate)}\")\n");
        c.Append($"if $inputname == \"{inputName}\" then {{\n");
        foreach (var o in Outputs) c.Append($"  action(type=\"omfile\" file=\"{{dir}}/{o.File}\" template=\"{o.Template}\")\n");
        // Last: actions commit in configuration order, so once this file has a line, the others have it too.
        c.Append("  action(type=\"omfile\" file=\"{dir}/reception\" template=\"reception\")\n");
        c.Append("}\n");
        return c.ToString();
    }

    /// <summary>A RainerScript string literal's escapes for the template text.</summary>
    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    public static TheoryData<string> Variants => new() { "default", "raw-control-characters" };

    /// <summary>
    /// The parser settings of a variant, as rsyslog global() parameters and as <see cref="GlobalSettings"/>. With
    /// escaping and LF dropping off, control characters and line ends reach the templates as they arrived.
    /// </summary>
    private static (string Globals, GlobalSettings Settings) Variant(string name) => name switch
    {
        "default" => ("", new GlobalSettings()),
        "raw-control-characters" => (
            "parser.escapeControlCharactersOnReceive=\"off\" parser.dropTrailingLFOnReception=\"off\" " +
            "parser.permitSlashInProgramName=\"on\"",
            new GlobalSettings
            {
                EscapeControlCharactersOnReceive = false, DropTrailingLFOnReception = false, PermitSlashInProgramName = true,
            }),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryLine_RendersByteIdenticalToRsyslogd_InEveryFormat(string variant)
    {
        var (globals, settings) = Variant(variant);
        var corpus = EndToEndCorpus.All();
        var (received, written) = RunRsyslogd(Config(globals, "imtcp", ReceptionTemplate), corpus.Length,
            rsyslog => rsyslog.SendOctetCounted(corpus));
        var rendered = RenderWithSluice(corpus, received, settings, new InputInfo("imtcp", null), MessageFlags.None);
        AssertIdentical(corpus, written, rendered);
    }

    [Fact]
    public void InternalMessages_RenderByteIdenticalToRsyslogdsOwn()
    {
        // rsyslogd's start message goes through the rules like any other when processInternalMessages is on. Its text
        // (and reception facts) are read back and given to an internal message made the way the engine makes one.
        const string reception = "%timegenerated:::date-rfc3339% %fromhost% %msg%\n";
        var (received, written) = RunRsyslogd(
            Config("processInternalMessages=\"on\"", "rsyslogd", reception), 1, static _ => { });

        string[] facts = Encoding.UTF8.GetString(received[0]).Split(' ', 3);
        Assert.StartsWith("[origin software=\"rsyslogd\"", facts[2]);
        byte[][] raws = [Encoding.UTF8.GetBytes("<46>rsyslogd: " + facts[2])]; // as Runtime/EngineLog writes it
        var rendered = RenderWithSluice(raws, received, new GlobalSettings(), new InputInfo("rsyslogd", null, parseHostname: false),
            MessageFlags.Internal);
        AssertIdentical(raws, Written(written, 1), rendered);
    }

    /// <summary>
    /// Runs rsyslogd with <paramref name="config"/>, lets <paramref name="send"/> feed it, waits (bounded) for
    /// <paramref name="count"/> reception lines and returns them with every output file. rsyslogd is killed and its
    /// directory removed before returning.
    /// </summary>
    private static (List<byte[]> Received, Dictionary<string, byte[]> Written) RunRsyslogd(string config, int count,
        Action<RsyslogDaemon> send)
    {
        var written = new Dictionary<string, byte[]>();
        using var rsyslog = RsyslogDaemon.Start(config, timeZone: "America/New_York");
        send(rsyslog);
        var received = rsyslog.WaitForLines(count, path: Path.Combine(rsyslog.Dir, "reception"));
        Assert.Equal(count, received.Count);
        foreach (var o in Outputs)
        {
            string path = Path.Combine(rsyslog.Dir, o.File);
            if (o.LineBased) rsyslog.WaitForLines(count, TimeSpan.FromSeconds(10), path);
            written[o.File] = RsyslogDaemon.ReadBytes(path);
        }
        return (received, written);
    }

    /// <summary>
    /// The first <paramref name="count"/> messages' worth of each file. rsyslogd logs more about itself (its
    /// shutdown, when killed) than the test compares; every file except the forward format has one line a message.
    /// </summary>
    private static Dictionary<string, byte[]> Written(Dictionary<string, byte[]> written, int count)
    {
        var cut = new Dictionary<string, byte[]>();
        foreach (var o in Outputs)
        {
            var lines = SplitAfterLf(written[o.File]);
            cut[o.File] = o.LineBased ? lines.Take(count).SelectMany(l => l).ToArray() : written[o.File];
        }
        return cut;
    }

    private static void AssertIdentical(byte[][] raws, Dictionary<string, byte[]> written, Dictionary<string, byte[][]> rendered)
    {
        var failures = new List<string>();
        foreach (var o in Outputs)
        {
            // A rendering with a line end inside (raw LFs) cannot be told apart by lines; compare those back to back.
            bool lineBased = o.LineBased && rendered[o.File].All(r => r.AsSpan(0, r.Length - 1).IndexOf((byte)'\n') < 0);
            if (lineBased) CompareLines(o, raws, written[o.File], rendered[o.File], failures);
            else CompareConcatenated(o, raws, written[o.File], rendered[o.File], failures);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} differences:\n" + string.Join("\n", failures));
    }

    /// <summary>Each output's rendering of each raw message, by SyslogParser and Sluice's templates.</summary>
    private static Dictionary<string, byte[][]> RenderWithSluice(byte[][] raws, List<byte[]> received, GlobalSettings settings,
        InputInfo input, MessageFlags flags)
    {
        var registry = new TemplateRegistry();
        var factory = new TemplateFactory();
        factory.AddBuiltIns(registry);
        registry.Add(factory.CreateStringTemplate("props", PropertyTemplate, SourceLocation.None), SourceLocation.None);

        var parser = new SyslogParser(settings);
        var message = new Message(); // reused across lines, as a pooled message is
        var buffer = new ByteBuffer();
        var result = Outputs.ToDictionary(o => o.File, _ => new byte[raws.Length][]);

        for (int i = 0; i < raws.Length; i++)
        {
            // "timegenerated fromhost[ msg]"
            string[] facts = Encoding.UTF8.GetString(received[i]).Split(' ', 3);
            var generated = SyslogTime.FromDateTimeOffset(DateTimeOffset.Parse(facts[0], CultureInfo.InvariantCulture));

            message.SetRaw(raws[i]);
            message.Flags |= flags;
            message.Input = input;
            message.Peer = new PeerInfo(Encoding.UTF8.GetBytes(facts[1]), "127.0.0.1"u8.ToArray(), []);
            message.TimeGenerated = generated;
            parser.Parse(message);

            var context = new RenderContext(generated, "sluice-e2e"u8.ToArray());
            foreach (var o in Outputs)
            {
                buffer.Clear();
                registry.Find(o.Template)!.Render(message, buffer, context);
                result[o.File][i] = buffer.WrittenSpan.ToArray();
            }
        }
        return result;
    }

    private static void CompareLines(Output o, byte[][] corpus, byte[] written, byte[][] rendered, List<string> failures)
    {
        var expected = SplitAfterLf(written);
        if (expected.Count != corpus.Length)
            failures.Add($"{o.Template}: rsyslogd wrote {expected.Count} lines for {corpus.Length} messages");
        for (int i = 0; i < Math.Min(expected.Count, corpus.Length); i++)
        {
            if (expected[i].AsSpan().SequenceEqual(rendered[i])) continue;
            failures.Add($"{o.Template} line {i} [{RsyslogParserInteropTests.Show(corpus[i])}]\n" + Difference(expected[i], rendered[i]));
        }
    }

    /// <summary>
    /// A format without a line end: the file is every rendering back to back. Compared message by message at the
    /// offsets Sluice's renderings give; after the first difference the offsets no longer line up, so it stops.
    /// </summary>
    private static void CompareConcatenated(Output o, byte[][] corpus, byte[] written, byte[][] rendered, List<string> failures)
    {
        int offset = 0;
        for (int i = 0; i < corpus.Length; i++)
        {
            int available = Math.Max(0, Math.Min(rendered[i].Length, written.Length - offset));
            var expected = written.AsSpan(offset, available);
            if (available == rendered[i].Length && expected.SequenceEqual(rendered[i]))
            {
                offset += available;
                continue;
            }
            int context = Math.Min(written.Length - offset, rendered[i].Length + 40);
            failures.Add($"{o.Template} message {i} [{RsyslogParserInteropTests.Show(corpus[i])}] (later messages not compared)\n" +
                         Difference(written.AsSpan(offset, context).ToArray(), rendered[i]));
            return;
        }
        if (offset != written.Length)
            failures.Add($"{o.Template}: rsyslogd wrote {written.Length - offset} bytes more than Sluice rendered");
    }

    /// <summary>Where two renderings part, with some bytes of context from each.</summary>
    private static string Difference(byte[] rsyslogd, byte[] sluice)
    {
        int at = rsyslogd.AsSpan().CommonPrefixLength(sluice);
        int from = Math.Max(0, at - 40);
        string Around(byte[] b) => RsyslogParserInteropTests.Show(b.AsSpan(Math.Min(from, b.Length)).ToArray());
        return $"  from byte {at}:\n  rsyslogd [{Around(rsyslogd)}]\n  sluice   [{Around(sluice)}]";
    }

    /// <summary>Lines with their LF (every line-based format ends its rendering with one).</summary>
    private static List<byte[]> SplitAfterLf(byte[] all)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < all.Length; i++)
        {
            if (all[i] != (byte)'\n') continue;
            lines.Add(all.AsSpan(start, i + 1 - start).ToArray());
            start = i + 1;
        }
        if (start < all.Length) lines.Add(all.AsSpan(start).ToArray());
        return lines;
    }
}
