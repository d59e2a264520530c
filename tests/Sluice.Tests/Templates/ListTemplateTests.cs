using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Templates;

/// <summary>
/// template(type="list") and the template options, bound from config text as the daemon binds them; expectations are
/// what rsyslogd 8.2302 wrote for the same lines received over imtcp.
/// </summary>
public class ListTemplateTests
{
    /// <summary>Binds <paramref name="config"/> and returns its templates.</summary>
    internal static TemplateRegistry Templates(string config)
    {
        var services = new EngineServices(new GlobalSettings(), new RecordingLog(), new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        new PlanBuilder(new ModuleRegistry(), new TemplateFactory()).Build(ConfigLoader.LoadText(config, "test.conf"), services);
        return services.Templates;
    }

    private static readonly GlobalSettings RawControlCharacters = new() { EscapeControlCharactersOnReceive = false };

    private static string Render(TemplateRegistry templates, string name, string line, GlobalSettings? settings = null) =>
        SampleMessages.Render(templates.Find(name)!, SampleMessages.Parse(line, settings));

    private const string EveryOption = """
        template(name="l" type="list") {
          constant(value="A[")
          property(name="msg" format="jsonf")
          constant(value="] B[")
          property(name="msg" format="jsonf" outname="o" dataType="number")
          constant(value="] C[")
          property(name="msg" format="jsonf" outname="o" dataType="auto" onEmpty="null")
          constant(value="] D[")
          property(name="msg" format="jsonf" outname="o" dataType="bool" onEmpty="skip")
          constant(value="] E[")
          property(name="msg" position.from="2" position.to="-1")
          constant(value="] F[")
          property(name="msg" position.from="3" position.to="1" position.relativeToEnd="on")
          constant(value="] G[")
          property(name="msg" field.number="2" field.delimiter="9")
          constant(value="] H[")
          property(name="msg" controlCharacters="escape")
          constant(value="] I[")
          property(name="msg" controlCharacters="space" compressSpace="on")
          constant(value="] K[")
          property(name="msg" regex.expression="[0-9]+" regex.type="ERE" regex.match="0" regex.noMatchMode="BLANK")
          constant(value="] L[")
          property(name="msg" format="jsonf" outname="z" dataType="number")
          constant(value="] M[")
          property(name="msg" position.from="2" position.to="10" fixedWidth="on")
          constant(value="] O[")
          constant(value="x\"y" format="jsonf" outname="cst")
          constant(value="] P[")
          property(name="msg" droplastlf="on" spifno1stsp="on")
          constant(value="] Q[")
          property(name="msg" caseConversion="upper" securePath="replace")
          constant(value="]")
        }
        """;

    [Theory]
    [InlineData("<13>Nov 22 08:00:00 host tag:\"\"",
        "A[\"msg\":\"\\\"\\\"\"] B[\"o\":\\\"\\\"] C[\"o\":\"\\\"\\\"\"] D[\"o\":true] E[] F[\"\"] G[**FIELD NOT FOUND**] H[\"\"] I[\"\"] " +
        "K[] L[\"z\":\\\"\\\"] M[\"        ] O[\"cst\": \"x\\\"y\"] P[ ] Q[\"\"]")]
    [InlineData("<13>Nov 22 08:00:00 host tag: 12345",
        "A[\"msg\":\" 12345\"] B[\"o\": 12345] C[\"o\":\" 12345\"] D[\"o\":true] E[1234] F[345] G[**FIELD NOT FOUND**] H[ 12345] " +
        "I[ 12345] K[12345] L[\"z\": 12345] M[12345    ] O[\"cst\": \"x\\\"y\"] P[] Q[ 12345]")]
    [InlineData("<13>Nov 22 08:00:00 host tag:",
        "A[\"msg\":\"\"] B[\"o\":0] C[\"o\":null] D[] E[] F[] G[**FIELD NOT FOUND**] H[] I[] K[] L[\"z\":0] M[] O[\"cst\": \"x\\\"y\"] P[] Q[_]")]
    [InlineData("<13>Nov 22 08:00:00 host tag:0",
        "A[\"msg\":\"0\"] B[\"o\":0] C[\"o\":0] D[\"o\":false] E[] F[0] G[**FIELD NOT FOUND**] H[0] I[0] K[0] L[\"z\":0] M[] " +
        "O[\"cst\": \"x\\\"y\"] P[ ] Q[0]")]
    [InlineData("<13>Nov 22 08:00:00 host tag: a\tb\tc  d\\\n",
        "A[\"msg\":\" a\\tb\\tc  d\\\\\"] B[\"o\": a\\tb\\tc  d\\\\] C[\"o\":\" a\\tb\\tc  d\\\\\"] D[\"o\":true] E[a\tb\tc  d] F[ d\\] " +
        "G[b] H[ a#009b#009c  d\\] I[ a b c d\\] K[] L[\"z\": a\\tb\\tc  d\\\\] M[a\tb\tc  d\\] O[\"cst\": \"x\\\"y\"] P[] Q[ A\tB\tC  D\\]")]
    public void Every_property_option(string line, string expected) =>
        Assert.Equal(expected, Render(Templates(EveryOption), "l", line, RawControlCharacters));

    [Fact]
    public void Constants_are_unescaped_again_after_the_config_lexer()
    {
        var t = Templates("""
            template(name="c" type="list") { constant(value="a\\tb|c'd\\\\e|\\x41\\q|\\") }
            template(name="j1" type="list") { constant(value="a/b\tc" format="jsonf" outname="c1") }
            template(name="j2" type="list") { constant(value="e\\f" format="jsonf" outname="c1") }
            """);
        Assert.Equal("a\tb|c'd\\e|A\\q|\\", Render(t, "c", SampleMessages.Line1));
        Assert.Equal("\"c1\": \"a\\/b\\tc\"", Render(t, "j1", SampleMessages.Line1));
        Assert.Equal("\"c1\": \"e\\f\"", Render(t, "j2", SampleMessages.Line1));
    }

    [Theory]
    [InlineData("<13>Nov 22 08:00:00 host tag:\"\"", "{\"c1\": \"a\\/b\\tc\", \"msg\":\"\\\"\\\"\", \"tag\":\"tag:\", plain, \"\"}\n")]
    [InlineData("<13>Nov 22 08:00:00 host tag:", "{\"c1\": \"a\\/b\\tc\", \"msg\":\"\", \"tag\":\"tag:\", plain}\n")]
    [InlineData("<13>Nov 22 08:00:00 host tag:0", "{\"c1\": \"a\\/b\\tc\", \"msg\":\"0\", \"tag\":\"tag:\", plain, 0}\n")]
    public void Option_jsonf_joins_the_non_empty_entries_into_an_object(string line, string expected)
    {
        var t = Templates("""
            template(name="l" type="list" option.jsonf="on") {
              constant(value="a/b\tc" format="jsonf" outname="c1")
              property(name="msg" format="jsonf")
              property(name="syslogtag" format="jsonf" outname="tag")
              constant(value="plain")
              property(name="msg" outname="raw")
            }
            """);
        Assert.Equal(expected, Render(t, "l", line));
    }

    private const string Quotes = "<13>Nov 22 08:00:00 host tag: it's \"q\" back\\\\slash";

    [Theory]
    [InlineData("json", Quotes, "[ it's \\\"q\\\" back\\\\\\\\slash] C[const \" \\ ']\n")]
    [InlineData("json", "<13>Nov 22 08:00:00 host tag: \"\"", "[ \\\"\\\"] C[const \" \\ ']\n")]
    [InlineData("json", "<13>Nov 22 08:00:00 host tag:\"\"", "[\"\"] C[const \" \\ ']\n")] // rsyslog's check escapes nothing here
    [InlineData("sql", Quotes, "[ it\\'s \"q\" back\\\\\\\\slash] C[const \" \\ ']\n")]
    [InlineData("stdsql", Quotes, "[ it''s \"q\" back\\\\slash] C[const \" \\ ']\n")]
    public void Sql_stdsql_and_json_options_escape_property_values_only(string option, string line, string expected)
    {
        var t = Templates($$"""
            template(name="s" type="string" string="[%msg%] C[const \" \\ ']\n" option.{{option}}="on")
            template(name="l" type="list" option.{{option}}="on") { constant(value="[") property(name="msg") constant(value="] C[const \" \\\\ ']\n") }
            $template legacy,"[%msg%] C[const \" \\ ']\n",{{option}}
            """);
        Assert.Equal(expected, Render(t, "s", line));
        Assert.Equal(expected, Render(t, "l", line));
        Assert.Equal(expected, Render(t, "legacy", line));
    }

    [Fact]
    public void An_escaped_value_keeps_its_length_when_it_held_a_NUL()
    {
        // A TAG can end in rsyslog's NUL terminator (see Templates/NulTerminatedTagTests): option.json rebuilds the
        // C string but keeps the old length plus the escapes, so the NUL is written as well.
        var t = Templates("""
            template(name="json" type="string" string="[%syslogtag:1:8%]" option.json="on")
            template(name="sql" type="string" string="[%syslogtag:1:8%]" option.sql="on")
            """);
        Assert.Equal("[a\\\"b\0]", Render(t, "json", "<13>2026 Nov 22 08:00:00 h a\"b"));
        Assert.Equal("[host\0]", Render(t, "json", "<13>2026 Nov 22 08:00:00 host"));
        Assert.Equal("[a\\'b\0]", Render(t, "sql", "<13>2026 Nov 22 08:00:00 h a'b"));
    }

    [Fact]
    public void Option_jsonf_on_a_string_template()
    {
        var t = Templates("""template(name="f" type="string" string="F[%msg%] C[const]" option.jsonf="on")""");
        Assert.Equal("{F[,  a;b;;c;d y 12 z, ] C[const]}\n", Render(t, "f", "<13>Nov 22 08:00:00 host tag: a;b;;c;d y 12 z"));
    }

    [Fact]
    public void Properties_without_replacer_parameters_use_the_getters_value()
    {
        var t = Templates("""
            template(name="l" type="list") {
              property(name="timereported" dateFormat="rfc3339" date.inUTC="on") constant(value=" ")
              property(name="msg" outname="x" mandatory="on" dataType="number" format="csv") constant(value=" ")
              property(name="msg" outname="x" dataType="number")
            }
            """);
        Assert.Equal("2023-08-24T12:14:15.000003+00:00 \"It's time to make the do-nuts.\" It's time to make the do-nuts.",
            Render(t, "l", SampleMessages.Line3));
    }

    [Fact]
    public void OmitIfZero_leaves_out_a_zero_number()
    {
        // rsyslog 8.2602 semantics; 8.2302 reports omitIfZero as unknown and writes "z":0.
        var t = Templates("""
            template(name="l" type="list" option.jsonf="on") {
              property(name="msg" format="jsonf" outname="z" dataType="number" omitIfZero="on")
              property(name="msg" format="jsonf" outname="s" dataType="string" omitIfZero="on")
            }
            """);
        Assert.Equal("{\"s\":\"0\"}\n", Render(t, "l", "<13>Nov 22 08:00:00 host tag:0"));
        Assert.Equal("{\"z\":7, \"s\":\"7\"}\n", Render(t, "l", "<13>Nov 22 08:00:00 host tag:7"));
    }

    [Fact]
    public void Regex_submatch_and_match_number()
    {
        var t = Templates("""
            template(name="l" type="list") {
              property(name="msg" regex.expression="([a-z]+)=([0-9]+)" regex.type="ERE" regex.submatch="2" regex.match="1")
              constant(value="|")
              property(name="msg" regex.expression="x\\(y\\)" regex.submatch="1" regex.noMatchMode="ZERO")
              constant(value="|")
              property(name="msg" regex.expression="nothing" regex.noMatchMode="FIELD" caseConversion="upper")
            }
            """);
        Assert.Equal("2|0| A=1 B=2", Render(t, "l", "<13>Nov 22 08:00:00 host tag: a=1 b=2"));
        Assert.Equal("**NO MATCH**|y| XY", Render(t, "l", "<13>Nov 22 08:00:00 host tag: xy"));
    }

    [Theory]
    [InlineData("""template(name="t" type="list") { property(name="msg" position.from="5" position.to="2") }""",
        "test.conf:1:84: template 't': position.to=2 is lower than position.from=5")]
    [InlineData("""template(name="t" type="list") { property(name="msg" position.from="2" position.to="5" position.relativeToEnd="on") }""",
        "test.conf:1:84: template 't': position.to=5 is higher than position.from=2 with position.relativeToEnd")]
    [InlineData("""template(name="t" type="list") { constant(value="x" format="jsonf") }""",
        "test.conf:1:34: template 't': a constant() with format \"jsonf\" needs an outname")]
    [InlineData("""template(name="t" type="list") { property(name="msg" field.number="1" regex.expression="a") }""",
        "test.conf:1:34: template 't': a property() cannot have both field extraction (field.number) and regex extraction (regex.expression)")]
    [InlineData("""template(name="t" type="list") { property(name="msg" regex.expression="(a" regex.type="ERE") }""",
        "test.conf:1:71: template 't': invalid regular expression '(a': Unmatched ( or \\(")]
    [InlineData("""template(name="t" type="list") { property(name="msgg") }""",
        "test.conf:1:48: template 't': invalid property 'msgg' (did you mean 'msg'?)")]
    [InlineData("""template(name="t" type="list") { property(name="msg" controlCharacters="escape-octal") }""",
        "test.conf:1:72: property() of template 't': parameter 'controlCharacters' must be one of \"escape\", \"space\", \"drop\", not \"escape-octal\"")]
    [InlineData("""template(name="t" type="list") { property(name="msg" regex.submatch="10" regex.expression="a") }""",
        "test.conf:1:69: property() of template 't': parameter 'regex.submatch' must be between 0 and 9, not 10")]
    [InlineData("""template(name="t" type="list") { property(name="msg" field.delimiter="256" field.number="1") }""",
        "test.conf:1:70: property() of template 't': parameter 'field.delimiter' must be between 0 and 255, not 256")]
    [InlineData("""template(name="t" type="list")""",
        "test.conf:1:1: template 't' of type \"list\" needs a { } body with property() and constant()")]
    [InlineData("""template(name="t" type="list" string="x") { constant(value="x") }""",
        "test.conf:1:38: template 't' is of type \"list\", not \"string\": remove its 'string' parameter")]
    [InlineData("""template(name="t" type="string" string="x") { constant(value="x") }""",
        "test.conf:1:1: template 't': only list templates have a { } body with property() and constant()")]
    public void Errors_name_the_template_and_the_place(string config, string error) =>
        Assert.Equal(error, Assert.Single(Assert.Throws<ConfigException>(() => Templates(config)).Errors).ToString());

    [Fact]
    public void Plugin_templates_name_a_strgen()
    {
        var t = Templates("""template(name="p" type="plugin" plugin="RSYSLOG_TraditionalFileFormat")""");
        Assert.Equal("Feb  5 17:32:18 myhost sshd[123]: Accepted password for user\n", Render(t, "p", SampleMessages.Line1));
    }

    [Fact]
    public void Legacy_templates_are_bound_from_the_directive()
    {
        var t = Templates("$template Legacy1,\"%HOSTNAME%|%msg:F,32:3%\\n\"\n$template Legacy2,=RSYSLOG_TraditionalForwardFormat");
        Assert.Equal("myhost|password\n", Render(t, "Legacy1", SampleMessages.Line1));
        Assert.Equal("<134>Feb  5 17:32:18 myhost sshd[123]: Accepted password for user", Render(t, "Legacy2", SampleMessages.Line1));
    }

    [Fact]
    public void List_rendering_allocates_nothing_once_warm()
    {
        var template = Templates(EveryOption).Find("l")!;
        var messages = SampleMessages.All();
        var buffer = new ByteBuffer(1 << 16);
        var context = SampleMessages.Context;
        foreach (var m in messages) template.Render(m, buffer, context);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            foreach (var m in messages)
            {
                buffer.Clear();
                template.Render(m, buffer, context);
            }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
