using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Includes;

namespace Sluice.Engine.Config.Syntax;

/// <summary>
/// Recursive-descent parser for RainerScript following rsyslog's grammar/grammar.y, producing the AST for
/// the whole language (objects, if/else, foreach, set/unset, call, expressions, filters, legacy lines).
/// It does not stop at the first error: it records it, skips to the next statement or object and goes
/// on, so that every problem of a file is reported in one run.
/// </summary>
public sealed partial class Parser
{
    private readonly Lexer _lexer;
    private readonly SourceText _source;
    private readonly List<ConfigError> _errors;
    private readonly IncludeExpander _includes;
    private Token _current;
    private int _depth;
    private int _lastRecovery = -1;

    private Parser(SourceText source, IncludeExpander includes)
    {
        _source = source;
        _includes = includes;
        _errors = new List<ConfigError>();
        _lexer = new Lexer(source, _errors);
        _current = _lexer.Next();
    }

    public static ConfigDocument Parse(SourceText source) => Parse(source, new IncludeExpander());

    /// <summary>Parses <paramref name="source"/>, splicing in what its include()s and $IncludeConfig lines name.</summary>
    public static ConfigDocument Parse(SourceText source, IncludeExpander includes) => new Parser(source, includes).ParseDocument();

    /// <summary>Thrown after a syntax error has been recorded, to unwind to the recovery point.</summary>
    private sealed class SyntaxError : Exception
    {
    }

    private ConfigDocument ParseDocument()
    {
        var items = new List<ConfigItem>();
        while (_current.Kind != TokenKind.EndOfFile)
        {
            try
            {
                ParseItem(items);
            }
            catch (SyntaxError)
            {
                Recover();
            }
        }
        return new ConfigDocument(_source.FileName, items, _errors);
    }

    private void ParseItem(List<ConfigItem> items)
    {
        var t = _current;
        switch (t.Kind)
        {
            case TokenKind.BeginObject when t.ObjectKind is ObjectKind.Property or ObjectKind.Constant:
                throw Fail(t, $"{t.ObjectKind.Keyword()}() is only allowed inside the {{ }} of a list template");
            case TokenKind.BeginObject when t.ObjectKind == ObjectKind.Include:
                Advance();
                items.AddRange(_includes.Include(new IncludeNode(ParseParameters(t), t.Location), _errors));
                return;
            case TokenKind.BeginObject when t.ObjectKind is not ObjectKind.Action:
                items.Add(ParseObject());
                return;
            case TokenKind.Directive when IsIncludeConfig(t):
                Advance();
                items.AddRange(_includes.IncludeConfig(MakeDirective(t), _errors));
                return;
            case TokenKind.Directive:
            case TokenKind.LegacyRuleset:
                Advance();
                items.Add(MakeDirective(t));
                return;
            case TokenKind.BsdTagSelector:
            case TokenKind.BsdHostSelector:
                Advance();
                items.Add(new BsdSelectorNode(t.Kind == TokenKind.BsdHostSelector, Raw(t), t.Location));
                return;
            default:
                var statements = new List<StatementNode>();
                ParseStatement(statements);
                items.AddRange(statements);
                return;
        }
    }

    private DirectiveNode MakeDirective(Token t)
    {
        // conf.c cfsysline: the directive name runs up to the first blank.
        int n = 1;
        while (n < t.Text.Length && !char.IsWhiteSpace(t.Text[n])) n++;
        var arguments = new RawText(t.Text[n..], _source, t.Position + n);
        return new DirectiveNode(t.Text[1..n], arguments, t.Location);
    }

    /// <summary>rsyslog's lexer takes "$IncludeConfig" in any case.</summary>
    private static bool IsIncludeConfig(Token t) =>
        t.Text.StartsWith("$IncludeConfig", StringComparison.OrdinalIgnoreCase)
        && (t.Text.Length == 14 || char.IsWhiteSpace(t.Text[14]));

    private bool StartsLine(Token t)
    {
        int i = t.Position - 1;
        while (i >= 0 && _source.Text[i] is ' ' or '\t') i--;
        return i < 0 || _source.Text[i] == '\n';
    }

    private RawText Raw(Token t) => new(t.Text, _source, t.Position);

