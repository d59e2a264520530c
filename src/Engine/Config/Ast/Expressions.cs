namespace Sluice.Engine.Config.Ast;

/// <summary>A RainerScript expression (grammar.y expr).</summary>
public abstract class ExpressionNode : SyntaxNode
{
    protected ExpressionNode(SourceLocation location) : base(location) { }
}

public enum BinaryOperator
{
    And, Or,
    Equal, NotEqual, LessOrEqual, GreaterOrEqual, Less, Greater,
    Contains, ContainsIgnoreCase, StartsWith, StartsWithIgnoreCase, EndsWith,
    Add, Subtract, Concatenate,
    Multiply, Divide, Modulo,
}

public enum UnaryOperator { Not, Negate }

/// <summary>The location is the operator's.</summary>
public sealed class BinaryExpression : ExpressionNode
{
    public BinaryExpression(BinaryOperator op, ExpressionNode left, ExpressionNode right, SourceLocation location) : base(location)
    {
        Operator = op;
        Left = left;
        Right = right;
    }

    public BinaryOperator Operator { get; }
    public ExpressionNode Left { get; }
    public ExpressionNode Right { get; }
}

public sealed class UnaryExpression : ExpressionNode
{
    public UnaryExpression(UnaryOperator op, ExpressionNode operand, SourceLocation location) : base(location)
    {
        Operator = op;
        Operand = operand;
    }

    public UnaryOperator Operator { get; }
    public ExpressionNode Operand { get; }
}

public sealed class NumberLiteral : ExpressionNode
{
    public NumberLiteral(long value, SourceLocation location) : base(location) => Value = value;

    public long Value { get; }
}

public sealed class StringLiteral : ExpressionNode
{
    public StringLiteral(string value, SourceLocation location) : base(location) => Value = value;

    public string Value { get; }
}

/// <summary>$name, $!path, $.path, $/path; <see cref="Name"/> is without the leading '$'.</summary>
public sealed class VariableReference : ExpressionNode
{
    public VariableReference(string name, SourceLocation location) : base(location) => Name = name;

    public string Name { get; }
}

/// <summary>["a", "b"] (only strings, as in rsyslog).</summary>
public sealed class ArrayLiteral : ExpressionNode
{
    public ArrayLiteral(IReadOnlyList<string> items, SourceLocation location) : base(location) => Items = items;

    public IReadOnlyList<string> Items { get; }
}

public sealed class FunctionCall : ExpressionNode
{
    public FunctionCall(string name, IReadOnlyList<ExpressionNode> arguments, SourceLocation location) : base(location)
    {
        Name = name;
        Arguments = arguments;
    }

    public string Name { get; }
    public IReadOnlyList<ExpressionNode> Arguments { get; }
}

/// <summary>exists($!var).</summary>
public sealed class ExistsExpression : ExpressionNode
{
    public ExistsExpression(string variable, SourceLocation location) : base(location) => Variable = variable;

    public string Variable { get; }
}
