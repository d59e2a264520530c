using Sluice.Engine.Scripting.Expressions;
using Sluice.Engine.Scripting.Functions;
using static Sluice.Tests.Scripting.Expressions.ExpressionTestKit;

namespace Sluice.Tests.Scripting.Functions;

/// <summary>What the rsyslogd table (Expressions/Data/expressions.tsv) cannot cover: errors, host state, randomness.</summary>
public class FunctionTests
{
    [Theory]
    [InlineData("strlenn($msg)", "function 'strlenn' not found (did you mean 'strlen'?)")]
    [InlineData("frobnicate(1)", "function 'frobnicate' not found")]
    [InlineData("strlen()", "number of parameters for strlen() must be 1 but is 0.")]
    [InlineData("wrap(\"a\")", "number of parameters for wrap() must be at least 2 but is 1.")]
    [InlineData("is_time(1, 2, 3)", "number of parameters for is_time() must be at most 2 but is 3.")]
    [InlineData("re_match($msg, $hostname)", "param 2 of re_match/extract() must be a constant string")]
    [InlineData("re_extract($msg, \"(\", 0, 0, \"\")", "cannot compile regex '(': Unmatched ( or \\(")]
    [InlineData("prifilt($msg)", "param 1 of prifilt() must be a constant string")]
    [InlineData("prifilt(\"bogus.*\")", "unknown facility name \"bogus\"")]
    [InlineData("exec_template(\"nope\")", "exec_template(): template 'nope' could not be found")]
    [InlineData("lookup(\"t\", $msg)", "lookup table 't' not found (used in function: lookup)")]
    [InlineData("dyn_inc(\"b\", $msg)", "dyn_inc() is not supported yet")]
    [InlineData("percentile_observe(\"b\", $msg, 1)", "percentile_observe() is not supported yet")]
    [InlineData("http_request(\"http://x\")", "http_request() comes from rsyslog's fmhttp module")]
    [InlineData("hash64($msg)", "fmhash module")]
    [InlineData("cbool(1)", "cbool() is not supported yet")]
    public void Bind_errors(string expression, string message) => Assert.Contains(message, Assert.Single(Errors(expression)).Message);

    [Fact]
    public void Names_are_case_insensitive() => Assert.Equal("3", Eval("STRLEN(\"abc\")"));

    [Fact]
    public void Every_rsyslog_8_2302_builtin_is_known()
    {
        string[] builtins =
        [
            "strlen", "getenv", "num2ipv4", "int2hex", "substring", "ltrim", "rtrim", "tolower", "cstr", "cnum", "ip42num",
            "ipv42num", "re_match", "re_match_i", "re_extract", "re_extract_i", "field", "exec_template", "prifilt", "lookup",
            "dyn_inc", "percentile_observe", "replace", "wrap", "random", "format_time", "parse_time", "is_time",
            "parse_json", "get_property", "script_error", "previous_action_suspended",
        ];
        foreach (string name in builtins) Assert.NotNull(FunctionRegistry.Find(name));
    }

    [Fact]
    public void Exec_template_renders_the_message()
    {
        Assert.Equal("<134>Feb  5 17:32:18 myhost sshd[123]: Failed password for root from 10.0.0.1 port 22 ssh2",
            Eval("exec_template(\"RSYSLOG_TraditionalForwardFormat\")"));
    }

    [Fact]
    public void Getenv_with_a_literal_is_read_at_bind_time()
    {
        var bind = NewBindContext();
        var lookups = new List<string>();
        var withEnv = new ExpressionBindContext(bind.Templates) { Environment = name => { lookups.Add(name); return "value"; } };
        var compiled = Sluice.Engine.Scripting.Expressions.ExpressionCompiler.CompileOrThrow(Parse("getenv(\"X\") & \"!\""), withEnv);
        Assert.Equal(["X"], lookups);
        Assert.Equal("value!", Show(compiled.Evaluate(SampleMessage(), NewContext())));
    }

