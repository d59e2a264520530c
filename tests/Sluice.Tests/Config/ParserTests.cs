using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;

namespace Sluice.Tests.Config;

public class ParserTests
{
    private static ConfigDocument Parse(string text) => ConfigLoader.LoadText(text, "p.conf");

    private static ConfigDocument ParseOk(string text)
    {
        var doc = Parse(text);
        Assert.Empty(doc.Errors);
        return doc;
    }

    private static ExpressionNode Condition(string expression)
        => Assert.IsType<IfNode>(Assert.Single(ParseOk("if " + expression + " then stop").Items)).Condition;

    /// <summary>Prints an expression with full parentheses to check its structure.</summary>
    private static string Show(ExpressionNode e) => e switch
    {
        BinaryExpression b => $"({Show(b.Left)} {b.Operator} {Show(b.Right)})",
        UnaryExpression u => $"({u.Operator} {Show(u.Operand)})",
        NumberLiteral n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StringLiteral s => "'" + s.Value + "'",
        VariableReference v => "$" + v.Name,
        ArrayLiteral a => "[" + string.Join(",", a.Items) + "]",
        FunctionCall f => f.Name + "(" + string.Join(",", f.Arguments.Select(Show)) + ")",
        ExistsExpression x => "exists($" + x.Variable + ")",
        _ => "?",
    };

    [Fact]
    public void Objects_with_parameters_and_locations()
    {
        var doc = ParseOk("module(load=\"imtcp\" MaxSessions=\"500\")\ninput(type=\"imtcp\"\n      port=[\"514\", \"10514\"])");
        Assert.Equal(2, doc.Items.Count);
        var module = Assert.IsType<ObjectNode>(doc.Items[0]);
        Assert.Equal(ObjectKind.Module, module.Kind);
        Assert.Equal(new SourceLocation("p.conf", 1, 1), module.Location);
        Assert.Equal(new[] { "load", "MaxSessions" }, module.Parameters.Select(p => p.Name));
        Assert.Equal(new SourceLocation("p.conf", 1, 21), module.Parameters[1].Location);
        var value = Assert.IsType<StringValue>(module.Parameters[1].Value);
        Assert.Equal("500", value.Value);
        Assert.Equal(new SourceLocation("p.conf", 1, 33), value.Location);

        var input = Assert.IsType<ObjectNode>(doc.Items[1]);
        var port = Assert.IsType<ArrayValue>(input.Parameters[1].Value);
        Assert.Equal(new[] { "514", "10514" }, port.Items.Select(i => i.Value));
        Assert.Equal(new SourceLocation("p.conf", 3, 7), input.Parameters[1].Location);
        Assert.Equal(new SourceLocation("p.conf", 3, 20), port.Items[1].Location);
    }

    [Fact]
    public void Action_is_a_statement_and_actions_chain_with_ampersand()
    {
        var doc = ParseOk("action(type=\"omfile\" file=\"/a\") & action(type=\"omfile\" file=\"/b\")");
        Assert.Equal(2, doc.Items.Count);
        Assert.All(doc.Items, i => Assert.IsType<ActionNode>(i));
    }

    [Fact]
    public void Selector_with_block_and_legacy_actions()
    {
        var doc = ParseOk("mail.* {\n  /var/log/mail\n  stop\n}\n*.* -/var/log/all;Tpl\n& ~\n");
        var first = Assert.IsType<PriFilterNode>(doc.Items[0]);
        Assert.Equal("mail.*", first.Selector.Value);
        Assert.Equal(2, first.Body.Count);
        Assert.Equal("/var/log/mail", Assert.IsType<LegacyActionNode>(first.Body[0]).Text.Value);
        Assert.IsType<StopNode>(first.Body[1]);
        var second = Assert.IsType<PriFilterNode>(doc.Items[1]);
        Assert.Equal(new[] { "-/var/log/all;Tpl", "~" }, second.Body.Cast<LegacyActionNode>().Select(a => a.Text.Value));
        Assert.Equal(new SourceLocation("p.conf", 5, 5), second.Body[0].Location);
    }

    [Fact]
    public void Template_with_list_body_and_ruleset_with_script()
    {
        var doc = ParseOk("template(name=\"t\" type=\"list\") {\n property(name=\"msg\")\n constant(value=\"\\n\")\n}\n" +
                          "ruleset(name=\"r\") { action(type=\"omfile\" file=\"/x\") stop }\nruleset(name=\"empty\") { }");
        var template = Assert.IsType<ObjectNode>(doc.Items[0]);
        Assert.True(template.HasBody);
        Assert.Equal(new[] { ObjectKind.Property, ObjectKind.Constant }, template.SubObjects.Select(o => o.Kind));
        Assert.Equal("\n", Assert.IsType<StringValue>(template.SubObjects[1].Parameters[0].Value).Value);
        var ruleset = Assert.IsType<ObjectNode>(doc.Items[1]);
        Assert.Equal(2, ruleset.Script!.Count);
        Assert.Empty(Assert.IsType<ObjectNode>(doc.Items[2]).Script!);
    }

