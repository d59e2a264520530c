using System.Diagnostics;
using System.Text;
using Sluice.Engine.Framing;
using Sluice.Engine.Messages;
using Sluice.Engine.Parsing;
using Sluice.Engine.Runtime;
using Sluice.Tests.Parsing;

namespace Sluice.Tests.Framing;

/// <summary>
/// The questionable framing cases sent to the real rsyslogd 8.2302 (imtcp) with the matching settings; the
/// rawmsg of every message it writes must equal what TcpFramer plus SyslogParser produce. rsyslogd runs with
/// control-character escaping and trailing-LF dropping off, so rawmsg shows the frame as framed. Each stream goes
/// on its own connection, followed by a sentinel connection; both are closed and rsyslogd's close is awaited, so
/// the messages between two sentinels are exactly those of one stream.
/// </summary>
public sealed class RsyslogFramingInteropTests
{
    private sealed record Variant(string Globals, string ModuleParams, string InputParams, FramerOptions Options, string[] Streams);

    private static string N(char c, int n) => new(c, n);

    private static readonly Dictionary<string, Variant> Variants = new()
    {
        ["small"] = new("maxMessageSize=\"128\"", "MaxFrameSize=\"1000\"", "", TcpFramerTests.Small,
        [
            "0 hello\n", "300000 abc\n", "12Xhello world\n", N('A', 128) + "\n", N('A', 129) + "\n", N('A', 130) + "\nnext\n",
            "300 " + N('B', 300), "128 " + N('D', 128) + "x\n", "5 ab\ncdX\n", "x\r\ny\n", "\n\n\nq\n\n", "a\npartial",
            "3 abc20 partial", "3 abc12", "300000 abc", "99999999999 x\n", "007 abcdefg", "3 abcline\n4 x\nyz",
        ]),
        ["discard"] = new("maxMessageSize=\"128\"", "MaxFrameSize=\"1000\" discardTruncatedMsg=\"on\"", "", TcpFramerTests.SmallDiscard,
        [
            N('A', 130) + "\nnext\n", "300 " + N('B', 300) + "after\n", "129 " + N('C', 129) + "after2\n",
            "128 " + N('D', 128) + "after3\n", N('A', 200), "300 " + N('B', 200),
        ]),
        ["pipe"] = new("", "AddtlFrameDelimiter=\"124\"", "", TcpFramerTests.Pipe, ["one|two\nthree|5 a|b|c|d|\n"]),
        ["pipe-nolf"] = new("", "AddtlFrameDelimiter=\"124\" DisableLFDelimiter=\"on\"", "", TcpFramerTests.PipeNoLf,
            ["one|two\nthree|5 a|b|c|d|\n"]),
        ["nolf-small"] = new("maxMessageSize=\"128\"", "DisableLFDelimiter=\"on\"", "",
            TcpFramerTests.Small with { DisableLFDelimiter = true, MaxFrameSize = 200000 }, [N('L', 100) + "\n" + N('M', 100)]),
        ["no-octets"] = new("", "", "supportOctetCountedFraming=\"off\"", TcpFramerTests.NoOctets, ["5 a|b|c|d|\n12 abc\n"]),
    };

    public static TheoryData<string> VariantNames()
    {
        var d = new TheoryData<string>();
        foreach (var k in Variants.Keys) d.Add(k);
        return d;
    }

    [Theory]
    [MemberData(nameof(VariantNames))]
    public void QuestionableStreams_FrameLikeRsyslog(string variant)
    {
        var v = Variants[variant];
        string config = $$"""
            global(workDirectory="{dir}/work" parser.escapeControlCharactersOnReceive="off" parser.dropTrailingLFOnReception="off" {{v.Globals}})
            main_queue(queue.workerThreads="1")
            module(load="imtcp" {{v.ModuleParams}})
            input(type="imtcp" port="0" listenPortFileName="{dir}/port" {{v.InputParams}})
            template(name="t" type="list" option.jsonf="on") { property(outname="rawmsg" name="rawmsg" format="jsonf") }
            if $inputname == "imtcp" then action(type="omfile" file="{dir}/out" template="t")
            """;
        var settings = new GlobalSettings
        {
            MaxMessageSize = v.Options.MaxMessageSize,
            EscapeControlCharactersOnReceive = false,
            DropTrailingLFOnReception = false,
        };

        using var rsyslog = RsyslogDaemon.Start(config);
        var failures = new List<string>();
        int seen = 0;
        for (int k = 0; k < v.Streams.Length; k++)
        {
            byte[] stream = Encoding.ASCII.GetBytes(v.Streams[k]);
            string sentinel = $"--end-{k}--"; // framed by the close of its own connection
            rsyslog.SendAndAwaitClose(stream);
            rsyslog.SendAndAwaitClose(Encoding.ASCII.GetBytes(sentinel));

            var rawmsgs = WaitForSentinel(rsyslog, sentinel, seen);
            var fromRsyslog = rawmsgs.Skip(seen).Take(rawmsgs.Count - seen - 1).Select(r => RecordingSink.Show(r)).ToList();
            seen = rawmsgs.Count;

            var fromSluice = FrameAndParse(v.Options, settings, stream).Select(r => RecordingSink.Show(r)).ToList();
            if (!fromRsyslog.SequenceEqual(fromSluice))
            {
                failures.Add($"stream [{RecordingSink.Show(stream)}]\n  rsyslog: [{string.Join(", ", fromRsyslog)}]\n" +
                             $"  sluice:  [{string.Join(", ", fromSluice)}]");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static List<byte[]> WaitForSentinel(RsyslogDaemon rsyslog, string sentinel, int from)
    {
        var sw = Stopwatch.StartNew();
        byte[] want = Encoding.ASCII.GetBytes(sentinel);
        while (sw.Elapsed < TimeSpan.FromSeconds(60))
        {
            var rawmsgs = rsyslog.ReadLines().Select(l => RsyslogJson.ParseFlatObject(l)["rawmsg"]).ToList();
            for (int i = from; i < rawmsgs.Count; i++)
                if (rawmsgs[i].AsSpan().SequenceEqual(want)) return rawmsgs.Take(i + 1).ToList();
            Thread.Sleep(50);
        }
        throw new TimeoutException($"rsyslogd never wrote {sentinel}. Console: {rsyslog.Console}");
    }

    private static List<byte[]> FrameAndParse(FramerOptions options, GlobalSettings settings, byte[] stream)
    {
        var sink = new ParsingSink(new SyslogParser(settings));
        var framer = new TcpFramer(options);
        framer.Feed(stream, sink);
        framer.Finish(sink);
        return sink.RawMessages;
    }

    private sealed class ParsingSink(SyslogParser parser) : IFrameSink
    {
        public List<byte[]> RawMessages { get; } = [];

        public void OnFrame(ReadOnlySpan<byte> frame, bool truncated)
        {
            var m = new Message { Input = new InputInfo("imtcp", null) };
            m.SetRaw(frame);
            parser.Parse(m);
            RawMessages.Add(m.Raw.ToArray());
        }

        public void OnFramingError(FramingError error, int value) { }
    }
}
