using Sluice.Engine.Config.Ast;

namespace Sluice.Engine.Config.Syntax;

public sealed partial class Parser
{
    /// <summary>grammar.y stmt; an action list ("a &amp; b") adds several statements.</summary>
    private void ParseStatement(List<StatementNode> into)
    {
        var t = _current;
        switch (t.Kind)
        {
            case TokenKind.If:
                into.Add(ParseIf());
                return;
            case TokenKind.Foreach:
                into.Add(ParseForeach());
                return;
            case TokenKind.Set:
            case TokenKind.Reset:
                into.Add(ParseSet());
                return;
            case TokenKind.Unset:
                Advance();
                var variable = Expect(TokenKind.Variable, "a variable after 'unset'");
                Expect(TokenKind.Semicolon, "';' at the end of the unset statement");
                into.Add(new UnsetNode(variable.Text, t.Location));
                return;
            case TokenKind.PriorityFilter:
                Advance();
                into.Add(new PriFilterNode(Raw(t), ParseBlock(), t.Location));
                return;
            case TokenKind.PropertyFilter:
                Advance();
                into.Add(new PropertyFilterNode(Raw(t), ParseBlock(), t.Location));
                return;
            case TokenKind.ReloadLookupTable:
                into.Add(ParseReloadLookupTable());
                return;
            case TokenKind.BeginObject when t.ObjectKind == ObjectKind.Include:
                // Inside a block (rsyslog splices the included text into its token stream, so this works
                // there too): the included file may hold statements only.
                Advance();
                SpliceStatements(_includes.Include(new IncludeNode(ParseParameters(t), t.Location), _errors), t, into);
                return;
            case TokenKind.Directive when IsIncludeConfig(t):
                // rsyslogd 8.2302 takes "$IncludeConfig" inside a block too.
                Advance();
                SpliceStatements(_includes.IncludeConfig(MakeDirective(t), _errors), t, into);
                return;
            case TokenKind.BeginObject when t.ObjectKind != ObjectKind.Action:
                throw Fail(t, $"declarative object '{t.Text}()' is not permitted inside a statement block");
            case TokenKind.BeginObject:
            case TokenKind.LegacyAction:
            case TokenKind.Stop:
            case TokenKind.Continue:
            case TokenKind.Call:
            case TokenKind.CallIndirect:
                ParseSimpleAction(into);
                while (_current.Kind == TokenKind.Ampersand)
                {
                    Advance();
                    ParseSimpleAction(into);
                }
                return;
            default:
                throw Unexpected(" (expected a statement)");
        }
    }

    /// <summary>grammar.y s_act.</summary>
    private void ParseSimpleAction(List<StatementNode> into)
    {
        var t = _current;
        switch (t.Kind)
        {
            case TokenKind.BeginObject when t.ObjectKind == ObjectKind.Action:
                Advance();
                into.Add(new ActionNode(ParseParameters(t), t.Location));
                return;
            case TokenKind.LegacyAction:
                Advance();
                into.Add(new LegacyActionNode(Raw(t), t.Location));
                return;
            case TokenKind.Stop:
                Advance();
                into.Add(new StopNode(t.Location));
                return;
            case TokenKind.Continue:
                Advance();
                into.Add(new ContinueNode(t.Location));
                return;
            case TokenKind.Call:
                Advance();
                var name = Expect(TokenKind.Name, "a ruleset name after 'call'");
                into.Add(new CallNode(name.Text, t.Location));
                return;
            case TokenKind.CallIndirect:
                Advance();
                var expression = ParseExpression();
                Expect(TokenKind.Semicolon, "';' after the call_indirect expression");
                into.Add(new CallIndirectNode(expression, t.Location));
                return;
            default:
                throw Unexpected(" (expected an action after '&')");
        }
    }

    /// <summary>grammar.y block: one statement, or { script }.</summary>
    private List<StatementNode> ParseBlock()
    {
        var list = new List<StatementNode>();
        if (_current.Kind != TokenKind.LeftBrace)
        {
            ParseStatement(list);
            return list;
        }
        var open = Advance();
        _depth++;
        while (_current.Kind != TokenKind.RightBrace)
        {
            if (_current.Kind == TokenKind.EndOfFile) throw Fail(open, "this '{' is never closed");
            ParseStatement(list);
        }
        var close = Advance();
        _depth--;
        if (list.Count == 0) _errors.Add(new ConfigError(close.Location, "syntax error: empty block '{ }'"));
        return list;
    }

    private IfNode ParseIf()
    {
        var t = Advance();
        var condition = ParseExpression();
        Expect(TokenKind.Then, "'then' after the if condition");
        var then = ParseBlock();
        List<StatementNode>? otherwise = null;
        if (_current.Kind == TokenKind.Else)
        {
            Advance();
            otherwise = ParseBlock();
        }
        return new IfNode(condition, then, otherwise, t.Location);
    }

    private ForeachNode ParseForeach()
    {
        var t = Advance();
        Expect(TokenKind.LeftParen, "'(' after 'foreach'");
        var variable = Expect(TokenKind.Variable, "the loop variable");
        Expect(TokenKind.In, "'in' after the loop variable");
        var collection = ParseExpression();
        Expect(TokenKind.RightParen, "')' after the foreach expression");
        Expect(TokenKind.Do, "'do' after foreach (...)");
        return new ForeachNode(variable.Text, collection, ParseBlock(), t.Location);
    }

    private SetNode ParseSet()
    {
        var t = Advance();
        string keyword = t.Kind == TokenKind.Reset ? "reset" : "set";
        var variable = Expect(TokenKind.Variable, $"a variable after '{keyword}'");
        Expect(TokenKind.Equals, "'=' after the variable");
        var value = ParseExpression();
        Expect(TokenKind.Semicolon, $"';' at the end of the {keyword} statement");
        return new SetNode(variable.Text, value, t.Kind == TokenKind.Reset, t.Location);
    }

    private void SpliceStatements(List<ConfigItem> included, Token include, List<StatementNode> into)
    {
        foreach (var item in included)
        {
            if (item is StatementNode statement) into.Add(statement);
            else _errors.Add(new ConfigError(item.Location, $"this cannot stand inside the statement block that includes it (at {include.Location}): only statements can"));
        }
    }

    private ReloadLookupTableNode ParseReloadLookupTable()
    {
        var t = Advance();
        Expect(TokenKind.LeftParen, "'(' after reload_lookup_table");
        var arguments = new List<StringValue>();
        while (true)
        {
            var s = Expect(TokenKind.String, "a quoted string argument");
            arguments.Add(new StringValue(s.Text, s.Location));
            if (_current.Kind != TokenKind.Comma) break;
            Advance();
        }
        Expect(TokenKind.RightParen, "')' after the reload_lookup_table arguments");
        return new ReloadLookupTableNode(arguments, t.Location);
    }
}
