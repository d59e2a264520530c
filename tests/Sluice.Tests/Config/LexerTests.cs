using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Syntax;

namespace Sluice.Tests.Config;

public class LexerTests
{
    private static (List<Token> Tokens, List<ConfigError> Errors) Lex(string text)
    {
        var errors = new List<ConfigError>();
        var lexer = new Lexer(SourceText.From("t.conf", text), errors);
        var tokens = new List<Token>();
        for (int i = 0; i < 10_000; i++)
        {
            var t = lexer.Next();
            if (t.Kind == TokenKind.EndOfFile) return (tokens, errors);
            tokens.Add(t);
        }
        throw new InvalidOperationException("lexer did not reach the end");
    }

    private static List<TokenKind> Kinds(string text) => Lex(text).Tokens.Select(t => t.Kind).ToList();

    private static Token Single(string text)
    {
        var (tokens, errors) = Lex(text);
        Assert.Empty(errors);
        return Assert.Single(tokens);
    }

    [Theory]
    [InlineData("stop", TokenKind.Stop)]
    [InlineData("STOP", TokenKind.Stop)]
    [InlineData("continue", TokenKind.Continue)]
    [InlineData("else", TokenKind.Else)]
    [InlineData("&", TokenKind.Ampersand)]
    [InlineData("{", TokenKind.LeftBrace)]
    [InlineData("}", TokenKind.RightBrace)]
    public void Initial_keywords(string text, TokenKind kind) => Assert.Equal(kind, Single(text).Kind);

    [Fact]
    public void A_longer_word_beats_a_keyword()
    {
        // flex takes the longest match: "stopped" is a legacy action (a user name), not "stop" + "ped".
        var t = Single("stopped");
        Assert.Equal(TokenKind.LegacyAction, t.Kind);
        Assert.Equal("stopped", t.Text);
    }

    [Theory]
    [InlineData("if $x then stop", new[] { TokenKind.If, TokenKind.Variable, TokenKind.Then, TokenKind.Stop })]
    [InlineData("foreach ($.i in $!a) do stop", new[] { TokenKind.Foreach, TokenKind.LeftParen, TokenKind.Variable, TokenKind.In, TokenKind.Variable, TokenKind.RightParen, TokenKind.Do, TokenKind.Stop })]
    [InlineData("set $.a = 1;", new[] { TokenKind.Set, TokenKind.Variable, TokenKind.Equals, TokenKind.Number, TokenKind.Semicolon })]
    [InlineData("reset $.a = 1;", new[] { TokenKind.Reset, TokenKind.Variable, TokenKind.Equals, TokenKind.Number, TokenKind.Semicolon })]
    [InlineData("unset $.a;", new[] { TokenKind.Unset, TokenKind.Variable, TokenKind.Semicolon })]
    [InlineData("call_indirect $.r;", new[] { TokenKind.CallIndirect, TokenKind.Variable, TokenKind.Semicolon })]
    [InlineData("call my-rules.x stop", new[] { TokenKind.Call, TokenKind.Name, TokenKind.Stop })]
    [InlineData("reload_lookup_table(\"t\", 'x')", new[] { TokenKind.ReloadLookupTable, TokenKind.LeftParen, TokenKind.String, TokenKind.Comma, TokenKind.String, TokenKind.RightParen })]
    public void Statement_keywords_switch_the_lexer_state(string text, TokenKind[] expected)
        => Assert.Equal(expected, Kinds(text));

    [Fact]
    public void Call_name_is_read_in_its_own_state()
    {
        var tokens = Lex("call my-rules.x").Tokens;
        Assert.Equal("my-rules.x", tokens[1].Text);
    }

