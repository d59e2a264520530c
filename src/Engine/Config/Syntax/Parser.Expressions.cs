using Sluice.Engine.Config.Ast;

namespace Sluice.Engine.Config.Syntax;

public sealed partial class Parser
{
    // Precedence as grammar.y implements it (lowest first): and/or on ONE level, left-associative;
    // comparisons; + - &; * / %; unary not and minus bind tightest (so "not a == b" is "(not a) == b").

    private ExpressionNode ParseExpression()
    {
        var left = ParseComparison();
        while (_current.Kind is TokenKind.And or TokenKind.Or)
        {
            var op = Advance();
            left = new BinaryExpression(op.Kind == TokenKind.And ? BinaryOperator.And : BinaryOperator.Or, left, ParseComparison(), op.Location);
        }
        return left;
    }

    private ExpressionNode ParseComparison()
    {
        var left = ParseAdditive();
        if (_current.Kind == TokenKind.Equals) throw Fail(_current, "'=' is not a comparison operator; use '=='");
        while (ComparisonOperator(_current.Kind) is { } op)
        {
            var t = Advance();
            left = new BinaryExpression(op, left, ParseAdditive(), t.Location);
            if (_current.Kind == TokenKind.Equals) throw Fail(_current, "'=' is not a comparison operator; use '=='");
        }
        return left;
    }

    private static BinaryOperator? ComparisonOperator(TokenKind kind) => kind switch
    {
        TokenKind.CompareEq => BinaryOperator.Equal,
        TokenKind.CompareNe => BinaryOperator.NotEqual,
        TokenKind.CompareLe => BinaryOperator.LessOrEqual,
        TokenKind.CompareGe => BinaryOperator.GreaterOrEqual,
        TokenKind.CompareLt => BinaryOperator.Less,
        TokenKind.CompareGt => BinaryOperator.Greater,
        TokenKind.Contains => BinaryOperator.Contains,
        TokenKind.ContainsI => BinaryOperator.ContainsIgnoreCase,
        TokenKind.StartsWith => BinaryOperator.StartsWith,
        TokenKind.StartsWithI => BinaryOperator.StartsWithIgnoreCase,
        TokenKind.EndsWith => BinaryOperator.EndsWith,
        _ => null,
    };

    private ExpressionNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (_current.Kind is TokenKind.Plus or TokenKind.Minus or TokenKind.Ampersand)
        {
            var t = Advance();
            var op = t.Kind switch
            {
                TokenKind.Plus => BinaryOperator.Add,
                TokenKind.Minus => BinaryOperator.Subtract,
                _ => BinaryOperator.Concatenate,
            };
            left = new BinaryExpression(op, left, ParseMultiplicative(), t.Location);
        }
        return left;
    }

    private ExpressionNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (_current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var t = Advance();
            var op = t.Kind switch
            {
                TokenKind.Star => BinaryOperator.Multiply,
                TokenKind.Slash => BinaryOperator.Divide,
                _ => BinaryOperator.Modulo,
            };
            left = new BinaryExpression(op, left, ParseUnary(), t.Location);
        }
        return left;
    }

    private ExpressionNode ParseUnary()
    {
        var t = _current;
        if (t.Kind == TokenKind.Not)
        {
            Advance();
            return new UnaryExpression(UnaryOperator.Not, ParseUnary(), t.Location);
        }
        if (t.Kind == TokenKind.Minus)
        {
            Advance();
            return new UnaryExpression(UnaryOperator.Negate, ParseUnary(), t.Location);
        }
        return ParsePrimary();
    }

    private ExpressionNode ParsePrimary()
    {
        var t = _current;
        switch (t.Kind)
        {
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseExpression();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.Number:
                Advance();
                return new NumberLiteral(t.Number, t.Location);
            case TokenKind.String:
                Advance();
                return new StringLiteral(t.Text, t.Location);
            case TokenKind.Variable:
                Advance();
                return new VariableReference(t.Text, t.Location);
            case TokenKind.Exists:
                Advance();
                Expect(TokenKind.LeftParen, "'(' after 'exists'");
                var variable = Expect(TokenKind.Variable, "a variable in exists()");
                Expect(TokenKind.RightParen, "')' after the exists() variable");
                return new ExistsExpression(variable.Text, t.Location);
            case TokenKind.Function:
                Advance();
                Expect(TokenKind.LeftParen, $"'(' after the function name '{t.Text}'");
                var arguments = new List<ExpressionNode>();
                if (_current.Kind != TokenKind.RightParen)
                {
                    arguments.Add(ParseExpression());
                    while (_current.Kind == TokenKind.Comma)
                    {
                        Advance();
                        arguments.Add(ParseExpression());
                    }
                }
                Expect(TokenKind.RightParen, $"')' after the arguments of {t.Text}()");
                return new FunctionCall(t.Text, arguments, t.Location);
            case TokenKind.LeftBracket:
                Advance();
                var items = new List<string>();
                while (true)
                {
                    items.Add(Expect(TokenKind.String, "a quoted string in the array").Text);
                    if (_current.Kind != TokenKind.Comma) break;
                    Advance();
                }
                Expect(TokenKind.RightBracket, "']' at the end of the array");
                return new ArrayLiteral(items, t.Location);
            case TokenKind.Equals:
                throw Fail(t, "'=' is not a comparison operator; use '=='");
            default:
                throw Unexpected(" in expression");
        }
    }
}
