using System.Text;
using Sluice.Engine.Config;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Modifiers;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Templates;

/// <summary>jsonmesg, uuid, parsesuccess, $uptime and subtree templates; expected texts captured from rsyslogd 8.2302.</summary>
public class JsonPropertyTests
{
    private static Template Compile(string text) => new TemplateFactory().CreateStringTemplate("t", text, SourceLocation.None);

    [Fact]
    public void Jsonmesg_has_rsyslogs_keys_order_and_format()
    {
        var m = SampleMessages.Parse("<165>1 2003-10-11T22:14:15.003Z host.example.com app 42 ID7 [a@1 k=\"v\"] @cee: {\"x\":\"\\t\\u0001\"}");
        const string fields =
            "{ \"msg\": \"@cee: {\\\"x\\\":\\\"\\\\t\\\\u0001\\\"}\", " +
            "\"rawmsg\": \"<165>1 2003-10-11T22:14:15.003Z host.example.com app 42 ID7 [a@1 k=\\\"v\\\"] @cee: {\\\"x\\\":\\\"\\\\t\\\\u0001\\\"}\", " +
            "\"timereported\": \"2003-10-11T22:14:15.003Z\", \"hostname\": \"host.example.com\", \"syslogtag\": \"app[42]\", " +
            "\"inputname\": \"imtcp\", \"fromhost\": \"localhost\", \"fromhost-ip\": \"127.0.0.1\", \"pri\": \"165\", " +
            "\"syslogfacility\": \"20\", \"syslogseverity\": \"5\", \"timegenerated\": \"2026-11-22T08:06:09.123456+00:00\", " +
            "\"programname\": \"app\", \"protocol-version\": \"1\", \"structured-data\": \"[a@1 k=\\\"v\\\"]\", " +
            "\"app-name\": \"app\", \"procid\": \"42\", \"msgid\": \"ID7\", ";
        Assert.Equal(fields + "\"uuid\": null, \"$!\": null }", SampleMessages.Render(Compile("%jsonmesg%"), m));

        new JsonParser("@cee:"u8.ToArray(), VariablePath.Parse("!"), useRawMsg: false).Modify(m);
        string uuid = SampleMessages.Render(Compile("%uuid%"), m);
        Assert.Equal(fields + $"\"uuid\": \"{uuid}\", \"$!\": {{ \"x\": \"\\t\\u0001\" }} }}", SampleMessages.Render(Compile("%jsonmesg%"), m));
    }

    /// <summary>rsyslogd 8.2302 lower-cases variable names (not property names) unless the template is case-sensitive.</summary>
    [Fact]
    public void Variable_names_are_lower_cased_in_jsonf_field_names_unless_the_template_is_case_sensitive()
    {
        var m = SampleMessages.Parse("<13>Oct 11 22:14:15 host app: @cee: {\"Mixed\":{\"Case\":\"mc\"}}");
        new JsonParser("@cee:"u8.ToArray(), VariablePath.Parse("!"), useRawMsg: false).Modify(m);
        var f = new TemplateFactory();
        const string text = "%$!Mixed!Case:::jsonf% %$!MIXED!case% %HOSTNAME:::jsonf%";
        Assert.Equal("\"mixed!case\":\"mc\" mc \"HOSTNAME\":\"host\"",
            SampleMessages.Render(f.CreateStringTemplate("t", text, SourceLocation.None), m));
        Assert.Equal("\"Mixed!Case\":\"mc\" mc \"HOSTNAME\":\"host\"",
            SampleMessages.Render(f.CreateStringTemplate("t", text, SourceLocation.None, caseSensitive: true), m));
        Assert.Equal("\"Mixed!Case\":\"mc\"", SampleMessages.Render(f.CreateLegacyTemplate("t", "\"%$!Mixed!Case:::jsonf%\",casesensitive", SourceLocation.None), m));
        Assert.Equal("\"mixed!case\":\"mc\"", SampleMessages.Render(f.CreateLegacyTemplate("t", "\"%$!Mixed!Case:::jsonf%\"", SourceLocation.None), m));
    }