    [Fact]
    public void Getenv_with_a_computed_name_reads_the_process_environment()
    {
        Environment.SetEnvironmentVariable("SLUICE_FUNCTION_TEST", "dynamic");
        Assert.Equal("dynamic", Eval("getenv(\"SLUICE_FUNCTION\" & \"_TEST\")"));
        Assert.Equal("", Eval("getenv(\"SLUICE_NOT\" & \"_SET_ANYWHERE\")"));
    }

    private sealed class Suspended(bool value) : IActionState
    {
        public bool PreviousActionSuspended => value;
    }

    [Fact]
    public void Previous_action_suspended_asks_the_action_runtime()
    {
        var context = NewContext();
        Assert.Equal("0", Eval("previous_action_suspended()", context: context));
        context.Actions = new Suspended(true);
        Assert.Equal("1", Eval("previous_action_suspended()", context: context));
    }

    [Fact]
    public void Script_error_keeps_the_last_state_on_the_worker()
    {
        var context = NewContext();
        var message = SampleMessage();
        Assert.Equal("1", Eval("parse_json(\"{bad\", '$!')", message, context));
        Assert.Equal(1, context.ScriptError);
        Assert.Equal("1", Eval("script_error()", message, context));
        Assert.Equal("0", Eval("parse_time(\"2017-10-05T01:10:11Z\") * 0", message, context));
        Assert.Equal("0", Eval("script_error()", message, context));
    }

    [Fact]
    public void Random_stays_in_range()
    {
        var context = NewContext();
        var message = SampleMessage();
        var small = Compile("random(10)");
        var large = Compile("random(1000000000000)");
        var negative = Compile("random(-5)");
        var seen = new HashSet<long>();
        for (int i = 0; i < 500; i++)
        {
            long n = small.Evaluate(message, context).Number;
            Assert.InRange(n, 0, 9);
            seen.Add(n);
            Assert.InRange(large.Evaluate(message, context).Number, 0, 999_999_999_999);
            Assert.InRange(negative.Evaluate(message, context).Number, 0, 4);
        }
        Assert.True(seen.Count > 5);
    }

    [Theory]
    // Cases rsyslogd 8.2302 cannot answer (it crashes or prints uninitialized memory); Sluice's choices.
    [InlineData("substring(\"abcdef\", -1, 2)", "")]
    [InlineData("format_time(1507165811, \"bogus\")", "1507165811")]
    [InlineData("toupper(\"aBc1\")", "ABC1")]
    [InlineData("($syslogseverity == 6) + 1", "2")]
    [InlineData("\"x\" & ($syslogfacility-text == \"local0\")", "x1")]
    [InlineData("$!arr[-1]", "")]
    public void Where_rsyslog_has_no_answer(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Regex_extraction_iterates_over_matches()
    {
        Assert.Equal("22", Eval("re_extract($msg, \"[0-9]+\", 4, 0, \"none\")"));
        Assert.Equal("ssh2", Eval("re_extract_i($msg, \"SSH([0-9])\", 0, 0, \"none\")"));
        Assert.Equal("1", Eval("re_match_i($msg, \"^ failed\")"));
    }
}

/// <summary>rsyslogd matches bytes, whatever the locale (checked with LANG=C.UTF-8 and LANG=C): so does Sluice.</summary>
public class RegexByteSemanticsTests
{
    [Theory]
    [InlineData("re_match(\"é\", '^.$')", "0")]
    [InlineData("re_match(\"é\", '^..$')", "1")]
    [InlineData("re_match_i(\"É\", \"é\")", "0")]
    public void Multibyte_characters_are_bytes(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void A_dot_extracts_one_byte()
    {
        var value = Compile("re_extract(\"aéb\", \"a(.)\", 0, 1, \"x\")").Evaluate(SampleMessage(), NewContext());
        Assert.Equal(new byte[] { 0xC3 }, value.Text.ToArray());
    }
}
