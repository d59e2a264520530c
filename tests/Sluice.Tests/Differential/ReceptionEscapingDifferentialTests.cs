using System.Text;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Differential;

/// <summary>
/// Receive-side escaping ($EscapeControlCharactersOnReceive, $ControlCharacterEscapePrefix, $DropTrailingLFOnReception,
/// $Escape8BitCharactersOnReceive, $SpaceLFOnReceive, $EscapeControlCharacterTab and their global() forms), written by
/// rsyslogd and by sluiced over messages full of control characters, tabs, LFs, NULs and 8-bit bytes.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class ReceptionEscapingDifferentialTests
{
    private const string Templates =
        "template(name=\"raw\" type=\"string\" string=\"raw=[%rawmsg%] msg=[%msg%] tag=[%syslogtag%] host=[%hostname%]\\n\")\n";

    private static readonly DifferentialOutput[] Outputs = [new("raw", "raw"), new("file", "RSYSLOG_FileFormat")];

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static readonly byte[][] Lines =
    [
        B("<13>Nov 22 08:00:00 host tag: tab\there"),
        B("<13>Nov 22 08:00:00 host tag: lf\nin\nthe middle"),
        B("<13>Nov 22 08:00:00 host tag: ends with lf\n"),
        B("<13>Nov 22 08:00:00 host tag: ends with two lf\n\n"),
        B("<13>Nov 22 08:00:00 host tag: cr\r\nlf\r"),
        B("<13>Nov 22 08:00:00 host tag: ctl \u0001\u0002\u001b[0m \u007f del"),
        B("<13>Nov 22 08:00:00 host tag: nul \0 in the middle \u0001 after"),
        B("<13>Nov 22 08:00:00 host tag: ctl \u0001 before nul \0 x"),
        B("<13>Nov 22 08:00:00 host tag: ends with nul\0"),
        B("<13>Nov 22 08:00:00 host tag: ends with lf and nul\n\0"),
        B("<13>Nov 22 08:00:00 host tag: lf then ctl\n\u0001 x"),
        Cat(B("<13>Nov 22 08:00:00 host tag: 8bit "), [0xE9, 0xE8], B(" and ctl \u0001 and lf\n end")),
        Cat(B("<13>Nov 22 08:00:00 host tag: ctl \u0001 then lf\n then 8bit "), [0xE9], B(" end")),
        Cat(B("<13>Nov 22 08:00:00 host tag: utf8 caf"), [0xC3, 0xA9, 0x20, 0xE2, 0x82, 0xAC, 0x20, 0xFF]),
        B("<13>Nov 22 08:00:00 ho\tst tag: tab in the host name"),
        B("<13>Nov 22 08:00:00 host ta\tg: tab in the tag"),
        B("\u0001<13>Nov 22 08:00:00 host tag: control character first"),
        B("<13>Nov 22 08:00:00 host tag:\u0001"),
        B("<13>Nov 22 08:00:00 host tag: ctl last\u0001\n"),
        B("\n"),
        B("<13>1 2003-10-11T22:14:15.003Z host app - - - rfc5424\twith\ttabs\nand lf\u0002"),
        Cat(B("<13>1 2003-10-11T22:14:15.003Z host app - - - "), [0xEF, 0xBB, 0xBF], B("bom\nand lf")),
    ];

    private static byte[][] Corpus() => Lines.Concat(DifferentialCorpus.All()).ToArray();

    /// <summary>Each variant: (global() parameters, legacy directives).</summary>
    private static (string Globals, string Preamble) Settings(string variant) => variant switch
    {
        "spaceLF" => ("parser.spaceLFOnReceive=\"on\"", ""),
        "$SpaceLFOnReceive" => ("", "$SpaceLFOnReceive on"),
        "spaceLF,no-escape" => ("parser.spaceLFOnReceive=\"on\" parser.escapeControlCharactersOnReceive=\"off\"", ""),
        "spaceLF,8bit,keep-lf" => ("parser.spaceLFOnReceive=\"on\" parser.escape8BitCharactersOnReceive=\"on\" parser.dropTrailingLFOnReception=\"off\"", ""),
        "$Escape…Off,$DropTrailingLF…Off" => ("", "$EscapeControlCharactersOnReceive off\n$DropTrailingLFOnReception off"),
        // $ControlCharacterEscapePrefix itself makes rsyslogd 8.2302 crash (SIGSEGV while loading the config), so the
        // legacy form is covered by Parsing/ReceptionDirectiveTests only.
        "$Escape8Bit,prefix" => ("parser.controlCharacterEscapePrefix=\"^\"", "$Escape8BitCharactersOnReceive on"),
        "prefix,tab,8bit" => ("parser.controlCharacterEscapePrefix=\"\\\\\" parser.escapeControlCharacterTab=\"off\" parser.escape8BitCharactersOnReceive=\"on\"", ""),
        "$EscapeControlCharacterTab" => ("", "$EscapeControlCharacterTab off"),
        "cstyle" => ("parser.escapeControlCharactersCStyle=\"on\"", ""),
        _ => throw new ArgumentException(variant),
    };

    public static TheoryData<string> Variants => new()
    {
        "spaceLF", "$SpaceLFOnReceive", "spaceLF,no-escape", "spaceLF,8bit,keep-lf", "$Escape…Off,$DropTrailingLF…Off",
        "$Escape8Bit,prefix", "prefix,tab,8bit", "$EscapeControlCharacterTab", "cstyle",
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Escaping_on_reception(string variant)
    {
        var (globals, preamble) = Settings(variant);
        DifferentialRun.AssertIdentical(Templates, Outputs, Corpus(), globals, preamble);
    }
}