    [Fact]
    public void Jsonmesg_values_end_at_a_nul_like_rsyslogs_c_strings()
    {
        var m = SampleMessages.Parse("<13>Oct 11 22:14:15 host app: hello");
        FirstSpaceRemover.Instance.Modify(m); // leaves a NUL at the end of the raw message, as in rsyslog
        string json = SampleMessages.Render(Compile("%jsonmesg%"), m);
        Assert.StartsWith("{ \"msg\": \"hello\", \"rawmsg\": \"<13>Oct 11 22:14:15 host app:hello\", ", json);
    }

    [Fact]
    public void Uuid_is_32_uppercase_hex_digits_version_4_and_stable_per_message()
    {
        var t = Compile("%uuid%|%uuid%");
        var a = SampleMessages.Sample1();
        string first = SampleMessages.Render(t, a);
        Assert.Matches("^[0-9A-F]{12}4[0-9A-F]{3}[89AB][0-9A-F]{15}\\|", first);
        Assert.Equal(first[..32], first[33..]);
        Assert.Equal(first, SampleMessages.Render(t, a));
        Assert.NotEqual(first, SampleMessages.Render(t, SampleMessages.Sample1()));
    }

    [Fact]
    public void Uuid_created_by_concurrent_renderers_is_one_value()
    {
        var m = SampleMessages.Sample2();
        var t = Compile("%uuid%");
        var results = new string[4];
        var threads = Enumerable.Range(0, results.Length)
            .Select(i => new Thread(() => results[i] = SampleMessages.Render(t, m))).ToList();
        threads.ForEach(x => x.Start());
        threads.ForEach(x => x.Join());
        Assert.Single(results.Distinct());
    }

    [Fact]
    public void Parsesuccess_is_fail_until_a_parser_module_succeeds() =>
        Assert.Equal("FAIL", SampleMessages.Render(Compile("%parsesuccess%"), SampleMessages.Sample1()));

    [Fact]
    public void Uptime_is_the_systems_uptime_in_seconds()
    {
        double proc = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        long uptime = long.Parse(SampleMessages.Render(Compile("%$uptime%"), SampleMessages.Sample1()));
        Assert.InRange(uptime, (long)proc - 5, (long)proc + 5);
    }

    [Fact]
    public void Subtree_template_renders_json_strings_raw_and_nothing_when_absent()
    {
        var m = SampleMessages.Parse("<13>Nov 22 08:00:00 host tag: @cee: {\"a\":{\"b\":1,\"c\":\"x/y\"},\"s\":\"text\"}");
        var factory = new TemplateFactory();
        Assert.Equal("", SampleMessages.Render(factory.CreateSubtreeTemplate("t", "$!", SourceLocation.None), m));
        new JsonParser("@cee:"u8.ToArray(), VariablePath.Parse("!"), useRawMsg: false).Modify(m);
        Assert.Equal("{ \"a\": { \"b\": 1, \"c\": \"x\\/y\" }, \"s\": \"text\" }",
            SampleMessages.Render(factory.CreateSubtreeTemplate("t", "$!", SourceLocation.None), m));
        Assert.Equal("{ \"b\": 1, \"c\": \"x\\/y\" }", SampleMessages.Render(factory.CreateSubtreeTemplate("t", "$!a", SourceLocation.None), m));
        Assert.Equal("text", SampleMessages.Render(factory.CreateSubtreeTemplate("t", "$!s", SourceLocation.None), m));
        Assert.Equal("", SampleMessages.Render(factory.CreateSubtreeTemplate("t", "$!none!x", SourceLocation.None), m));
    }

    [Theory]
    [InlineData("msg")]
    [InlineData("!")]
    [InlineData("$.")]
    [InlineData("$.x")]
    [InlineData("$/")]
    public void Subtree_must_be_a_message_variable_as_in_rsyslogd_8_2302(string subtree)
    {
        var e = Assert.Throws<ConfigException>(() => new TemplateFactory().CreateSubtreeTemplate("t", subtree, new SourceLocation("f.conf", 2, 3)));
        Assert.Equal($"f.conf:2:3: template 't': invalid subtree parameter, variable must start with '$!' but var name is '{subtree}'",
            e.Errors.Single().ToString());
    }
}
