using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Modifiers;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;
using Sluice.Tests.Scripting.Statements;

namespace Sluice.Tests.Modifiers;

/// <summary>
/// mmjsonparse. Expected trees and verdicts were captured from rsyslogd 8.2302 with the same messages (the lines
/// after "tag:" are MSG; the parser escapes the tab to "#011" before mmjsonparse sees it).
/// </summary>
public class JsonParseTests
{
    private static readonly VariablePath Root = VariablePath.Parse("!");

    private static string Tree(Message m)
    {
        var buffer = new ByteBuffer(64);
        if (m.Variables?.Tree.Root is { } root) JsonWriter.Write(buffer, root);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Message Parsed(string msg, JsonParser parser)
    {
        var m = SampleMessages.Parse("<13>Nov 22 08:00:00 host tag:" + msg);
        parser.Modify(m);
        return m;
    }

    [Theory]
    [InlineData(" {\"a\":1}  ", true, "{ \"a\": 1 }")] // trailing white space is part of the JSON text
    [InlineData(" {\"a\":1}\t", false, "{ \"msg\": \"{\\\"a\\\":1}#011\" }")]
    [InlineData(" @cee:{\"a\":{\"x\":1}}", false, "{ \"msg\": \"@cee:{\\\"a\\\":{\\\"x\\\":1}}\" }")]
    [InlineData(" [1,2]", false, "{ \"msg\": \"[1,2]\" }")] // not an object
    [InlineData(" 5", false, "{ \"msg\": \"5\" }")]
    [InlineData(" {\"a\":1,}", true, "{ \"a\": 1 }")] // json-c's leniency: trailing comma, single quotes
    [InlineData(" {'a':1} ", true, "{ \"a\": 1 }")]
    [InlineData(" {\"a\":1}{\"b\":2}", false, "{ \"msg\": \"{\\\"a\\\":1}{\\\"b\\\":2}\" }")]
    [InlineData("", false, "{ \"msg\": \"\" }")]
    public void Plain_json_with_an_empty_cookie(string msg, bool success, string tree)
    {
        var m = Parsed(msg, new JsonParser([], Root, useRawMsg: false));
        Assert.Equal(success, m.ParseSuccess);
        Assert.Equal(tree, Tree(m));
    }

    [Theory]
    [InlineData(" @cee: {\"a\":{\"b\":1,\"c\":\"x/y\"},\"d\":[1,2.50,\"\\u00e9\"]}", true,
        "{ \"a\": { \"b\": 1, \"c\": \"x\\/y\" }, \"d\": [ 1, 2.50, \"é\" ] }")]
    [InlineData("@cee:{\"a\":\"s\"}", true, "{ \"a\": \"s\" }")]
    [InlineData(" plain text", false, "{ \"msg\": \"plain text\" }")] // no cookie: the text after the white space
    [InlineData(" {\"a\":1}", false, "{ \"msg\": \"{\\\"a\\\":1}\" }")]
    [InlineData(" @cee:   {\"a\":\"s\"} trailing", false, "{ \"msg\": \"   {\\\"a\\\":\\\"s\\\"} trailing\" }")] // after the cookie
    [InlineData(" @cee: not json", false, "{ \"msg\": \" not json\" }")]
    public void Cee_cookie(string msg, bool success, string tree)
    {
        var m = Parsed(msg, new JsonParser("@cee:"u8.ToArray(), Root, useRawMsg: false));
        Assert.Equal(success, m.ParseSuccess);
        Assert.Equal(tree, Tree(m));
        Assert.Equal("<13>Nov 22 08:00:00 host tag:" + msg, Encoding.UTF8.GetString(m.Raw)); // the message stays as it was
    }

    [Fact]
    public void A_container_merges_like_set_and_raw_mode_reads_the_whole_message()
    {
        // rsyslogd 8.2302 (three actions in a row): cookie="" → container "$!sub" with "@cee:" → raw with "!sub".
        var m = Parsed(" {\"a\":1}  ", new JsonParser([], Root, useRawMsg: false));
        new JsonParser("@cee:"u8.ToArray(), VariablePath.Parse("!sub"), useRawMsg: false).Modify(m);
        Assert.False(m.ParseSuccess);
        Assert.Equal("{ \"a\": 1, \"sub\": { \"msg\": \"{\\\"a\\\":1}  \" } }", Tree(m));
        new JsonParser([], VariablePath.Parse("!sub"), useRawMsg: true).Modify(m);
        // The failure object {"msg": rawmsg} meets the existing object "sub": rsyslog merges it into the root.
        Assert.Equal("{ \"a\": 1, \"sub\": { \"msg\": \"{\\\"a\\\":1}  \" }, \"msg\": \"<13>Nov 22 08:00:00 host tag: {\\\"a\\\":1}  \" }", Tree(m));

        var raw = SampleMessages.Parse("{\"raw\":true}");
        new JsonParser([], VariablePath.Parse("!sub"), useRawMsg: true).Modify(raw);
        Assert.True(raw.ParseSuccess);
        Assert.Equal("{ \"sub\": { \"raw\": true } }", Tree(raw));
    }

    [Fact]
    public void Local_variables_as_container()
    {
        var m = Parsed(" @cee:{\"k\":\"v\"}", new JsonParser("@cee:"u8.ToArray(), VariablePath.Parse(".j"), useRawMsg: false));
        Assert.True(m.ParseSuccess);
        Assert.Null(m.Variables!.Tree.Root);
        var buffer = new ByteBuffer(64);
        m.Variables.Render(VariablePath.Parse(".j!k"), buffer);
        Assert.Equal("v", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Through_a_config_with_parsesuccess_and_a_subtree_template()
    {
        using var plan = new ScriptPlan(
            "module(load=\"mmjsonparse\")\n" +
            "template(name=\"ps\" type=\"string\" string=\"%parsesuccess%\\n\")\n" +
            "template(name=\"st\" type=\"subtree\" subtree=\"$!\")\n" +
            "action(type=\"omfile\" file=\"{dir}/before\" template=\"ps\")\n" +
            "action(type=\"mmjsonparse\")\n" +
            "action(type=\"omfile\" file=\"{dir}/after\" template=\"ps\")\n" +
            "action(type=\"omfile\" file=\"{dir}/tree\" template=\"st\")\n");
        plan.Run(SampleMessages.Parse("<13>Nov 22 08:00:00 host tag: @cee: {\"a\":[1]}"),
            SampleMessages.Parse("<13>Nov 22 08:00:00 host tag: no json"));
        Assert.Equal("FAIL\nFAIL\n", plan.Read("before"));
        Assert.Equal("OK\nFAIL\n", plan.Read("after"));
        Assert.Equal("{ \"a\": [ 1 ] }{ \"msg\": \"no json\" }", plan.Read("tree"));
    }

    [Theory]
    [InlineData("container=\"x\"", "test.conf:1:64: mmjsonparse: invalid container name 'x', name must start with either '$!', '$.', or '$/'")]
    [InlineData("container=\"$\"", "test.conf:1:64: mmjsonparse: invalid container name '', name must start with either '$!', '$.', or '$/'")]
    [InlineData("container=\"$/g\"", "test.conf:1:64: mmjsonparse: a container among the global variables ('$/g') is not supported yet")]
    [InlineData("bogus=\"1\"", "test.conf:1:54: mmjsonparse: parameter 'bogus' is not known")]
    public void Config_errors(string parameter, string error)
    {
        var errors = ScriptPlan.Errors($"module(load=\"mmjsonparse\") action(type=\"mmjsonparse\" {parameter})");
        Assert.Equal(error, Assert.Single(errors));
    }

    [Fact]
    public void Legacy_container_without_dollar_is_accepted()
    {
        using var plan = new ScriptPlan("module(load=\"mmjsonparse\")\naction(type=\"mmjsonparse\" container=\"!j\" cookie=\"\")\n");
        var parser = Assert.IsType<JsonParser>(Assert.IsType<ModifierOutput>(Assert.Single(plan.Plan.Actions).Output).Modifier);
        Assert.Equal("!j", parser.Container.Name);
        Assert.Equal(0, parser.Cookie.Length);
        Assert.False(parser.UseRawMsg);
    }

    [Fact]
    public void Parsing_a_reused_message_allocates_nothing_once_its_pool_is_warm()
    {
        var parser = new JsonParser("@cee:"u8.ToArray(), Root, useRawMsg: false);
        var m = SampleMessages.Parse("<13>Nov 22 08:00:00 host tag: @cee: {\"a\":{\"b\":[1,2,\"three\"]},\"c\":\"d\"}");
        byte[] raw = m.Raw.ToArray();
        var settings = new Sluice.Engine.Runtime.GlobalSettings();
        var syslog = new Sluice.Engine.Parsing.SyslogParser(settings);

        void Once()
        {
            m.SetRaw(raw); // clears the variables back into the message's pool
            syslog.Parse(m);
            parser.Modify(m);
        }

        for (int i = 0; i < 50; i++) Once();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) Once();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(m.ParseSuccess);
    }
}
