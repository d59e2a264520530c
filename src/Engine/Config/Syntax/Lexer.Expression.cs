namespace Sluice.Engine.Config.Syntax;

public sealed partial class Lexer
{
    private static readonly Dictionary<string, TokenKind> ExpressionKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["then"] = TokenKind.Then,
        ["do"] = TokenKind.Do,
        ["or"] = TokenKind.Or,
        ["and"] = TokenKind.And,
        ["not"] = TokenKind.Not,
        ["contains"] = TokenKind.Contains,
        ["contains_i"] = TokenKind.ContainsI,
        ["startswith"] = TokenKind.StartsWith,
        ["startswith_i"] = TokenKind.StartsWithI,
        ["endswith"] = TokenKind.EndsWith,
        ["in"] = TokenKind.In,
        ["exists"] = TokenKind.Exists,
    };

    private Token? ScanExpression()
    {
        int p = _pos;
        char c = _s[p];
        switch (c)
        {
            case ' ' or '\t' or '\n':
                _pos = p + 1;
                return null;
            case '/' when At(p + 1) == '*':
                SkipComment(p);
                return null;
            case '(': return Make(TokenKind.LeftParen, p, 1);
            case ')': return Make(TokenKind.RightParen, p, 1);
            case ';':
                State = LexerState.Initial;
                return Make(TokenKind.Semicolon, p, 1);
            case '=': return At(p + 1) == '=' ? Make(TokenKind.CompareEq, p, 2) : Make(TokenKind.Equals, p, 1);
            case ',': return Make(TokenKind.Comma, p, 1);
            case '*': return Make(TokenKind.Star, p, 1);
            case '/': return Make(TokenKind.Slash, p, 1);
            case '%': return Make(TokenKind.Percent, p, 1);
            case '+': return Make(TokenKind.Plus, p, 1);
            case '&': return Make(TokenKind.Ampersand, p, 1);
            case '-': return Make(TokenKind.Minus, p, 1);
            case '[': return Make(TokenKind.LeftBracket, p, 1);
            case ']': return Make(TokenKind.RightBracket, p, 1);
            case '<':
                if (At(p + 1) == '=') return Make(TokenKind.CompareLe, p, 2);
                if (At(p + 1) == '>') return Make(TokenKind.CompareNe, p, 2);
                return Make(TokenKind.CompareLt, p, 1);
            case '>': return At(p + 1) == '=' ? Make(TokenKind.CompareGe, p, 2) : Make(TokenKind.CompareGt, p, 1);
            case '!' when At(p + 1) == '=': return Make(TokenKind.CompareNe, p, 2);
            case '$': return ScanVariable(p);
            case '\'': return ScanString(p, StringFlavor.ExpressionSingle);
            case '"': return ScanString(p, StringFlavor.ExpressionDouble);
            case '`': return ScanString(p, StringFlavor.ExpressionBacktick);
        }
        if (IsDigit(c)) return ScanNumber(p);
        if (IsLetter(c))
        {
            int n = 1 + RunWhile(p + 1, ch => IsLetter(ch) || IsDigit(ch) || ch == '_');
            string word = _s.Substring(p, n);
            if (!ExpressionKeywords.TryGetValue(word, out var kind)) return Make(TokenKind.Function, p, n);
            if (kind is TokenKind.Then or TokenKind.Do) State = LexerState.Initial;
            return Make(kind, p, n);
        }
        return Invalid(p, " in expression");
    }

    // \$[$!./]{0,1}[@a-z_]*[!@a-z0-9\-_\.\[\]]*  — the second class contains the first, so one run does.
    private Token ScanVariable(int p)
    {
        int i = p + 1;
        if (At(i) is '$' or '!' or '.' or '/') i++;
        i += RunWhile(i, ch => IsLetter(ch) || IsDigit(ch) || ch is '!' or '@' or '-' or '_' or '.' or '[' or ']');
        return Make(TokenKind.Variable, p, i - p, _s.Substring(p + 1, i - p - 1));
    }

    // 0[0-7]+ | 0x[0-9a-f]+ | ([1-9][0-9]*|0), converted with strtoll(…, 0): octal, hex or decimal.
    private Token ScanNumber(int p)
    {
        int length;
        int radix;
        int digitsStart;
        if (_s[p] != '0')
        {
            length = RunWhile(p, IsDigit);
            radix = 10;
            digitsStart = p;
        }
        else if ((At(p + 1) is 'x' or 'X') && IsHexDigit(At(p + 2)))
        {
            length = 2 + RunWhile(p + 2, IsHexDigit);
            radix = 16;
            digitsStart = p + 2;
        }
        else
        {
            length = 1 + RunWhile(p + 1, ch => ch is >= '0' and <= '7');
            radix = 8;
            digitsStart = p;
        }
        long value = 0;
        for (int i = digitsStart; i < p + length; i++)
        {
            int digit = _s[i] <= '9' ? _s[i] - '0' : char.ToLowerInvariant(_s[i]) - 'a' + 10;
            // strtoll saturates on overflow.
            value = value > (long.MaxValue - digit) / radix ? long.MaxValue : value * radix + digit;
        }
        var token = Make(TokenKind.Number, p, length);
        return new Token(token.Kind, token.Text, token.Location, token.Position) { Number = value };
    }

    private static bool IsHexDigit(char c) => IsDigit(c) || c is >= 'a' and <= 'f' or >= 'A' and <= 'F';

    // INCALL: [ \t\n] | [a-zA-Z][a-zA-Z0-9\-_\.]* (then INITIAL) | . (error)
    private Token? ScanCall()
    {
        int p = _pos;
        char c = _s[p];
        if (c is ' ' or '\t' or '\n')
        {
            _pos = p + 1;
            return null;
        }
        if (!IsLetter(c)) return Invalid(p, " in 'call' statement");
        State = LexerState.Initial;
        return Make(TokenKind.Name, p, 1 + RunWhile(p + 1, ch => IsLetter(ch) || IsDigit(ch) || ch is '-' or '_' or '.'));
    }

    // IN_PROCEDURE_CALL: "(" | "," | ")" (then INITIAL) | '…' | "…" | white space | . (error)
    private Token? ScanProcedureCall()
    {
        int p = _pos;
        switch (_s[p])
        {
            case ' ' or '\t' or '\n':
                _pos = p + 1;
                return null;
            case '(': return Make(TokenKind.LeftParen, p, 1);
            case ',': return Make(TokenKind.Comma, p, 1);
            case ')':
                State = LexerState.Initial;
                return Make(TokenKind.RightParen, p, 1);
            case '\'': return ScanString(p, StringFlavor.ExpressionSingle);
            case '"': return ScanString(p, StringFlavor.ExpressionDouble);
            default: return Invalid(p, " in expression");
        }
    }
}