    [Fact]
    public void If_else_if_else_and_dangling_else()
    {
        var doc = ParseOk("if $msg contains 'a' then stop else if $msg contains 'b' then { stop } else /var/log/x\n" +
                          "if 1 then if 2 then stop else continue");
        var outer = Assert.IsType<IfNode>(doc.Items[0]);
        var elseIf = Assert.IsType<IfNode>(Assert.Single(outer.Else!));
        Assert.IsType<LegacyActionNode>(Assert.Single(elseIf.Else!));
        // The else belongs to the nearest if.
        var second = Assert.IsType<IfNode>(doc.Items[1]);
        Assert.Null(second.Else);
        Assert.IsType<ContinueNode>(Assert.Single(Assert.IsType<IfNode>(Assert.Single(second.Then)).Else!));
    }

    [Fact]
    public void Other_statements()
    {
        var doc = ParseOk("set $!a = 1 + 2;\nreset $.b = \"x\";\nunset $!a;\ncall myrules\ncall_indirect \"r\" & \"s\";\n" +
                          "foreach ($.i in $!list) do { stop }\nreload_lookup_table(\"tbl\", \"stub\")\ninclude(file=\"/nonexistent/x.conf\" mode=\"optional\")\n" +
                          ":msg, contains, \"x\" stop\n$ModLoad imudp\n!sshd\n");
        Assert.Collection(doc.Items,
            i => Assert.Equal("!a", Assert.IsType<SetNode>(i).Variable),
            i => Assert.True(Assert.IsType<SetNode>(i).IsReset),
            i => Assert.Equal("!a", Assert.IsType<UnsetNode>(i).Variable),
            i => Assert.Equal("myrules", Assert.IsType<CallNode>(i).RulesetName),
            i => Assert.Equal("('r' Concatenate 's')", Show(Assert.IsType<CallIndirectNode>(i).Ruleset)),
            i => Assert.Equal(".i", Assert.IsType<ForeachNode>(i).Variable),
            i => Assert.Equal(new[] { "tbl", "stub" }, Assert.IsType<ReloadLookupTableNode>(i).Arguments.Select(a => a.Value)),
            i => Assert.Equal(":msg, contains, \"x\"", Assert.IsType<PropertyFilterNode>(i).Filter.Value),
            i =>
            {
                var d = Assert.IsType<DirectiveNode>(i);
                Assert.Equal("ModLoad", d.Name);
                Assert.Equal(" imudp", d.Arguments.Value);
                Assert.Equal(new SourceLocation("p.conf", 10, 9), d.Arguments.LocationAt(0));
            },
            i => Assert.False(Assert.IsType<BsdSelectorNode>(i).IsHostSelector));
    }

    [Theory]
    // and/or share one level and are left-associative (grammar.y %left AND OR).
    [InlineData("$a or $b and $c", "(($a Or $b) And $c)")]
    [InlineData("$a and $b or $c", "(($a And $b) Or $c)")]
    // not and unary minus bind tighter than everything.
    [InlineData("not $a == 1", "((Not $a) Equal 1)")]
    [InlineData("-$a * 2", "((Negate $a) Multiply 2)")]
    [InlineData("1 + 2 * 3 - 4", "((1 Add (2 Multiply 3)) Subtract 4)")]
    [InlineData("$a & 'x' contains 'y'", "(($a Concatenate 'x') Contains 'y')")]
    [InlineData("($a or $b) and not ($c <> 1)", "(($a Or $b) And (Not ($c NotEqual 1)))")]
    [InlineData("re_match($msg, 'a.*') and exists($!x)", "(re_match($msg,'a.*') And exists($!x))")]
    [InlineData("$programname == ['sshd', 'su']", "($programname Equal [sshd,su])")]
    [InlineData("script_error() != 0", "(script_error() NotEqual 0)")]
    [InlineData("$a startswith_i 'x' or $b endswith 'y' or $c contains_i 'z'", "((($a StartsWithIgnoreCase 'x') Or ($b EndsWith 'y')) Or ($c ContainsIgnoreCase 'z'))")]
    [InlineData("$a < 1 or $a <= 2 or $a > 3 or $a >= 4 or $a % 2 / 1", "((((($a Less 1) Or ($a LessOrEqual 2)) Or ($a Greater 3)) Or ($a GreaterOrEqual 4)) Or (($a Modulo 2) Divide 1))")]
    public void Expression_precedence_as_grammar_y_implements_it(string expression, string expected)
        => Assert.Equal(expected, Show(Condition(expression)));

