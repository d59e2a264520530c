using Sluice.Engine.Config;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Templates;

/// <summary>"$template name,definition": rsyslog's tplAddLine decodes escapes itself.</summary>
public class LegacyTemplateTests
{
    private static readonly SourceLocation At = new("/etc/rsyslog.conf", 7, 1);

    private static string Render(string definition) =>
        SampleMessages.Render(new TemplateFactory().CreateLegacyTemplate("t", definition, At), SampleMessages.Sample1());

    [Fact]
    public void Escapes_are_decoded_as_rsyslog_does()
    {
        Assert.Equal("a\nb\rc\\d%e\"f", Render("\"a\\nb\\rc\\\\d\\%e\\\"f\""));
        // \NNN is decimal in rsyslog's legacy templates: \10 is LF, \65 is 'A'.
        Assert.Equal("x\ny A", Render("\"x\\10y \\65\""));
        // Any other escaped character stands for itself.
        Assert.Equal("tq", Render("\"\\t\\q\""));
    }

    [Fact]
    public void Matches_rsyslogd_output_for_a_legacy_line()
    {
        // $template legacy,"a\nb\rc\\d\%e\"f \10 \65 \t\q|%msg:1:4%|\n" written by rsyslogd 8.2302 for MSG " hello".
        var m = SampleMessages.Parse("<13>Oct  1 02:03:04 host tag: hello");
        var t = new TemplateFactory().CreateLegacyTemplate("legacy", "\"a\\nb\\rc\\\\d\\%e\\\"f \\10 \\65 \\t\\q|%msg:1:4%|\\n\"", At);
        Assert.Equal("a\nb\rc\\d%e\"f \n A tq| hel|\n", SampleMessages.Render(t, m));
    }

    [Fact]
    public void An_unescaped_quote_ends_the_template_and_options_may_follow()
    {
        Assert.Equal("myhost:sshd[123]:\n", Render("  \"%HOSTNAME%:%syslogtag%\\n\" , nosql"));
        Assert.Equal("134", Render("\"%pri%\",casesensitive"));
    }

    [Fact]
    public void Errors()
    {
        var f = new TemplateFactory();
        Assert.Contains("must start with '\"'", Assert.Throws<ConfigException>(() => f.CreateLegacyTemplate("t", "%msg%", At)).Message);
        Assert.Contains("no closing '\"'", Assert.Throws<ConfigException>(() => f.CreateLegacyTemplate("t", "\"%msg%", At)).Message);
        Assert.Contains("'jsonftree' (newer rsyslog releases) is not supported yet",
            Assert.Throws<ConfigException>(() => f.CreateLegacyTemplate("t", "\"%msg%\", jsonftree", At)).Message);
        Assert.Contains("invalid template option 'bogus'", Assert.Throws<ConfigException>(() => f.CreateLegacyTemplate("t", "\"%msg%\", bogus", At)).Message);
        Assert.Contains("strgen module 'Nope' not found", Assert.Throws<ConfigException>(() => f.CreateLegacyTemplate("t", "=Nope", At)).Message);
    }
}
