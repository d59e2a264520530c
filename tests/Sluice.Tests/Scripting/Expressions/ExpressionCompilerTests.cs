using Sluice.Engine.Scripting.Expressions;
using static Sluice.Tests.Scripting.Expressions.ExpressionTestKit;

namespace Sluice.Tests.Scripting.Expressions;

public class ExpressionCompilerTests
{
    [Theory]
    [InlineData("$nosuchprop", "invalid property 'nosuchprop'")]
    [InlineData("$programnam == \"x\"", "did you mean 'programname'?")]
    [InlineData("$syslogseverity == 9", "invalid syslogseverity 9, expression will always evaluate to FALSE")]
    [InlineData("$syslogfacility >= 25", "invalid syslogfacility 25")]
    [InlineData("$syslogseverity-text == \"bogus\"", "invalid syslogseverity 'bogus'")]
    [InlineData("$syslogfacility-text != \"nofac\"", "invalid facility 'nofac'")]
    [InlineData("[\"a\"] == [\"a\"]", "comparison of two constant string arrays makes no sense")]
    public void Config_errors(string expression, string message)
    {
        var errors = Errors(expression);
        var error = Assert.Single(errors);
        Assert.Contains(message, error.Message);
        Assert.Equal("e.conf", error.Location.File);
        Assert.Equal(1, error.Location.Line);
    }

    [Fact]
    public void All_errors_of_an_expression_are_reported_together()
    {
        var errors = Errors("$nosuch1 == nosuchfn(1) and strlen(1, 2) and $nosuch2");
        Assert.Equal(4, errors.Count);
        Assert.Throws<Sluice.Engine.Config.ConfigException>(() => Compile("$nosuch1 == 1"));
    }

    [Theory]
    // Optimizations rsyslog's optimizer makes and that change results (all checked with rsyslogd 8.2302).
    [InlineData("\"0x10\" + 0", "16")]          // folding reads hex …
    [InlineData("\"0xff\" + 0", "85")]          // … with libestr's letter bug
    [InlineData("strlen(\"0x10\" + 0)", "1")]   // function arguments are not folded
    [InlineData("$syslogfacility-text == \"LOCAL0\"", "1")]
    [InlineData("$syslogfacility-text != \"mail\"", "1")]
    [InlineData("$syslogseverity-text == \"6\"", "1")]
    [InlineData("[\"cron\", \"sshd\"] == $programname", "1")]
    [InlineData("- - 5", "5")]
    public void Config_time_rewrites(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Severity_and_facility_compares_become_mask_tests()
    {
        Assert.IsType<PriorityTest>(Compile("$syslogseverity <= 4").Root);
        Assert.IsType<PriorityTest>(Compile("$syslogfacility-text == \"mail\"").Root);
        Assert.IsType<Equality>(Compile("$SyslogSeverity == 4").Root); // rsyslog matches the name case-sensitively
    }

    [Theory]
    [InlineData("4294967296", false)]   // cnfexprEvalBool truncates to a C int
    [InlineData("4294967297", true)]
    [InlineData("\"abc\"", false)]
    [InlineData("\"5x\"", true)]
    [InlineData("$programname == \"sshd\"", true)]
    [InlineData("$syslogseverity < 6", false)]
    [InlineData("$!nothing", false)]
    public void Conditions(string expression, bool expected)
    {
        Assert.Equal(expected, Compile(expression).IsTrue(SampleMessage(), NewContext()));
    }

    [Fact]
    public void Values_of_one_evaluation_are_recycled_by_the_next()
    {
        var context = NewContext();
        var message = SampleMessage();
        var concat = Compile("$programname & \"-\" & $procid");
        Assert.Equal("sshd-123", Show(concat.Evaluate(message, context)));
        Assert.Equal("sshd-123", Show(concat.Evaluate(message, context)));
    }

    [Fact]
    public void Set_only_accepts_variables()
    {
        var doc = Sluice.Engine.Config.ConfigLoader.LoadText("set $msg = 1;\nset $!ok = 1;\nunset $hostname;", "s.conf");
        var context = NewBindContext();
        var set = Assert.IsType<Sluice.Engine.Config.Ast.SetNode>(doc.Items[0]);
        Assert.Null(VariableAssignment.Bind(set, context));
        Assert.NotNull(VariableAssignment.Bind(Assert.IsType<Sluice.Engine.Config.Ast.SetNode>(doc.Items[1]), context));
        Assert.Null(VariableRemoval.Bind(Assert.IsType<Sluice.Engine.Config.Ast.UnsetNode>(doc.Items[2]), context));
        Assert.Equal(["s.conf:1:1: invalid variable '$msg' in set statement", "s.conf:3:1: invalid variable '$hostname' in unset statement"],
            context.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Set_reset_and_unset_act_on_the_message_and_the_globals()
    {
        var context = NewContext();
        var message = SampleMessage();
        var bind = NewBindContext();
        var doc = Sluice.Engine.Config.ConfigLoader.LoadText(
            "set $!a!b = $programname;\nset $.n = 5 * 2;\nset $/g = \"shared\";\nreset $!a = 1;\nunset $.n;", "s.conf");
        foreach (var item in doc.Items)
        {
            if (item is Sluice.Engine.Config.Ast.SetNode s) VariableAssignment.Bind(s, bind)!.Execute(message, context);
            else VariableRemoval.Bind(Assert.IsType<Sluice.Engine.Config.Ast.UnsetNode>(item), bind)!.Execute(message, context);
        }
        Assert.Empty(bind.Errors);
        Assert.Equal("{ \"a\": 1 }", ExpressionRunner.Render(message.Variables!.Tree.Root));
        Assert.Equal("{ }", ExpressionRunner.Render(message.Variables.Locals.Root));
        Assert.Equal("{ \"g\": \"shared\" }", context.Globals.ToJson());
        Assert.Equal("shared", Eval("$/g", message, context));
    }
}

public class CollectionTests
{
    [Fact]
    public void Foreach_collections_are_copies()
    {
        var message = ExpressionTestKit.SampleMessage();
        var context = ExpressionTestKit.NewContext();
        message.GetOrCreateVariables().AddJson(Sluice.Engine.Messages.Variables.VariablePath.Parse("!list"), "[1, {\"a\": 2}] "u8);
        var pool = new Sluice.Engine.Messages.Variables.JsonNodePool();
        var copy = ExpressionTestKit.Compile("$!list").EvaluateCollection(message, context, pool);
        Assert.NotNull(copy);
        Assert.Equal(2, copy.Count);
        message.Variables!.Tree.Unset(Sluice.Engine.Messages.Variables.VariablePath.Parse("!list"));
        Assert.Equal(2, copy.Element(1)!.Member("a"u8)!.Integer);
        Assert.Null(ExpressionTestKit.Compile("$programname").EvaluateCollection(message, context, pool));
    }
}
