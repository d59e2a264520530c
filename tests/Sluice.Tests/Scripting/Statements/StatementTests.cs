namespace Sluice.Tests.Scripting.Statements;

/// <summary>Each statement bound from config text and run over messages; results read back from the files written.</summary>
public sealed class StatementTests
{
    private const string Header = "template(name=\"m\" type=\"string\" string=\"%msg%\\n\")\n";

    private static string Out(string name) => $"action(type=\"omfile\" file=\"{{dir}}/{name}\" template=\"m\")";

    [Fact]
    public void If_else_if_else_picks_one_branch_and_rules_run_in_order_without_stopping_at_the_first_match()
    {
        using var p = new ScriptPlan(Header +
            "if $msg contains 'a' then " + Out("a") + "\n" +
            "else if $msg contains 'b' then " + Out("b") + "\n" +
            "else " + Out("other") + "\n" +
            Out("all") + "\n");
        p.Run("<13>Oct  1 10:00:00 h p:a1", "<13>Oct  1 10:00:00 h p:b1", "<13>Oct  1 10:00:00 h p:c1", "<13>Oct  1 10:00:00 h p:ab");
        Assert.Equal("a1\nab\n", p.Read("a"));
        Assert.Equal("b1\n", p.Read("b"));
        Assert.Equal("c1\n", p.Read("other"));
        Assert.Equal("a1\nb1\nc1\nab\n", p.Read("all"));
    }

    [Fact]
    public void Stop_ends_the_message_and_a_stop_in_a_called_ruleset_ends_the_caller_too()
    {
        // rsyslogd 8.2302: an action after `call` does not run for a message the called ruleset stopped.
        using var p = new ScriptPlan(Header +
            "call sub\n" + Out("after-call") + "\n" +
            "if $msg contains 'late' then stop\n" + Out("end") + "\n" +
            "ruleset(name=\"sub\") { " + Out("sub") + " if $msg contains 'early' then stop " + Out("sub-end") + " }\n");
        p.Run("<13>Oct  1 10:00:00 h p:early", "<13>Oct  1 10:00:00 h p:late", "<13>Oct  1 10:00:00 h p:none");
        Assert.Equal("early\nlate\nnone\n", p.Read("sub"));
        Assert.Equal("late\nnone\n", p.Read("sub-end"));
        Assert.Equal("late\nnone\n", p.Read("after-call"));
        Assert.Equal("none\n", p.Read("end"));
    }

    [Fact]
    public void Nested_calls_and_legacy_ruleset_directive()
    {
        using var p = new ScriptPlan(Header +
            "call Outer\n" +
            "$Ruleset outer\n" + "*.* " + Out("outer").Replace("action(", "action(") + "\n" + "call inner\n" +
            "$Ruleset inner\n" + Out("inner") + "\n");
        p.Run("<13>Oct  1 10:00:00 h p:x");
        Assert.Equal("x\n", p.Read("outer"));
        Assert.Equal("x\n", p.Read("inner"));
        Assert.Equal(3, p.Plan.Rulesets.Count);
    }

    [Fact]
    public void Set_unset_and_reset_of_message_local_and_global_variables_render_in_templates()
    {
        using var p = new ScriptPlan(
            "template(name=\"v\" type=\"string\" string=\"[%$!%] [%$!a!b%] [%$.%] [%$.x%] [%$/stmt-test-g%] [%$!a!b:1:2:uppercase%]\\n\")\n" +
            "template(name=\"l\" type=\"list\") { property(name=\"$!a\") constant(value=\"|\") property(name=\"$.x\" format=\"json\") constant(value=\"\\n\") }\n" +
            "set $!a!b = \"xyz\";\nset $!n = 5;\nset $.x = \"q\\\"z\";\nset $/stmt-test-g = 7;\n" +
            "action(type=\"omfile\" file=\"{dir}/v\" template=\"v\")\n" +
            "action(type=\"omfile\" file=\"{dir}/l\" template=\"l\")\n" +
            "unset $!n;\nreset $.x = 1;\nunset $/stmt-test-g;\n" +
            "action(type=\"omfile\" file=\"{dir}/v2\" template=\"v\")\n");
        p.Run("<13>Oct  1 10:00:00 h p:m");
        Assert.Equal("[{ \"a\": { \"b\": \"xyz\" }, \"n\": 5 }] [xyz] [{ \"x\": \"q\\\"z\" }] [q\"z] [7] [XY]\n", p.Read("v"));
        Assert.Equal("{ \"b\": \"xyz\" }|q\\\"z\n", p.Read("l"));
        Assert.Equal("[{ \"a\": { \"b\": \"xyz\" } }] [xyz] [{ \"x\": 1 }] [1] [] [XY]\n", p.Read("v2"));
    }

    [Fact]
    public void Foreach_over_an_array_and_an_object_with_continue_as_a_no_op()
    {
        using var p = new ScriptPlan(
            "template(name=\"i\" type=\"string\" string=\"%$.i%\\n\")\n" +
            "template(name=\"all\" type=\"string\" string=\"[%$.%]\\n\")\n" +
            "set $.r = parse_json($msg, \"\\$!\");\n" +
            "foreach ($.i in $!arr) do { continue action(type=\"omfile\" file=\"{dir}/arr\" template=\"i\") }\n" +
            "foreach ($.i in $!obj) do action(type=\"omfile\" file=\"{dir}/obj\" template=\"i\")\n" +
            "foreach ($.i in $!str) do action(type=\"omfile\" file=\"{dir}/none\" template=\"i\")\n" +
            "action(type=\"omfile\" file=\"{dir}/after\" template=\"all\")\n");
        p.Run("<13>Oct  1 10:00:00 h p:{\"arr\":[1,\"two\",{\"x\":3}],\"obj\":{\"k1\":\"v1\",\"k2\":[2]},\"str\":\"s\"}");
        Assert.Equal("1\ntwo\n{ \"x\": 3 }\n", p.Read("arr"));
        Assert.Equal("{ \"key\": \"k1\", \"value\": \"v1\" }\n{ \"key\": \"k2\", \"value\": [ 2 ] }\n", p.Read("obj"));
        Assert.Equal("", p.Read("none"));
        Assert.Equal("[{ \"r\": 0 }]\n", p.Read("after")); // the loop variable is gone after the loop, as in rsyslogd
    }

