using Sluice.Engine.Messages;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>
/// and / or, short-circuit. A value is true when its number is not 0 (strings through str2num: "5x" is true, "abc"
/// and "" false; JSON through json_object_get_int64: objects are false).
/// </summary>
public sealed class Logical : Expr
{
    private readonly Expr _left;
    private readonly Expr _right;
    private readonly bool _isAnd;

    public Logical(Expr left, Expr right, bool isAnd)
    {
        _left = left;
        _right = right;
        _isAnd = isAnd;
    }

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        bool left = ScriptConvert.ToNumber(_left.Evaluate(message, context)) != 0;
        if (left != _isAnd) return ScriptValue.FromBool(left);
        return ScriptValue.FromBool(ScriptConvert.ToNumber(_right.Evaluate(message, context)) != 0);
    }
}

/// <summary>not: 1 when the operand's number is 0. It binds tighter than comparisons: "not a == b" is "(not a) == b".</summary>
public sealed class Not : Expr
{
    private readonly Expr _operand;

    public Not(Expr operand) => _operand = operand;

    public override ScriptValue Evaluate(Message message, EvaluationContext context) =>
        ScriptValue.FromBool(ScriptConvert.ToNumber(_operand.Evaluate(message, context)) == 0);
}
