using Sluice.Tests.Integration;

namespace Sluice.Tests.Differential;

/// <summary>Every built-in template, over the whole corpus, written by rsyslogd and by sluiced.</summary>
[Collection(DaemonCollection.Name)]
public sealed class BuiltInTemplateDifferentialTests
{
    private static readonly DifferentialOutput[] BuiltIns =
    [
        new("file", "RSYSLOG_FileFormat"),
        new("trad-file", "RSYSLOG_TraditionalFileFormat"),
        new("fwd", "RSYSLOG_ForwardFormat"),
        new("trad-fwd", "RSYSLOG_TraditionalForwardFormat"),
        new("sysklogd", "RSYSLOG_SysklogdFileFormat"),
        new("protocol23", "RSYSLOG_SyslogProtocol23Format"),
        new("rfc5424", "RSYSLOG_SyslogRFC5424Format"),
        new("debug", "RSYSLOG_DebugFormat"),
    ];

    public static TheoryData<string> Variants => new() { "default", "raw-control-characters", "no-escape" };

    /// <summary>
    /// The parser settings of a variant as global() parameters: with escaping and LF dropping off, control characters
    /// and line ends reach the templates as they arrived.
    /// </summary>
    internal static string Globals(string variant) => variant switch
    {
        "default" => "",
        "raw-control-characters" => "parser.escapeControlCharactersOnReceive=\"off\" parser.dropTrailingLFOnReception=\"off\"",
        // The seed article's server: "$EscapeControlCharactersOnReceive off", trailing LFs still dropped.
        "no-escape" => "parser.escapeControlCharactersOnReceive=\"off\"",
        _ => throw new ArgumentException(variant),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_built_in_template(string variant) =>
        DifferentialRun.AssertIdentical("", BuiltIns, DifferentialCorpus.All(), Globals(variant));
}
