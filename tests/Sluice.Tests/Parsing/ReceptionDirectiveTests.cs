using System.Text;
using Sluice.Engine.Runtime;
using Sluice.Tests.Modifiers;
using Sluice.Tests.Properties;
using Sluice.Tests.Scripting.Statements;

namespace Sluice.Tests.Parsing;

/// <summary>
/// The reception escaping settings as config sets them (legacy $-directives and global()), and $SpaceLFOnReceive's
/// sanitizing. The byte-for-byte comparison with rsyslogd is in Differential/ReceptionEscapingDifferentialTests.
/// </summary>
public class ReceptionDirectiveTests
{
    private static GlobalSettings Bind(string config)
    {
        using var plan = new ScriptPlan(config);
        return plan.Plan.Globals;
    }

    [Fact]
    public void Defaults_are_rsyslogs()
    {
        var g = Bind("");
        Assert.True(g.EscapeControlCharactersOnReceive);
        Assert.True(g.EscapeControlCharacterTab);
        Assert.True(g.DropTrailingLFOnReception);
        Assert.False(g.SpaceLFOnReceive);
        Assert.False(g.Escape8BitCharactersOnReceive);
        Assert.False(g.EscapeControlCharactersCStyle);
        Assert.Equal((byte)'#', g.ControlCharacterEscapePrefix);
    }

    [Fact]
    public void Legacy_directives()
    {
        // $ControlCharacterEscapePrefix makes rsyslogd 8.2302 crash while loading the config; Sluice takes it.
        var g = Bind("$SpaceLFOnReceive on\n$ControlCharacterEscapePrefix ^\n$Escape8BitCharactersOnReceive on\n" +
                     "$EscapeControlCharacterTab off\n$DropTrailingLFOnReception off\n$EscapeControlCharactersOnReceive off\n");
        Assert.True(g.SpaceLFOnReceive);
        Assert.Equal((byte)'^', g.ControlCharacterEscapePrefix);
        Assert.True(g.Escape8BitCharactersOnReceive);
        Assert.False(g.EscapeControlCharacterTab);
        Assert.False(g.DropTrailingLFOnReception);
        Assert.False(g.EscapeControlCharactersOnReceive);
    }

    [Fact]
    public void Global_parameters_and_a_later_value_wins()
    {
        var g = Bind("global(parser.spaceLFOnReceive=\"on\" parser.escapeControlCharactersCStyle=\"on\" " +
                     "parser.controlCharacterEscapePrefix=\"!\")\n$SpaceLFOnReceive off\n");
        Assert.False(g.SpaceLFOnReceive);
        Assert.True(g.EscapeControlCharactersCStyle);
        Assert.Equal((byte)'!', g.ControlCharacterEscapePrefix);
    }

    [Fact]
    public void Bad_values_are_errors()
    {
        var errors = ScriptPlan.Errors("$SpaceLFOnReceive maybe\n");
        Assert.Contains("$SpaceLFOnReceive", Assert.Single(errors));
    }

    private static string Raw(byte[] line, GlobalSettings settings)
    {
        var m = new Sluice.Engine.Messages.Message();
        m.SetRaw(line);
        m.TimeGenerated = SampleMessages.Received;
        new Sluice.Engine.Parsing.SyslogParser(settings).Parse(m);
        return Encoding.Latin1.GetString(m.Raw);
    }

    private static string Raw(string line, GlobalSettings settings) => Raw(Encoding.Latin1.GetBytes(line), settings);

    [Fact]
    public void Space_lf_turns_every_lf_into_a_space_but_the_dropped_trailing_one()
    {
        var on = new GlobalSettings { SpaceLFOnReceive = true };
        Assert.Equal("<13>Nov 22 08:00:00 host tag: a b c", Raw("<13>Nov 22 08:00:00 host tag: a\nb\nc\n", on));
        Assert.Equal("<13>Nov 22 08:00:00 host tag: a  ", Raw("<13>Nov 22 08:00:00 host tag: a\n\n\n", on));
        Assert.Equal("<13>Nov 22 08:00:00 host tag: a b ", Raw("<13>Nov 22 08:00:00 host tag: a\nb\n", on with { DropTrailingLFOnReception = false }));
    }

    [Fact]
    public void Space_lf_keeps_rsyslogs_restart_so_only_the_last_control_character_is_escaped()
    {
        var on = new GlobalSettings { SpaceLFOnReceive = true };
        // rsyslog's pre-scan runs to the end instead of stopping at \x01, then copies everything but the last byte.
        Assert.Equal("<13>Nov 22 08:00:00 host tag: a\u0001b c#002", Raw("<13>Nov 22 08:00:00 host tag: a\u0001b\nc\u0002", on));
        // An 8-bit byte to escape stops the scan: from one byte before it, everything is escaped again.
        Assert.Equal("<13>Nov 22 08:00:00 host tag: a\u0001 #351#001",
            Raw("<13>Nov 22 08:00:00 host tag: a\u0001\n\u00e9\u0001", on with { Escape8BitCharactersOnReceive = true }));
        // Escaping off: a trailing NUL is dropped, other control characters stay.
        Assert.Equal("<13>Nov 22 08:00:00 host tag: a\u0001 b",
            Raw("<13>Nov 22 08:00:00 host tag: a\u0001\nb\0", on with { EscapeControlCharactersOnReceive = false }));
    }
}
