namespace Sluice.Engine.Config.Syntax;

public sealed partial class Lexer
{
    // INOBJ: ")" | [a-z][a-z0-9_\.]* | "," "[" "]" "=" | "…" | `…` | "/*" | #.*$ | [ \n\t] | . (error)
    private Token? ScanObject()
    {
        int p = _pos;
        char c = _s[p];
        switch (c)
        {
            case ')':
                State = LexerState.Initial;
                return Make(TokenKind.EndObject, p, 1);
            case ',':
                return Make(TokenKind.Comma, p, 1);
            case '[':
                return Make(TokenKind.LeftBracket, p, 1);
            case ']':
                return Make(TokenKind.RightBracket, p, 1);
            case '=':
                return Make(TokenKind.Equals, p, 1);
            case '"':
                return ScanString(p, StringFlavor.ObjectDouble);
            case '`':
                return ScanString(p, StringFlavor.ObjectBacktick);
            case ' ' or '\n' or '\t':
                _pos = p + 1;
                return null;
            case '#':
                _pos = p + RestOfLine(p);
                return null;
            case '/' when At(p + 1) == '*':
                SkipComment(p);
                return null;
        }
        // rsyslog only accepts quoted values; an unquoted one after '=' is kept whole so the parser can
        // say exactly that instead of reporting each of its characters.
        if (_previous == TokenKind.Equals)
            return Make(TokenKind.UnquotedValue, p, RunWhile(p, ch => !SourceText.IsSpace(ch) && ch is not (')' or ',' or ']' or '"' or '=' or '#')));
        if (IsLetter(c))
            return Make(TokenKind.Name, p, 1 + RunWhile(p + 1, ch => IsLetter(ch) || IsDigit(ch) || ch is '_' or '.'));
        return Invalid(p, " in object definition");
    }
}
