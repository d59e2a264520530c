using System.Text;
using Sluice.Engine.Framing;

namespace Sluice.Tests.Framing;

/// <summary>
/// TcpFramer against rsyslog's receive framing (tcps_sess.c). Every case is fed whole, split at every byte
/// boundary across two Feed calls, and byte by byte; all must report the same frames and errors. Events read
/// "F:frame" (complete), "T:frame" (cut at maxMessageSize), "E:error:value". "{xN}" means the byte before it N
/// times. The questionable cases are also checked against rsyslogd 8.2302 in RsyslogFramingInteropTests.
/// </summary>
public sealed class TcpFramerTests
{
    internal static readonly FramerOptions Defaults = new();
    internal static readonly FramerOptions Small = new() { MaxMessageSize = 128, MaxFrameSize = 1000 };
    internal static readonly FramerOptions SmallDiscard = Small with { DiscardTruncatedMsg = true };
    internal static readonly FramerOptions Pipe = new() { AddtlFrameDelimiter = '|' };
    internal static readonly FramerOptions PipeNoLf = Pipe with { DisableLFDelimiter = true };
    internal static readonly FramerOptions NoOctets = new() { SupportOctetCountedFraming = false };

    internal sealed record Case(string Name, FramerOptions Options, byte[] Stream, string[] Expected);

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
    private static string N(char c, int n) => new(c, n);

    internal static readonly Case[] Cases =
    [
        new("lf frames", Defaults, B("a\nbb\nccc\n"), ["F:a", "F:bb", "F:ccc"]),
        new("octet-counted frames", Defaults, B("3 abc5 hello"), ["F:abc", "F:hello"]),
        new("mixed on one stream, lf kept inside octet frame", Defaults, B("3 abcline\n4 x\nyz"), ["F:abc", "F:line", "F:x\\x0Ayz"]),
        new("count with leading zeros", Defaults, B("007 abcdefg"), ["F:abcdefg"]),
        new("count 0 falls back to lf framing, digits dropped", Defaults, B("0 hello\n"), ["E:InvalidOctetCount:0", "F:hello"]),
        new("count above MaxFrameSize: lf framing, digits kept, SP dropped", Small, B("300000 abc\n"),
            ["E:OversizeOctetCount:300000", "E:FrameTooLarge:300000", "F:300000abc"]),
        new("huge count saturates", Defaults, B("99999999999 x\n"),
            ["E:OversizeOctetCount:999999999", "E:FrameTooLarge:999999999", "F:99999999999x"]),
        new("count above maxMessageSize: truncated, one byte lost per split", Small, B("300 " + N('B', 300)),
            ["E:OversizeOctetCount:300", "E:MessageTruncated:128", "T:B{x128}", "E:MessageTruncated:128", "T:B{x128}", "F:B{x42}"]),
        new("non-SP terminator is reported and the count used", Defaults, B("12Xhello world\n"),
            ["E:DelimiterNotSpace:88", "F:hello world\\x0A"]),
        new("octet frame keeps lf and the rest frames by lf", Small, B("5 ab\ncdX\n"), ["F:ab\\x0Acd", "F:X"]),
        new("crlf keeps the cr", Defaults, B("x\r\ny\n"), ["F:x\\x0D", "F:y"]),
        new("nul bytes are data", Defaults, B("abc\0def\n\0\n"), ["F:abc\\x00def", "F:\\x00"]),
        new("empty frames are dropped", Defaults, B("\n\n\nq\n\n"), ["F:q"]),
        new("exactly maxMessageSize", Small, B(N('A', 128) + "\n"), ["F:A{x128}"]),
        new("maxMessageSize+1: the byte at the split is lost", Small, B(N('A', 129) + "\n"),
            ["E:MessageTruncated:128", "T:A{x128}"]),
        new("maxMessageSize+2: split keeps the rest", Small, B(N('A', 130) + "\nnext\n"),
            ["E:MessageTruncated:128", "T:A{x128}", "F:A", "F:next"]),
        new("octet frame of exactly maxMessageSize", Small, B("128 " + N('D', 128) + "x\n"), ["F:D{x128}", "F:x"]),
        new("discardTruncatedMsg skips to the next lf", SmallDiscard, B(N('A', 130) + "\nnext\n"),
            ["E:MessageTruncated:128", "T:A{x128}", "F:next"]),
        new("discardTruncatedMsg skips the rest of an octet frame", SmallDiscard, B("300 " + N('B', 300) + "after\n"),
            ["E:OversizeOctetCount:300", "E:MessageTruncated:128", "T:B{x128}", "F:after"]),
        new("discardTruncatedMsg: the dropped byte ends the octet frame", SmallDiscard, B("129 " + N('C', 129) + "after2\n"),
            ["E:OversizeOctetCount:129", "E:MessageTruncated:128", "T:C{x128}", "F:after2"]),
        new("AddtlFrameDelimiter", Pipe, B("one|two\nthree|5 a|b|c|d|\n"), ["F:one", "F:two", "F:three", "F:a|b|c", "F:d"]),
        new("DisableLFDelimiter", PipeNoLf, B("one|two\nthree|5 a|b|c|d|\n"), ["F:one", "F:two\\x0Athree", "F:a|b|c", "F:d", "F:\\x0A"]),
        new("DisableLFDelimiter without another delimiter: maxMessageSize splits", Small with { DisableLFDelimiter = true },
            B(N('L', 100) + "\n" + N('M', 100)), ["E:MessageTruncated:128", "T:L{x100}\\x0AM{x27}", "F:M{x72}"]),
        new("SupportOctetCountedFraming off", NoOctets, B("5 a|b|c|d|\n12 abc\n"), ["F:5 a|b|c|d|", "F:12 abc"]),
        new("close inside an lf frame submits it", Defaults, B("a\npartial"), ["F:a", "F:partial"]),
        new("close inside an octet frame discards it", Defaults, B("3 abc20 partial"), ["F:abc", "E:IncompleteFrameAtClose:7"]),
        new("close inside an octet count discards it", Defaults, B("3 abc12"), ["F:abc", "E:IncompleteFrameAtClose:2"]),
        new("close after a fallen-back count submits it", Small, B("300000 abc"),
            ["E:OversizeOctetCount:300000", "E:FrameTooLarge:300000", "F:300000abc"]),
        new("close while discarding an lf frame submits nothing", SmallDiscard, B(N('A', 200)), ["E:MessageTruncated:128", "T:A{x128}"]),
        new("close while discarding an octet frame", SmallDiscard, B("300 " + N('B', 200)),
            ["E:OversizeOctetCount:300", "E:MessageTruncated:128", "T:B{x128}", "E:IncompleteFrameAtClose:0"]),
    ];