    private ObjectNode ParseObject()
    {
        var begin = Advance();
        var parameters = ParseParameters(begin);
        var kind = begin.ObjectKind;
        if (kind == ObjectKind.Template && _current.Kind == TokenKind.LeftBrace)
        {
            var subObjects = ParseTemplateBody();
            return new ObjectNode(kind, parameters, begin.Location) { SubObjects = subObjects, HasBody = true };
        }
        if (kind == ObjectKind.Ruleset)
        {
            if (_current.Kind != TokenKind.LeftBrace)
                throw Fail(_current, $"expected '{{' with the ruleset's statements after ruleset(...), found {Describe(_current)}");
            var open = Advance();
            _depth++;
            var script = new List<StatementNode>();
            while (_current.Kind != TokenKind.RightBrace)
            {
                if (_current.Kind == TokenKind.EndOfFile) throw Fail(open, "the '{' of this ruleset is never closed");
                ParseStatement(script);
            }
            Advance();
            _depth--;
            return new ObjectNode(kind, parameters, begin.Location) { Script = script, HasBody = true };
        }
        return new ObjectNode(kind, parameters, begin.Location);
    }

    private List<ObjectNode> ParseTemplateBody()
    {
        var open = Advance();
        _depth++;
        var objects = new List<ObjectNode>();
        while (_current.Kind != TokenKind.RightBrace)
        {
            var t = _current;
            if (t.Kind == TokenKind.EndOfFile) throw Fail(open, "the '{' of this template is never closed");
            if (t.Kind != TokenKind.BeginObject || t.ObjectKind is not (ObjectKind.Property or ObjectKind.Constant))
                throw Fail(t, $"only property() and constant() are allowed in a template's {{ }}, found {Describe(t)}");
            Advance();
            objects.Add(new ObjectNode(t.ObjectKind, ParseParameters(t), t.Location));
        }
        Advance();
        _depth--;
        return objects;
    }

    /// <summary>name="value" pairs up to and including the closing ')'.</summary>
    private List<ParameterNode> ParseParameters(Token begin)
    {
        string owner = begin.Text + "()";
        var list = new List<ParameterNode>();
        while (true)
        {
            var t = _current;
            switch (t.Kind)
            {
                case TokenKind.EndObject:
                    Advance();
                    return list;
                case TokenKind.Name:
                    Advance();
                    if (_current.Kind == TokenKind.Invalid && _current.Text == "(")
                    {
                        // "input(" inside module(…: the ')' is missing. End this object here and go on
                        // with the next one, which starts at that name.
                        _errors.Add(new ConfigError(_current.Location,
                            $"'{t.Text}(' inside {owner}: is the ')' of the {begin.Text}( at line {begin.Location.Line} missing?"));
                        _lexer.ResyncAt(t.Position);
                        _current = _lexer.Next();
                        return list;
                    }
                    if (_current.Kind != TokenKind.Equals && t.Location.Line > begin.Location.Line && StartsLine(t))
                    {
                        // A line starting with a word that is no parameter: the ')' before it is missing.
                        // End the object and read that line as a statement again.
                        _errors.Add(new ConfigError(t.Location,
                            $"expected ')' to close the {begin.Text}( of line {begin.Location.Line} before this line"));
                        _lexer.ResyncAt(t.Position);
                        _current = _lexer.Next();
                        return list;
                    }
                    if (_current.Kind != TokenKind.Equals)
                        throw Fail(_current, $"expected '=' after parameter name '{t.Text}' in {owner}, found {Describe(_current)}");
                    Advance();
                    list.Add(new ParameterNode(t.Text, ParseValue(t.Text), t.Location));
                    break;
                case TokenKind.EndOfFile:
                    throw Fail(begin, $"{owner} is not closed: the ')' is missing");
                case TokenKind.Invalid when t.Text == "(":
                    throw Fail(t, $"invalid character '(' in {owner}: is the ')' of the {begin.Text}( at line {begin.Location.Line} missing?");
                case TokenKind.Invalid:
                    throw Fail(t, t.Error + $" in {owner}");
                default:
                    throw Fail(t, $"expected a parameter name or ')' in {owner}, found {Describe(t)}");
            }
        }
    }

