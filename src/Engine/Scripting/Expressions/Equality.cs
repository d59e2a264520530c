using Sluice.Engine.Messages;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>
/// == and != (also written &lt;&gt;) with rsyslog's rules (rainerscript.c cnfexprEval CMP_EQ/CMP_NE):
/// <list type="bullet">
/// <item>a string (or JSON) on the left is compared as a string with a string on the right — "01" == "1" is false;</item>
/// <item>against a number it is compared numerically when the whole left string is a number ("" is 0), else as
///   strings: "01" == 1 is true, "5x" == 5 false;</item>
/// <item>a number on the left is compared numerically with a right string that is wholly a number, else as strings;</item>
/// <item>an array on the right means "any element" for == and "none" for != when the left is a string (or JSON, for
///   ==); otherwise rsyslog uses the element that comes first once its optimizer sorted the array: 6 == ["5", "6"] is
///   0, and $!n != ["5", "6"] compares $!n with "5";</item>
/// <item>!= on two strings returns es_strcmp's raw difference ("a" != "b" is -1, "z" != "a" is 25), not 1;</item>
/// <item>a non-string JSON value on the right of a numeric comparison never equals (rsyslog compares the number
///   with the value's pointer): 5 == $!n is 0 and 5 != $!n is 1 even when $!n is 5.</item>
/// </list>
/// </summary>
public sealed class Equality : Expr
{
    private readonly Expr _left;
    private readonly Expr _right;
    private readonly bool _notEqual;
    private readonly byte[]? _rightString;
    private readonly ArrayConstant? _rightArray;

    public Equality(Expr left, Expr right, bool notEqual)
    {
        _left = left;
        _right = right;
        _notEqual = notEqual;
        _rightString = (right as StringConstant)?.Value;
        _rightArray = right as ArrayConstant;
    }

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var l = _left.Evaluate(message, context);
        if (l.Kind == ScriptValueKind.Number)
        {
            var r = _rightArray is not null ? ScriptValue.FromString(_rightArray.SortedFirst) : _right.Evaluate(message, context);
            if (r.Kind == ScriptValueKind.String)
            {
                long nr = ScriptConvert.ToNumber(r, out bool complete);
                if (complete) return Result(l.Number == nr);
                var ls = ScriptConvert.ToText(l, context);
                return StringResult(r.Text, ls);
            }
            if (r.Kind == ScriptValueKind.Json) return Result(false);
            return Result(l.Number == r.Number);
        }

        var left = ScriptConvert.ToText(l, context);
        if (_rightString is not null) return StringResult(left, _rightString);
        if (_rightArray is not null)
        {
            if (!_notEqual || l.Kind == ScriptValueKind.String) return Result(_rightArray.Contains(left));
            return StringResult(left, _rightArray.SortedFirst);
        }
        var right = _right.Evaluate(message, context);
        if (right.Kind == ScriptValueKind.String) return StringResult(left, right.Text);
        long nl = ScriptConvert.ToNumber(l, out bool ok);
        if (ok) return right.Kind == ScriptValueKind.Json ? Result(false) : Result(nl == right.Number);
        return StringResult(left, ScriptConvert.ToText(right, context));
    }

    private ScriptValue Result(bool equal) => ScriptValue.FromBool(equal != _notEqual);

    private ScriptValue StringResult(scoped ReadOnlySpan<byte> a, scoped ReadOnlySpan<byte> b)
    {
        int c = ScriptConvert.Compare(a, b);
        return _notEqual ? ScriptValue.FromNumber(c) : ScriptValue.FromBool(c == 0);
    }
}
