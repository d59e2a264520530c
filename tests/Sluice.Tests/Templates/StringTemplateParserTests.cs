using Sluice.Engine.Config;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Templates;

public class StringTemplateParserTests
{
    private static readonly SourceLocation At = new("/etc/rsyslog.conf", 12, 5);

    private static ConfigException Fails(string text) =>
        Assert.Throws<ConfigException>(() => new TemplateFactory().CreateStringTemplate("mytpl", text, At));

    [Theory]
    [InlineData("%msg", "no closing '%'", 0)]
    [InlineData("abc %msg:1:3:lowercase", "no closing '%'", 4)]
    [InlineData("x %%", "empty property name", 2)]
    [InlineData("%msgg%", "invalid property 'msgg' (did you mean 'msg'?)", 0)]
    [InlineData("%msg:a:3%", "invalid character 'a' in fromChar", 5)]
    [InlineData("%msg:1:3x%", "invalid character 'x' in toChar", 8)]
    [InlineData("%msg:::lowercse%", "invalid property option 'lowercse' (did you mean 'lowercase'?)", 7)]
    [InlineData("%msg:::json,csv%", "only one of json, jsonf, jsonr, jsonfr and csv", 12)]
    [InlineData("%msg:::,lowercase%", "empty property option", 7)]
    [InlineData("%msg:::drop-cc:name:x%", "too many ':'", 19)]
    [InlineData("%msg:R,XRE:a--end%", "invalid regular expression type", 7)]
    [InlineData("%msg:R,ere:a--end%", "invalid regular expression type", 7)]
    [InlineData("%msg:R,ERE,1,NONE:a--end%", "no-match mode", 13)]
    [InlineData("%msg:R,ERE,1,DFLT,1x:a--end%", "invalid character after \"R,...\"", 19)]
    [InlineData("%msg:R,ERE:(a--end%", "invalid regular expression '(a'", 11)]
    [InlineData("x %msg:R:abc%", "no \"--end\"", 2)]
    [InlineData("%msg:F,x:2%", "must be a decimal character code", 7)]
    [InlineData("%msg:F,256:2%", "not a byte value", 10)]
    [InlineData("%msg:F,59+:2%", "STRICT_GPLV3", 9)]
    [InlineData("%msg:F,59x:2%", "invalid character 'x' after \"F,59\"", 9)]
    [InlineData("%msg:Fx:2%", "invalid character after \"F\"", 6)]
    [InlineData("%msg:F,59:2x%", "invalid character 'x' in field number", 11)]
    public void Errors_name_the_template_the_problem_and_the_offset(string text, string problem, int offset)
    {
        var e = Fails(text);
        var error = Assert.Single(e.Errors);
        Assert.Equal(At, error.Location);
        Assert.Contains("template 'mytpl'", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Contains($"at offset {offset} ", error.Message);
    }

    [Fact]
    public void Property_names_and_options_are_case_insensitive()
    {
        var t = new TemplateFactory().CreateStringTemplate("t", "%HOSTNAME% %MSG:::UpperCase% %SyslogTag:1:3%", At);
        Assert.Equal("myhost  ACCEPTED PASSWORD FOR USER ssh", SampleMessages.Render(t, SampleMessages.Sample1()));
    }

    [Fact]
    public void Text_is_taken_as_delivered_by_the_rainerscript_lexer()
    {
        // template(type="string") text arrives decoded; a backslash left in it is an ordinary character.
        var t = new TemplateFactory().CreateStringTemplate("t", "a\\nb %syslogtag%\n", At);
        Assert.Equal("a\\nb sshd[123]:\n", SampleMessages.Render(t, SampleMessages.Sample1()));
    }

    [Fact]
    public void Unicode_constants_are_written_as_utf8()
    {
        var t = new TemplateFactory().CreateStringTemplate("t", "ü→𝄞 %pri%", At);
        Assert.Equal("ü→𝄞 134", SampleMessages.Render(t, SampleMessages.Sample1()));
    }

    [Fact]
    public void Trailing_comma_and_empty_option_list_are_accepted_like_rsyslog()
    {
        var t = new TemplateFactory().CreateStringTemplate("t", "[%msg:::%][%msg:1:4:lowercase,%][%hostname:::uppercase:fieldname%]", At);
        Assert.Equal("[ Accepted password for user][ acc][MYHOST]", SampleMessages.Render(t, SampleMessages.Sample1()));
    }

    [Fact]
    public void Simple_and_complex_properties_compile_to_different_entries()
    {
        var t = (EntryTemplate)new TemplateFactory().CreateStringTemplate("t", "x%msg%y%msg:2:3%", At);
        Assert.Collection(t.Entries,
            e => Assert.IsType<ConstantEntry>(e),
            e => Assert.IsType<PropertyEntry>(e),
            e => Assert.IsType<ConstantEntry>(e),
            e => Assert.IsType<ReplacerEntry>(e));
    }
}
