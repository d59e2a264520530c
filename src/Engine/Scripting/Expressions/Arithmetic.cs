using Sluice.Engine.Config.Ast;
using Sluice.Engine.Messages;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>
/// + - * / % on 64-bit integers (operands through str2num). Overflow wraps; division or remainder by zero gives 0,
/// as in rsyslog. long.MinValue / -1 (undefined in C) gives long.MinValue, its remainder 0.
/// </summary>
public sealed class Arithmetic : Expr
{
    private readonly Expr _left;
    private readonly Expr _right;
    private readonly BinaryOperator _op;

    public Arithmetic(Expr left, Expr right, BinaryOperator op)
    {
        _left = left;
        _right = right;
        _op = op;
    }

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        long l = ScriptConvert.ToNumber(_left.Evaluate(message, context));
        long r = ScriptConvert.ToNumber(_right.Evaluate(message, context));
        return ScriptValue.FromNumber(Apply(_op, l, r));
    }

    public static long Apply(BinaryOperator op, long l, long r) => op switch
    {
        BinaryOperator.Add => unchecked(l + r),
        BinaryOperator.Subtract => unchecked(l - r),
        BinaryOperator.Multiply => unchecked(l * r),
        BinaryOperator.Divide => r == 0 ? 0 : r == -1 ? unchecked(-l) : l / r,
        _ => r == 0 || r == -1 ? 0 : l % r,
    };
}

/// <summary>Unary minus of a non-constant operand.</summary>
public sealed class Negation : Expr
{
    private readonly Expr _operand;

    public Negation(Expr operand) => _operand = operand;

    public override ScriptValue Evaluate(Message message, EvaluationContext context) =>
        ScriptValue.FromNumber(unchecked(-ScriptConvert.ToNumber(_operand.Evaluate(message, context))));
}

/// <summary>&amp;: both sides as strings, joined (an array on the right contributes its first element).</summary>
public sealed class Concatenation : Expr
{
    private readonly Expr _left;
    private readonly Expr _right;

    public Concatenation(Expr left, Expr right)
    {
        _left = left;
        _right = right;
    }

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var left = ScriptConvert.ToText(_left.Evaluate(message, context), context);
        var right = ScriptConvert.ToText(_right.Evaluate(message, context), context);
        var scratch = context.Scratch;
        int mark = scratch.Length;
        var dest = scratch.GetSpan(left.Length + right.Length);
        left.CopyTo(dest);
        right.CopyTo(dest[left.Length..]);
        scratch.Advance(left.Length + right.Length);
        return ScriptValue.FromString(context.Since(mark));
    }
}
