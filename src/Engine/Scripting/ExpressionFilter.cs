using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;
using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Engine.Scripting;

/// <summary>`if EXPR then …`: the expression as a condition (rsyslog's cnfexprEvalBool), on the worker's evaluation state.</summary>
public sealed class ExpressionFilter : IMessageFilter
{
    public ExpressionFilter(CompiledExpression condition) => Condition = condition;

    public CompiledExpression Condition { get; }

    public bool Matches(Message message, RuleContext context) => Condition.IsTrue(message, context.Evaluation);
}