    private ValueNode ParseValue(string name)
    {
        var t = _current;
        switch (t.Kind)
        {
            case TokenKind.String:
                Advance();
                return new StringValue(t.Text, t.Location);
            case TokenKind.UnquotedValue:
            case TokenKind.Name:
                // rsyslog's lexer has no unquoted values (8.2302: "invalid character"). Say what to write
                // and keep the value, so that binding can still check everything else.
                Advance();
                _errors.Add(new ConfigError(t.Location,
                    $"the value of '{name}' must be in double quotes: {name}=\"{t.Text}\""));
                return new StringValue(t.Text, t.Location, quoted: false);
            case TokenKind.LeftBracket:
                Advance();
                var items = new List<StringValue>();
                while (true)
                {
                    var item = _current;
                    if (item.Kind != TokenKind.String)
                        throw Fail(item, $"expected a quoted string in the array of '{name}', found {Describe(item)}");
                    Advance();
                    items.Add(new StringValue(item.Text, item.Location));
                    if (_current.Kind == TokenKind.Comma)
                    {
                        Advance();
                        continue;
                    }
                    if (_current.Kind == TokenKind.RightBracket)
                    {
                        Advance();
                        return new ArrayValue(items, t.Location);
                    }
                    throw Fail(_current, $"expected ',' or ']' in the array of '{name}', found {Describe(_current)}");
                }
            default:
                throw Fail(t, $"expected a quoted value after '{name}=', found {Describe(t)}");
        }
    }

    // ---- token helpers ----------------------------------------------------------------------------

    private Token Advance()
    {
        var t = _current;
        _current = _lexer.Next();
        return t;
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (_current.Kind != kind) throw Fail(_current, $"expected {what}, found {Describe(_current)}");
        return Advance();
    }

    private SyntaxError Fail(Token at, string message)
    {
        _errors.Add(new ConfigError(at.Location, message));
        return new SyntaxError();
    }

    private SyntaxError Unexpected(string context)
        => _current.Kind == TokenKind.Invalid
            ? Fail(_current, _current.Error + context)
            : Fail(_current, $"syntax error: unexpected {Describe(_current)}{context}");

    private static string Describe(Token t) => t.Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.String => $"the string \"{Shorten(t.Text)}\"",
        TokenKind.BeginObject => $"'{t.Text}('",
        TokenKind.Variable => $"'${t.Text}'",
        _ => $"'{Shorten(t.Text)}'",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    /// <summary>
    /// After an error: leave the construct it happened in, then skip to the next statement or object
    /// outside any open block.
    /// </summary>
    private void Recover()
    {
        if (_current.Position == _lastRecovery && _current.Kind != TokenKind.EndOfFile) Advance();
        switch (_lexer.State)
        {
            case LexerState.Object:
                SkipRestOfObject();
                break;
            case LexerState.Expression:
            case LexerState.Call:
            case LexerState.ProcedureCall:
                _lexer.ResyncAfterLineOf(_current.Position);
                _current = _lexer.Next();
                break;
        }
        while (_current.Kind != TokenKind.EndOfFile && !(_depth == 0 && IsStart(_current)))
        {
            if (_current.Kind == TokenKind.LeftBrace) _depth++;
            else if (_current.Kind == TokenKind.RightBrace && _depth > 0) _depth--;
            Advance();
        }
        _lastRecovery = _current.Position;
    }

    private void SkipRestOfObject()
    {
        Token? previous = null;
        while (_current.Kind is not (TokenKind.EndObject or TokenKind.EndOfFile))
        {
            // "name(" inside an object means its ')' was missing: restart at that object.
            if (_current.Kind == TokenKind.Invalid && _current.Text == "(" && previous?.Kind == TokenKind.Name)
            {
                _lexer.ResyncAt(previous.Position);
                _current = _lexer.Next();
                return;
            }
            previous = Advance();
        }
        if (_current.Kind == TokenKind.EndObject) Advance();
    }

    private static bool IsStart(Token t) => t.Kind is TokenKind.BeginObject or TokenKind.PriorityFilter
        or TokenKind.PropertyFilter or TokenKind.If or TokenKind.Foreach or TokenKind.Set or TokenKind.Reset
        or TokenKind.Unset or TokenKind.Call or TokenKind.CallIndirect or TokenKind.Stop or TokenKind.Continue
        or TokenKind.LegacyAction or TokenKind.Directive or TokenKind.LegacyRuleset or TokenKind.BsdTagSelector
        or TokenKind.BsdHostSelector or TokenKind.ReloadLookupTable;
}