    [Theory]
    [InlineData("global(", ObjectKind.Global)]
    [InlineData("module(", ObjectKind.Module)]
    [InlineData("input(", ObjectKind.Input)]
    [InlineData("action(", ObjectKind.Action)]
    [InlineData("template(", ObjectKind.Template)]
    [InlineData("main_queue(", ObjectKind.MainQueue)]
    [InlineData("ruleset(", ObjectKind.Ruleset)]
    [InlineData("parser(", ObjectKind.Parser)]
    [InlineData("timezone(", ObjectKind.Timezone)]
    [InlineData("lookup_table(", ObjectKind.LookupTable)]
    [InlineData("dyn_stats(", ObjectKind.DynStats)]
    [InlineData("percentile_stats(", ObjectKind.PercentileStats)]
    [InlineData("ratelimit(", ObjectKind.RateLimit)]
    [InlineData("include(", ObjectKind.Include)]
    [InlineData("property(", ObjectKind.Property)]
    [InlineData("constant(", ObjectKind.Constant)]
    [InlineData("MODULE (", ObjectKind.Module)]
    [InlineData("module\n\t (", ObjectKind.Module)]
    public void Object_keywords(string text, ObjectKind kind)
    {
        var (tokens, errors) = Lex(text + ")");
        Assert.Empty(errors);
        Assert.Equal(TokenKind.BeginObject, tokens[0].Kind);
        Assert.Equal(kind, tokens[0].ObjectKind);
        Assert.Equal(TokenKind.EndObject, tokens[1].Kind);
    }

    [Fact]
    public void Object_contents()
    {
        var (tokens, errors) = Lex("input(type=\"imtcp\" port=[\"1\", \"2\"] Max.Sessions_2=\"3\")");
        Assert.Empty(errors);
        Assert.Equal(new[]
        {
            TokenKind.BeginObject, TokenKind.Name, TokenKind.Equals, TokenKind.String, TokenKind.Name, TokenKind.Equals,
            TokenKind.LeftBracket, TokenKind.String, TokenKind.Comma, TokenKind.String, TokenKind.RightBracket,
            TokenKind.Name, TokenKind.Equals, TokenKind.String, TokenKind.EndObject,
        }, tokens.Select(t => t.Kind));
        Assert.Equal("Max.Sessions_2", tokens[11].Text);
        Assert.Equal("imtcp", tokens[3].Text);
    }

    [Fact]
    public void Locations_are_one_based_line_and_column()
    {
        var (tokens, _) = Lex("# comment\n  module(load=\"imtcp\"\n\tport=\"514\")");
        Assert.Equal(new SourceLocation("t.conf", 2, 3), tokens[0].Location); // module(
        Assert.Equal(new SourceLocation("t.conf", 2, 10), tokens[1].Location); // load
        Assert.Equal(new SourceLocation("t.conf", 2, 15), tokens[3].Location); // "imtcp"
        Assert.Equal(new SourceLocation("t.conf", 3, 2), tokens[4].Location); // port
        Assert.Equal(new SourceLocation("t.conf", 3, 12), tokens[7].Location); // )
    }

    [Fact]
    public void Unquoted_values_become_one_token()
    {
        // rsyslog has no unquoted values (8.2302 reports each character); Sluice keeps the value whole so
        // the parser can say what to write instead.
        var (tokens, errors) = Lex("input(port=10514 address=/var/run/x)");
        Assert.Empty(errors);
        Assert.Equal(TokenKind.UnquotedValue, tokens[3].Kind);
        Assert.Equal("10514", tokens[3].Text);
        Assert.Equal(TokenKind.UnquotedValue, tokens[6].Kind);
        Assert.Equal("/var/run/x", tokens[6].Text);
        Assert.Equal(TokenKind.EndObject, tokens[7].Kind);
    }

    [Fact]
    public void Invalid_character_in_object()
    {
        var (tokens, _) = Lex("input(type=\"x\" ; )");
        var invalid = tokens.Single(t => t.Kind == TokenKind.Invalid);
        Assert.Equal(";", invalid.Text);
        Assert.Equal("invalid character ';' in object definition", invalid.Error);
        Assert.Equal(new SourceLocation("t.conf", 1, 16), invalid.Location);
    }

