using Sluice.Engine.Messages;

namespace Sluice.Engine.Scripting.Expressions;

public enum OrderingOperator : byte { Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>
/// &lt; &lt;= &gt; &gt;= as rsyslogd 8.2302 evaluates them: numerically when both sides are numbers (a string counts when it
/// is wholly a number, "" included; a JSON value always, through json_object_get_int64), else as byte strings —
/// so "10" &gt; "9" is true but "10" &gt; "9x" is false, and 1 &lt; "a" compares "1" with "a".
/// </summary>
public sealed class Ordering : Expr
{
    private readonly Expr _left;
    private readonly Expr _right;
    private readonly OrderingOperator _op;

    public Ordering(Expr left, Expr right, OrderingOperator op)
    {
        _left = left;
        _right = right;
        _op = op;
    }

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var l = _left.Evaluate(message, context);
        var r = _right.Evaluate(message, context);
        long nl = ScriptConvert.ToNumber(l, out bool leftNumeric);
        long nr = ScriptConvert.ToNumber(r, out bool rightNumeric);
        int comparison = leftNumeric && rightNumeric
            ? nl.CompareTo(nr)
            : ScriptConvert.Compare(ScriptConvert.ToText(l, context), ScriptConvert.ToText(r, context));
        return ScriptValue.FromBool(_op switch
        {
            OrderingOperator.Less => comparison < 0,
            OrderingOperator.LessOrEqual => comparison <= 0,
            OrderingOperator.Greater => comparison > 0,
            _ => comparison >= 0,
        });
    }
}