    [Fact]
    public void Every_error_is_reported_and_parsing_goes_on()
    {
        string text =
            "module(load=\"imtcp\" port 514)\n" +             // missing '='
            "input(type=\"imtcp\" port=10514)\n" +            // unquoted value
            "if $msg = 'x' then stop\n" +                     // '=' instead of '=='
            "action(type=\"omfile\" file=\"/x\")\n" +         // fine
            "}\n" +                                           // stray brace
            "set $.a = 1\n" +                                 // missing ';'
            "stop\n" +
            "action(type=\"omfile\" file=\"/y\")\n";
        var doc = Parse(text);
        Assert.Equal(new[]
        {
            "p.conf:1:26: expected '=' after parameter name 'port' in module(), found '5'",
            "p.conf:2:25: the value of 'port' must be in double quotes: port=\"10514\"",
            "p.conf:3:9: '=' is not a comparison operator; use '=='",
            "p.conf:5:1: syntax error: unexpected '}' (expected a statement)",
            "p.conf:7:1: expected ';' at the end of the set statement, found 'stop'",
        }, doc.Errors.Select(e => e.ToString()));
        // Both well-formed actions and the input (whose only problem was the quoting) are in the AST.
        Assert.Equal(2, doc.Items.OfType<ActionNode>().Count());
        Assert.Single(doc.Items.OfType<ObjectNode>(), o => o.Kind == ObjectKind.Input);
    }

    [Fact]
    public void Missing_closing_parenthesis_restarts_at_the_next_object()
    {
        var doc = Parse("module(load=\"imtcp\"\ninput(type=\"imtcp\" port=\"514\")\naction(type=\"omfile\" file=\"/x\")");
        var e = Assert.Single(doc.Errors);
        Assert.Equal(new SourceLocation("p.conf", 2, 6), e.Location);
        Assert.Contains("is the ')' of the module( at line 1 missing?", e.Message);
        Assert.Single(doc.Items.OfType<ObjectNode>(), o => o.Kind == ObjectKind.Input);
        Assert.Single(doc.Items.OfType<ActionNode>());
    }

    [Fact]
    public void Missing_then_does_not_swallow_the_rest_of_the_file()
    {
        var doc = Parse("if $msg == 'x' stop\naction(type=\"omfile\" file=\"/x\")\n");
        Assert.Equal("p.conf:1:16: expected 'then' after the if condition, found 'stop'", Assert.Single(doc.Errors).ToString());
        Assert.Single(doc.Items.OfType<ActionNode>());
    }

    [Fact]
    public void Declarative_object_inside_a_block_is_an_error()
    {
        var doc = Parse("if 1 then {\n module(load=\"imudp\")\n}\n");
        Assert.Contains(doc.Errors, e => e.Location == new SourceLocation("p.conf", 2, 2)
            && e.Message == "declarative object 'module()' is not permitted inside a statement block");
    }

    [Fact]
    public void Empty_block_is_an_error()
    {
        var doc = Parse("if 1 then { }");
        Assert.Equal("p.conf:1:13: syntax error: empty block '{ }'", Assert.Single(doc.Errors).ToString());
    }

    [Fact]
    public void Unclosed_object_at_end_of_file()
    {
        var doc = Parse("action(type=\"omfile\"");
        Assert.Equal("p.conf:1:1: action() is not closed: the ')' is missing", Assert.Single(doc.Errors).ToString());
    }

    [Fact]
    public void Windows_line_endings_and_continuation_lines_parse_with_exact_locations()
    {
        var doc = ParseOk("module(load=\"imtcp\")\r\naction(type=\"omfile\" \\\r\n    file=\"/x\")\r\n");
        var action = Assert.IsType<ActionNode>(doc.Items[1]);
        Assert.Equal(new SourceLocation("p.conf", 3, 5), action.Parameters[1].Location);
    }

    [Fact]
    public void Rsyslog_preprocessor_line_markers_are_skipped()
    {
        Assert.IsType<StopNode>(Assert.Single(ParseOk("PreprocFileLineNumber(12)\nstop").Items));
    }

    [Fact]
    public void Property_outside_a_template_is_an_error()
    {
        var doc = Parse("property(name=\"msg\")\nstop\n");
        Assert.Equal("p.conf:1:1: property() is only allowed inside the { } of a list template", Assert.Single(doc.Errors).ToString());
        Assert.IsType<StopNode>(Assert.Single(doc.Items));
    }
}
