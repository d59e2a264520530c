using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>
/// <c>set VAR = EXPR;</c> / <c>reset VAR = EXPR;</c> compiled: what the statement binder wraps into a statement.
/// Only $!, $. and $/ variables can be set (rsyslog: "invalid variable 'x' in set statement.").
/// </summary>
public sealed class VariableAssignment
{
    private VariableAssignment(VariablePath target, CompiledExpression value, bool reset)
    {
        Target = target;
        Value = value;
        Reset = reset;
    }

    public VariablePath Target { get; }
    public CompiledExpression Value { get; }
    public bool Reset { get; }

    /// <summary>Binds a set/reset statement; null (with the error in <paramref name="context"/>) when it is invalid.</summary>
    public static VariableAssignment? Bind(SetNode node, ExpressionBindContext context)
    {
        var value = ExpressionCompiler.Compile(node.Value, context);
        var target = VariablePath.TryParse(node.Variable);
        if (target is null)
        {
            context.Error(node.Location, $"invalid variable '${node.Variable}' in {(node.IsReset ? "reset" : "set")} statement");
            return null;
        }
        return new VariableAssignment(target, value, node.IsReset);
    }

    public void Execute(Message message, EvaluationContext context) =>
        VariableStore.Store(message, context, Target, Value.Evaluate(message, context), Reset);
}

/// <summary><c>unset VAR;</c> compiled.</summary>
public sealed class VariableRemoval
{
    private VariableRemoval(VariablePath target) => Target = target;

    public VariablePath Target { get; }

    public static VariableRemoval? Bind(UnsetNode node, ExpressionBindContext context)
    {
        var target = VariablePath.TryParse(node.Variable);
        if (target is null)
        {
            context.Error(node.Location, $"invalid variable '${node.Variable}' in unset statement");
            return null;
        }
        return new VariableRemoval(target);
    }

    public void Execute(Message message, EvaluationContext context) => VariableStore.Remove(message, context, Target);
}
