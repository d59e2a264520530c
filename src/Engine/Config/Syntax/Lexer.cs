namespace Sluice.Engine.Config.Syntax;

/// <summary>The lexer's start conditions (lexer.l %x states).</summary>
public enum LexerState
{
    /// <summary>Statements, selectors, legacy actions, $-directives, object keywords.</summary>
    Initial,
    /// <summary>INOBJ: inside "keyword(" … ")".</summary>
    Object,
    /// <summary>EXPR: after if/foreach/set/reset/unset/call_indirect until then/do/';'.</summary>
    Expression,
    /// <summary>INCALL: after "call", until the ruleset name.</summary>
    Call,
    /// <summary>IN_PROCEDURE_CALL: reload_lookup_table(…).</summary>
    ProcedureCall,
}

/// <summary>
/// rsyslog's RainerScript lexer (grammar/lexer.l) as a hand-written scanner. Like flex it is modal, the
/// tokens themselves switch the state (so the parser may look one token ahead), and in each state the
/// longest match wins, ties going to the rule listed first in lexer.l. Keywords are case-insensitive.
/// Problems inside literals (bad escapes, unterminated strings) are reported here; characters no rule
/// accepts come back as <see cref="TokenKind.Invalid"/> tokens for the parser to report in context.
/// </summary>
public sealed partial class Lexer
{
    private readonly SourceText _source;
    private readonly string _s;
    private readonly ICollection<ConfigError> _errors;
    private int _pos;
    private TokenKind _previous = TokenKind.EndOfFile;

    public Lexer(SourceText source, ICollection<ConfigError> errors)
    {
        _source = source;
        _s = source.Text;
        _errors = errors;
    }

    public LexerState State { get; private set; }

    public SourceText Source => _source;

    public Token Next()
    {
        while (true)
        {
            if (_pos >= _s.Length) return new Token(TokenKind.EndOfFile, "", _source.LocationOf(_s.Length), _s.Length);
            Token? token = State switch
            {
                LexerState.Initial => ScanInitial(),
                LexerState.Object => ScanObject(),
                LexerState.Expression => ScanExpression(),
                LexerState.Call => ScanCall(),
                _ => ScanProcedureCall(),
            };
            if (token is null) continue;
            _previous = token.Kind;
            return token;
        }
    }

    /// <summary>
    /// Error recovery: continue at the line after <paramref name="position"/>, in the initial state, so
    /// that one mistake does not swallow the rest of the file.
    /// </summary>
    public void ResyncAfterLineOf(int position)
    {
        int nl = _s.IndexOf('\n', Math.Min(position, _s.Length));
        _pos = nl < 0 ? _s.Length : nl + 1;
        State = LexerState.Initial;
        _previous = TokenKind.EndOfFile;
    }

    /// <summary>Error recovery: continue lexing at <paramref name="position"/> in the initial state.</summary>
    public void ResyncAt(int position)
    {
        _pos = Math.Clamp(position, 0, _s.Length);
        State = LexerState.Initial;
        _previous = TokenKind.EndOfFile;
    }

    private Token Make(TokenKind kind, int start, int length, string? text = null)
    {
        _pos = start + length;
        return new Token(kind, text ?? _s.Substring(start, length), _source.LocationOf(start), start);
    }

    private Token Invalid(int start, string what)
    {
        _pos = start + 1;
        return new Token(TokenKind.Invalid, _s[start].ToString(), _source.LocationOf(start), start)
        {
            Error = $"invalid character '{Printable(_s[start])}'{what}",
        };
    }

    private void Error(int position, string message) => _errors.Add(new ConfigError(_source.LocationOf(position), message));

    internal static string Printable(char c) => c < ' ' || c == 127 ? $"\\x{(int)c:x2}" : c.ToString();

    // ---- shared helpers -------------------------------------------------------------------------

    private char At(int i) => i < _s.Length ? _s[i] : '\0';

    private static bool IsLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private bool IsEndOfLine(int i) => i >= _s.Length || _s[i] == '\n';

    /// <summary>Length of <paramref name="keyword"/> when it is at <paramref name="p"/> (any case), else 0.</summary>
    private int Keyword(int p, string keyword)
        => p + keyword.Length <= _s.Length && string.Compare(_s, p, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
            ? keyword.Length
            : 0;

    private int RunWhile(int p, Func<char, bool> accept)
    {
        int i = p;
        while (i < _s.Length && accept(_s[i])) i++;
        return i - p;
    }

    private int RestOfLine(int p)
    {
        int nl = _s.IndexOf('\n', p);
        return (nl < 0 ? _s.Length : nl) - p;
    }

    /// <summary>Skips a C comment starting at "/*"; an unterminated one runs to the end, as in rsyslog.</summary>
    private void SkipComment(int start)
    {
        int end = _s.IndexOf("*/", start + 2, StringComparison.Ordinal);
        _pos = end < 0 ? _s.Length : end + 2;
    }

    /// <summary>Scans a quoted or backtick string at <paramref name="start"/>; the token text is the decoded value.</summary>
    private Token ScanString(int start, StringFlavor flavor)
    {
        char delimiter = _s[start];
        int i = start + 1;
        bool dollarReported = false;
        while (true)
        {
            if (i >= _s.Length)
            {
                Error(start, "unterminated string: the closing " + delimiter + " is missing");
                // Resume at the end of the line the string started on rather than losing the whole file.
                int eol = start + RestOfLine(start);
                return Make(TokenKind.String, start, eol - start, StringEscapes.Unescape(_s.Substring(start + 1, eol - start - 1)));
            }
            char c = _s[i];
            if (c == delimiter) break;
            if (c == '\\')
            {
                int n = StringEscapes.AcceptedLength(_s, i, flavor);
                if (n == 0)
                {
                    Error(i, $"invalid escape sequence '\\{Printable(At(i + 1))}' in string");
                    n = i + 1 < _s.Length ? 2 : 1;
                }
                i += n;
                continue;
            }
            if (c == '$' && flavor == StringFlavor.ExpressionDouble && !dollarReported)
            {
                Error(i, "a '$' in a double-quoted string must be escaped as '\\$'");
                dollarReported = true;
            }
            i++;
        }
        string value = StringEscapes.Unescape(_s.Substring(start + 1, i - start - 1));
        if (flavor is StringFlavor.ObjectBacktick or StringFlavor.ExpressionBacktick)
        {
            value = BacktickExpander.Expand(value, out var error) ?? "";
            if (error is not null) Error(start, error);
        }
        return Make(TokenKind.String, start, i + 1 - start, value);
    }
}
