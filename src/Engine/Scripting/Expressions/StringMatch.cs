using Sluice.Engine.Messages;

namespace Sluice.Engine.Scripting.Expressions;

public enum MatchOperator : byte { Contains, ContainsIgnoreCase, StartsWith, StartsWithIgnoreCase, EndsWith }

/// <summary>
/// contains, contains_i, startswith, startswith_i: both sides as strings (numbers in decimal, JSON as text); an array
/// on the right matches if any element does. Case-insensitive forms fold ASCII letters only (C locale).
/// endswith is not in rsyslog 8.2302 (a syntax error there; newer rsyslog has it): Sluice accepts it.
/// </summary>
public sealed class StringMatch : Expr
{
    private readonly Expr _left;
    private readonly Expr _right;
    private readonly MatchOperator _op;
    private readonly byte[]? _rightString;
    private readonly ArrayConstant? _rightArray;

    public StringMatch(Expr left, Expr right, MatchOperator op)
    {
        _left = left;
        _right = right;
        _op = op;
        _rightString = (right as StringConstant)?.Value;
        _rightArray = right as ArrayConstant;
    }

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var l = _left.Evaluate(message, context);
        var text = ScriptConvert.ToText(l, context);
        if (_rightArray is not null)
        {
            foreach (var item in _rightArray.Items)
                if (Matches(text, item)) return ScriptValue.FromNumber(1);
            return ScriptValue.FromNumber(0);
        }
        if (_rightString is not null) return ScriptValue.FromBool(Matches(text, _rightString));
        var r = _right.Evaluate(message, context);
        return ScriptValue.FromBool(Matches(text, ScriptConvert.ToText(r, context)));
    }

    private bool Matches(ReadOnlySpan<byte> s, ReadOnlySpan<byte> pattern) => _op switch
    {
        MatchOperator.Contains => s.IndexOf(pattern) >= 0,
        MatchOperator.ContainsIgnoreCase => ScriptConvert.IndexOfIgnoreCase(s, pattern) >= 0,
        MatchOperator.StartsWith => s.StartsWith(pattern),
        MatchOperator.StartsWithIgnoreCase => s.Length >= pattern.Length && ScriptConvert.EqualsIgnoreCase(s[..pattern.Length], pattern),
        _ => s.EndsWith(pattern),
    };
}