    [Fact]
    public void Call_indirect_finds_rulesets_by_an_evaluated_name_and_skips_unknown_ones_with_rsyslogs_error()
    {
        using var p = new ScriptPlan(Header +
            "call_indirect $programname;\n" + Out("after") + "\n" +
            "ruleset(name=\"Alpha\") { " + Out("alpha") + " }\n");
        p.Run("<13>Oct  1 10:00:00 h alpha:one", "<13>Oct  1 10:00:00 h nosuch:two", "<13>Oct  1 10:00:00 h nosuch:three");
        Assert.Equal("one\n", p.Read("alpha"));
        Assert.Equal("one\ntwo\nthree\n", p.Read("after"));
        var statement = Assert.IsType<Sluice.Engine.Scripting.CallIndirectStatement>(p.Plan.DefaultRuleset.Statements[0]);
        Assert.Equal(2, statement.NotFound);
        // Logged once (rate-limited), counted every time.
        Assert.Single(p.Log.Lines, e => e.Text == "CALL_INDIRECT: ruleset 'nosuch' cannot be found, treating as NOP");
    }

    [Fact]
    public void A_ruleset_calling_itself_is_cut_off_instead_of_overflowing_the_stack()
    {
        using var p = new ScriptPlan(Header + "ruleset(name=\"loop\") { call loop }\ncall loop\n" + Out("after") + "\n");
        p.Run("<13>Oct  1 10:00:00 h p:x");
        Assert.Equal("x\n", p.Read("after"));
        Assert.Equal(1, p.Context.CallsTooDeep);
    }

    [Theory]
    [InlineData(":msg, contains, \"bc\"", "abc\nbc\n")]
    [InlineData(":msg, !contains, \"bc\"", "xyz\n\n")]
    [InlineData(":msg, contains, \"\"", "abc\nbc\nxyz\n\n")]
    [InlineData(":msg, isequal, \"bc\"", "bc\n")]
    [InlineData(":msg, !isequal, \"bc\"", "abc\nxyz\n\n")]
    [InlineData(":msg, startswith, \"ab\"", "abc\n")]
    [InlineData(":msg, !startswith, \"ab\"", "bc\nxyz\n\n")]
    [InlineData(":msg, isempty, \"\"", "\n")]
    [InlineData(":msg, !isempty, \"\"", "abc\nbc\nxyz\n")]
    [InlineData(":msg, regex, \"^a.c$\"", "abc\n")]
    [InlineData(":msg, regex, \"^(b|x)\"", "")]
    [InlineData(":msg, ereregex, \"^(b|x)\"", "bc\nxyz\n")]
    [InlineData(":msg, !ereregex, \"^(b|x)\"", "abc\n\n")]
    [InlineData(":MSG, Contains, \"c\"", "abc\nbc\n")]
    [InlineData(":programname, isequal, \"p\"", "abc\nbc\nxyz\n\n")]
    [InlineData(":msg, isequal, \"a\\\"b\"", "a\"b\n")]
    public void Property_filters_with_every_operation(string filter, string expected)
    {
        using var p = new ScriptPlan(Header + filter + " " + Out("hit") + "\n");
        // No space after the tag: rsyslog keeps that space in msg.
        p.Run("<13>Oct  1 10:00:00 h p:abc", "<13>Oct  1 10:00:00 h p:bc", "<13>Oct  1 10:00:00 h p:xyz", "<13>Oct  1 10:00:00 h p:",
            "<13>Oct  1 10:00:00 h q:a\"b");
        string hit = p.Read("hit");
        if (filter.StartsWith(":programname")) Assert.Equal(expected, hit);
        else Assert.Equal(expected, Without(hit, "a\"b\n", filter.Contains("a\\\"b")));
    }

    /// <summary>The line with a quote only matters for the escape case; elsewhere it is left out of the comparison.</summary>
    private static string Without(string text, string line, bool keep) => keep ? text : text.Replace(line, "");

    [Fact]
    public void Config_errors_name_the_place_and_the_closest_name()
    {
        Assert.Equal(new[]
        {
            "test.conf:1:1: ruleset 'subb' does not exist (did you mean 'sub'?)",
            "test.conf:2:6: invalid compare operation 'contain' (did you mean 'contains'?)",
            "test.conf:3:2: invalid property 'mgs' (did you mean 'msg'?)",
            "test.conf:5:14: ruleset 'sub' is defined more than once (first at test.conf:4:1)",
            "test.conf:6:1: invalid variable '$msg' in set statement",
        }, ScriptPlan.Errors(
            "call subb\n" +
            ":msg, contain, \"x\" stop\n" +
            ":mgs, contains, \"x\" stop\n" +
            "ruleset(name=\"sub\") { stop }\n" +
            "ruleset(name=\"sub\") { stop }\n" +
            "set $msg = 1;\n"));
    }
}