    [Fact]
    public void Comments_everywhere()
    {
        string text = "# line comment\n/* block\n comment */ module(/* c */ load=\"a\" # rest of line\n) /* unterminated";
        var (tokens, errors) = Lex(text);
        Assert.Empty(errors);
        Assert.Equal(new[] { TokenKind.BeginObject, TokenKind.Name, TokenKind.Equals, TokenKind.String, TokenKind.EndObject },
            tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Comment_in_expression()
    {
        Assert.Equal(new[] { TokenKind.If, TokenKind.Number, TokenKind.Then, TokenKind.Stop }, Kinds("if /* c */ 1 then stop"));
    }

    [Theory]
    [InlineData("==", TokenKind.CompareEq)]
    [InlineData("!=", TokenKind.CompareNe)]
    [InlineData("<>", TokenKind.CompareNe)]
    [InlineData("<=", TokenKind.CompareLe)]
    [InlineData(">=", TokenKind.CompareGe)]
    [InlineData("<", TokenKind.CompareLt)]
    [InlineData(">", TokenKind.CompareGt)]
    [InlineData("contains", TokenKind.Contains)]
    [InlineData("contains_i", TokenKind.ContainsI)]
    [InlineData("startswith", TokenKind.StartsWith)]
    [InlineData("startswith_i", TokenKind.StartsWithI)]
    [InlineData("endswith", TokenKind.EndsWith)]
    [InlineData("and", TokenKind.And)]
    [InlineData("OR", TokenKind.Or)]
    [InlineData("not", TokenKind.Not)]
    [InlineData("+", TokenKind.Plus)]
    [InlineData("-", TokenKind.Minus)]
    [InlineData("*", TokenKind.Star)]
    [InlineData("/", TokenKind.Slash)]
    [InlineData("%", TokenKind.Percent)]
    [InlineData("&", TokenKind.Ampersand)]
    [InlineData(",", TokenKind.Comma)]
    [InlineData("[", TokenKind.LeftBracket)]
    [InlineData("]", TokenKind.RightBracket)]
    [InlineData("(", TokenKind.LeftParen)]
    [InlineData(")", TokenKind.RightParen)]
    [InlineData("=", TokenKind.Equals)]
    [InlineData("exists", TokenKind.Exists)]
    [InlineData("in", TokenKind.In)]
    [InlineData("re_match", TokenKind.Function)]
    [InlineData("containsx", TokenKind.Function)]
    public void Expression_tokens(string op, TokenKind kind)
    {
        var tokens = Lex("if " + op + " then").Tokens;
        Assert.Equal(3, tokens.Count);
        Assert.Equal(kind, tokens[1].Kind);
        Assert.Equal(TokenKind.Then, tokens[2].Kind);
    }

    [Theory]
    [InlineData("42", 42L)]
    [InlineData("0", 0L)]
    [InlineData("017", 15L)]
    [InlineData("0x1F", 31L)]
    [InlineData("99999999999999999999999", long.MaxValue)]
    public void Numbers_are_decimal_octal_or_hex(string text, long value)
    {
        var t = Lex("if " + text + " then").Tokens[1];
        Assert.Equal(TokenKind.Number, t.Kind);
        Assert.Equal(value, t.Number);
    }

    [Fact]
    public void A_leading_zero_number_stops_at_the_first_non_octal_digit()
    {
        var tokens = Lex("if 089 then").Tokens;
        Assert.Equal(new[] { 0L, 89L }, tokens.Where(t => t.Kind == TokenKind.Number).Select(t => t.Number));
    }

    [Theory]
    [InlineData("$msg", "msg")]
    [InlineData("$!", "!")]
    [InlineData("$!a!b[0]", "!a!b[0]")]
    [InlineData("$.x-y_z", ".x-y_z")]
    [InlineData("$/glob", "/glob")]
    [InlineData("$$now", "$now")]
    [InlineData("$syslogfacility-text", "syslogfacility-text")]
    public void Variables(string text, string name)
    {
        var t = Lex("if " + text + " then").Tokens[1];
        Assert.Equal(TokenKind.Variable, t.Kind);
        Assert.Equal(name, t.Text);
    }

    [Fact]
    public void Expression_strings_and_their_escapes()
    {
        var tokens = Lex("if 'a\\'b\\x41\\101' == \"c\\$d\\n\" then").Tokens;
        Assert.Equal("a'bAA", tokens[1].Text);
        Assert.Equal("c$d\n", tokens[3].Text);
    }

    [Fact]
    public void Dollar_sign_in_double_quoted_expression_string_is_an_error()
    {
        var (_, errors) = Lex("if \"a$b\" then stop");
        var e = Assert.Single(errors);
        Assert.Equal(new SourceLocation("t.conf", 1, 6), e.Location);
        Assert.Contains("'$'", e.Message);
    }

    [Fact]
    public void Then_returns_to_the_initial_state()
    {
        // After "then", "mail" is a legacy action word again, not a function name.
        Assert.Equal(new[] { TokenKind.If, TokenKind.Number, TokenKind.Then, TokenKind.LegacyAction }, Kinds("if 1 then root"));
    }

    [Fact]
    public void Invalid_character_in_expression()
    {
        var t = Lex("if 1 # 2 then").Tokens[2];
        Assert.Equal(TokenKind.Invalid, t.Kind);
        Assert.Equal("invalid character '#' in expression", t.Error);
    }

    [Fact]
    public void Priority_filter_only_at_the_start_of_a_line()
    {
        var (tokens, _) = Lex("  *.*;auth,authpriv.none\t-/var/log/syslog\nroot mail.info");
        Assert.Equal(TokenKind.PriorityFilter, tokens[0].Kind);
        Assert.Equal("*.*;auth,authpriv.none", tokens[0].Text); // leading blanks removed (rmLeadingSpace)
        Assert.Equal(new SourceLocation("t.conf", 1, 3), tokens[0].Location);
        Assert.Equal(TokenKind.LegacyAction, tokens[1].Kind);
        Assert.Equal("-/var/log/syslog", tokens[1].Text);
        Assert.Equal(TokenKind.LegacyAction, tokens[2].Kind);
        Assert.Equal("root", tokens[2].Text);
        // not at the line start: "mail" is a word and ".info" a legacy action.
        Assert.Equal(new[] { "mail", ".info" }, tokens.Skip(3).Select(t => t.Text));
    }

    [Theory]
    [InlineData("mail.info", "mail.info")]
    [InlineData("local7.=warn /x", "local7.=warn")]
    [InlineData("kern.!info /x", "kern.!info")]
    [InlineData("MAIL,Auth.*;mail.none /x", "MAIL,Auth.*;mail.none")]
    public void Priority_filters(string line, string selector)
    {
        var t = Lex(line).Tokens[0];
        Assert.Equal(TokenKind.PriorityFilter, t.Kind);
        Assert.Equal(selector, t.Text);
    }

    [Fact]
    public void Property_filter()
    {
        var (tokens, errors) = Lex(":msg, contains, \"a \\\"b\\\" c\" /var/log/x");
        Assert.Empty(errors);
        Assert.Equal(TokenKind.PropertyFilter, tokens[0].Kind);
        Assert.Equal(":msg, contains, \"a \\\"b\\\" c\"", tokens[0].Text);
        Assert.Equal(TokenKind.LegacyAction, tokens[1].Kind);
    }

    [Theory]
    [InlineData("/var/log/messages;RSYSLOG_TraditionalFileFormat")]
    [InlineData("-/var/log/syslog")]
    [InlineData("@@(o,z9)host:514;Tpl")]
    [InlineData("@host")]
    [InlineData("|/dev/xconsole")]
    [InlineData("^/bin/prog;tpl")]
    [InlineData("?DynaFile")]
    [InlineData(":omusrmsg:root,admin")]
    [InlineData("~")]
    [InlineData("*")]
    [InlineData("root,admin")]
    [InlineData(">dbhost,db,user,pass")]
    public void Legacy_actions_take_the_rest_of_the_line(string text)
    {
        var (tokens, errors) = Lex("mail.* " + text);
        Assert.Empty(errors);
        Assert.Equal(TokenKind.LegacyAction, tokens[1].Kind);
        Assert.Equal(text, tokens[1].Text);
    }

    [Fact]
    public void Directives_and_legacy_ruleset()
    {
        var (tokens, _) = Lex("$ModLoad imtcp # c\n$Ruleset remote\n$IncludeConfig /etc/rsyslog.d/*.conf");
        Assert.Equal(new[] { TokenKind.Directive, TokenKind.LegacyRuleset, TokenKind.Directive }, tokens.Select(t => t.Kind));
        Assert.Equal("$ModLoad imtcp # c", tokens[0].Text);
        Assert.Equal(new SourceLocation("t.conf", 3, 1), tokens[2].Location);
    }

    [Fact]
    public void Bsd_selectors()
    {
        var (tokens, _) = Lex("!sshd\n+host1\n+*\n");
        Assert.Equal(new[] { TokenKind.BsdTagSelector, TokenKind.BsdHostSelector, TokenKind.BsdHostSelector }, tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Invalid_character_at_top_level()
    {
        var t = Single2(")");
        Assert.Equal(TokenKind.Invalid, t.Kind);
        Assert.Equal("invalid character ')'", t.Error);

        static Token Single2(string text) => Assert.Single(Lex(text).Tokens);
    }

    [Fact]
    public void Object_string_escapes_as_rsyslog_decodes_them()
    {
        // Checked against rsyslogd 8.2302 writing this template to a file: \v has no case in doUnescape
        // ('?'), short octal escapes are computed from the wrong characters ("\12b" -> LF).
        var t = Lex("template(string=\"[a\\vb|a\\12b|a\\101b|a\\7b|\\a\\b\\f\\?\\'|x\\1\\n]\")").Tokens[3];
        Assert.Equal(TokenKind.String, t.Kind);
        Assert.Equal("[a?b|a\nb|aAb|aj|\a\b\f?'|x4n]", t.Text);
    }

    [Theory]
    [InlineData("a\\x41b")]
    [InlineData("a\\$b")]
    [InlineData("a\\qb")]
    public void Escapes_rsyslog_rejects_in_objects(string body)
    {
        var (tokens, errors) = Lex("template(string=\"" + body + "\")");
        var e = Assert.Single(errors);
        Assert.StartsWith("invalid escape sequence '\\", e.Message);
        Assert.Equal(new SourceLocation("t.conf", 1, 19), e.Location);
        // The string is still one token and the object goes on.
        Assert.Equal(TokenKind.EndObject, tokens.Last().Kind);
    }

    [Fact]
    public void Unterminated_string_is_reported_once_and_ends_at_its_line()
    {
        var (tokens, errors) = Lex("input(type=\"imtcp)\nstop");
        var e = Assert.Single(errors);
        Assert.Equal(new SourceLocation("t.conf", 1, 12), e.Location);
        Assert.Contains("unterminated string", e.Message);
        Assert.Equal(TokenKind.String, tokens[3].Kind);
    }

    [Fact]
    public void Backtick_echo_expands_environment_variables()
    {
        string name = "SLUICE_LEXER_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "10514");
        try
        {
            var t = Lex("input(port=`echo $" + name + "`)").Tokens[3];
            Assert.Equal(TokenKind.String, t.Kind);
            Assert.Equal("10514", t.Text);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Backtick_cat_reads_a_file_and_other_commands_are_errors()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "content");
            Assert.Equal("content", Lex("input(x=`cat " + path + "`)").Tokens[3].Text);
            var (_, errors) = Lex("input(x=`ls /`)");
            Assert.Contains("invalid backtick", Assert.Single(errors).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Procedure_call_rejects_non_strings()
    {
        var tokens = Lex("reload_lookup_table(x)").Tokens;
        Assert.Equal(TokenKind.Invalid, tokens[2].Kind);
    }
}
