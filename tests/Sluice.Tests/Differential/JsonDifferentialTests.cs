using System.Text;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Differential;

/// <summary>
/// jsonmesg and mmjsonparse, written by rsyslogd and by sluiced. jsonmesg shows every field of the message and the
/// whole $! tree, so it is how the differential tests see what mmjsonparse put where (subtree templates cannot be
/// compared: rsyslogd 8.2302 writes nothing for them, see Templates/SubtreeTemplate.cs).
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class JsonDifferentialTests
{
    private const string Templates =
        "template(name=\"jm\" type=\"string\" string=\"%parsesuccess% %jsonmesg%\\n\")\n" +
        "template(name=\"jl\" type=\"list\") { property(name=\"jsonmesg\") constant(value=\"\\n\") }\n";

    private static readonly DifferentialOutput[] Outputs = [new("jm", "jm"), new("jl", "jl")];

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>MSG texts aimed at mmjsonparse (each sent as an RFC 3164 line and as an RFC 5424 line).</summary>
    private static readonly byte[][] JsonTexts =
    [
        B("@cee: {\"a\":{\"b\":1,\"c\":\"x/y\"},\"d\":[1,2.50,\"\\u00e9\"],\"e\":null,\"f\":true,\"g\":-0.0,\"h\":1e5}"),
        B("@cee:{\"k\":\"v\"}"),
        B("{\"plain\":1}"),
        B("@cee: {\"a\":1}  "),
        B("@cee: {\"a\":1} x"),
        B("@cee: [1,2]"),
        B("@cee: \"just a string\""),
        B("@cee: not json"),
        B("@cee: {'single':'quotes', \"trailing\":1,}"),
        B("@cee: {\"nested\":{\"deep\":{\"deeper\":[{\"x\":[]},{}]}}}"),
        B("@cee: {\"dup\":1,\"dup\":2,\"other\":3}"),
        B("@cee: {\"esc\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u001f \\u007f \\u20ac \\ud83d\\ude00\"}"),
        B("@cee: {\"big\":12345678901234567890,\"neg\":-9223372036854775809,\"float\":3.14159265358979323846,\"exp\":-1.5E-3}"),
        B("@cee: {}"),
        B("@cee:"),
        B("@cee: {\"a\":1"),
        B("   @cee: {\"lead\":\"spaces\"}"),
        B("@cee: /* comment */ {\"c\":1}"),
        B("@CEE: {\"case\":1}"),
        B("@cee: {\"msg\":\"a msg member\",\"n\":[null,false]}"),
        Cat(B("@cee: {\"utf8\":\"caf"), [0xC3, 0xA9], B("\",\"bad\":\""), [0xFF, 0xFE], B("\"}")),
        Cat([0xEF, 0xBB, 0xBF], B("@cee: {\"bom\":1}")),
        B("@cee: {\"raw tab\":\"a\tb\",\"raw lf\":\"c\nd\",\"raw ctl\":\"\u0001\"}"),
        B("@cee:\t{\"tab\":\"before the object\"}\n"),
        B("\t@cee: {\"tab\":\"before the cookie\"}"),
    ];

    private static byte[][] Corpus()
    {
        var lines = new List<byte[]>();
        foreach (var text in JsonTexts)
        {
            lines.Add(Cat(B("<13>Nov 22 08:00:00 host tag: "), text));
            lines.Add(Cat(B("<165>1 2003-10-11T22:14:15.003Z host.example.com app 42 ID7 [a@1 k=\"v\"] "), text));
        }
        lines.AddRange(DifferentialCorpus.All());
        return lines.ToArray();
    }

    public static TheoryData<string> Variants => new() { "default", "raw-control-characters" };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Jsonmesg_over_the_whole_corpus(string variant) =>
        DifferentialRun.AssertIdentical(Templates, Outputs, Corpus(), BuiltInTemplateDifferentialTests.Globals(variant));

    public static TheoryData<string> Parsers => new()
    {
        "action(type=\"mmjsonparse\")",
        "action(type=\"mmjsonparse\" cookie=\"\")",
        "action(type=\"mmjsonparse\" cookie=\"@CEE:\" container=\"$!cee\")",
        // Three in a row: the later ones merge into what the earlier ones left, and parsesuccess is the last verdict.
        "action(type=\"mmjsonparse\")\naction(type=\"mmjsonparse\" cookie=\"\" container=\"$!plain\")\n" +
        "action(type=\"mmjsonparse\" cookie=\"<\" useRawMsg=\"on\" container=\"!raw\")",
    };

    [Theory]
    [MemberData(nameof(Parsers))]
    public void Mmjsonparse(string actions) =>
        DifferentialRun.AssertIdentical(Templates, Outputs, Corpus(), preamble: "module(load=\"mmjsonparse\")", actions: actions);

    [Fact]
    public void Mmjsonparse_with_raw_control_characters() =>
        DifferentialRun.AssertIdentical(Templates, Outputs, Corpus(), BuiltInTemplateDifferentialTests.Globals("raw-control-characters"),
            preamble: "module(load=\"mmjsonparse\")", actions: "action(type=\"mmjsonparse\")\naction(type=\"mmjsonparse\" cookie=\"\" container=\"$!p\")");

    /// <summary>mmrm1stspace leaves a NUL at the end of the raw message: jsonmesg's "rawmsg" stops there, as in rsyslog.</summary>
    [Fact]
    public void Jsonmesg_after_other_modifiers() =>
        DifferentialRun.AssertIdentical(Templates, Outputs, Corpus(),
            preamble: "module(load=\"mmrm1stspace\")\nmodule(load=\"mmjsonparse\")",
            actions: "action(type=\"mmrm1stspace\")\naction(type=\"mmjsonparse\" cookie=\"\")");
}