    public static TheoryData<string> CaseNames()
    {
        var d = new TheoryData<string>();
        foreach (var c in Cases) d.Add(c.Name);
        return d;
    }

    private static Case Get(string name) => Cases.Single(c => c.Name == name);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Stream_YieldsRsyslogFrames(string name)
    {
        var c = Get(name);
        Assert.Equal(c.Expected, FramerRun.Whole(c.Options, c.Stream));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Stream_SplitAnywhere_YieldsTheSameFrames(string name)
    {
        var c = Get(name);
        foreach (var (how, events) in FramerRun.EverySplit(c.Options, c.Stream))
            Assert.True(c.Expected.SequenceEqual(events), $"{how}: [{string.Join(", ", events)}]");
    }

    [Fact]
    public void CountSplitAcrossThreeReads()
    {
        var events = FramerRun.Chunks(Defaults, [B("1"), B("1 hello"), B(" world")]);
        Assert.Equal(["F:hello world"], events);
    }

    [Fact]
    public void IsAtFrameStart_TracksPartialFrames()
    {
        var framer = new TcpFramer(Defaults);
        var sink = new RecordingSink();
        Assert.True(framer.IsAtFrameStart);
        framer.Feed(B("abc"), sink);
        Assert.False(framer.IsAtFrameStart);
        framer.Feed(B("\n"), sink);
        Assert.True(framer.IsAtFrameStart);
        framer.Feed(B("5 ab"), sink);
        Assert.False(framer.IsAtFrameStart);
        framer.Reset();
        Assert.True(framer.IsAtFrameStart);
        framer.Feed(B("x\n"), sink);
        Assert.Equal(["F:abc", "F:x"], sink.Events); // Reset dropped the partial octet frame
    }

    [Fact]
    public void WholeFrameInOneRead_IsHandedOnWithoutCopy()
    {
        // The fast path passes a slice of the caller's buffer; the slow path a slice of the framer's own.
        var framer = new TcpFramer(Defaults);
        var sink = new SpanOriginSink();
        byte[] data = B("abc\n3 xyz");
        sink.Source = data;
        framer.Feed(data, sink);
        Assert.Equal([true, true], sink.FromSource);
    }

    private sealed class SpanOriginSink : IFrameSink
    {
        public byte[] Source = [];
        public List<bool> FromSource { get; } = [];

        public unsafe void OnFrame(ReadOnlySpan<byte> frame, bool truncated)
        {
            fixed (byte* f = frame)
            fixed (byte* s = Source)
                FromSource.Add(f >= s && f < s + Source.Length);
        }

        public void OnFramingError(FramingError error, int value) { }
    }

    [Fact]
    public void Feed_DoesNotAllocate()
    {
        var framer = new TcpFramer(Small);
        var sink = new CountingSink();
        byte[] data = B("a\nbb\n" + "3 abc" + N('A', 300) + "\n300 " + N('B', 300) + "0 x\n");
        framer.Feed(data, sink); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            framer.Feed(data.AsSpan(0, 7), sink);
            framer.Feed(data.AsSpan(7), sink);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sink.Frames > 200);
    }

    private sealed class CountingSink : IFrameSink
    {
        public int Frames;
        public void OnFrame(ReadOnlySpan<byte> frame, bool truncated) => Frames++;
        public void OnFramingError(FramingError error, int value) { }
    }
}
