using Sluice.Engine.Config;
using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>An expression ready to run: the statement binder keeps one per if/set/foreach/call_indirect.</summary>
public sealed class CompiledExpression
{
    internal CompiledExpression(Expr root, SourceLocation location)
    {
        Root = root;
        Location = location;
    }

    public Expr Root { get; }

    public SourceLocation Location { get; }

    /// <summary>
    /// Evaluates against <paramref name="message"/>. The result (its string bytes, its JSON node) stays valid until
    /// the next evaluation on the same <paramref name="context"/>.
    /// </summary>
    public ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        context.BeginEvaluation();
        return Root.Evaluate(message, context);
    }

    /// <summary>
    /// foreach's collection (rsyslog's cnfexprEvalCollection): a copy, made of <paramref name="into"/>'s nodes, of the
    /// JSON value the expression yields — the caller iterates it (arrays by element, objects by member) and gives it
    /// back to the pool afterwards. Null when the value is not JSON (a string or a number: the loop does not run).
    /// The copy matters: evaluations inside the loop body recycle the context and may change the tree.
    /// </summary>
    public JsonNode? EvaluateCollection(Message message, EvaluationContext context, JsonNodePool into)
    {
        var value = Evaluate(message, context);
        return value.Kind == ScriptValueKind.Json ? into.DeepCopy(value.Json!) : null;
    }

    /// <summary>
    /// As a condition (if … then), rsyslog's cnfexprEvalBool: the value's number, truncated to a C int, is not 0 — so
    /// 4294967296 is false.
    /// </summary>
    public bool IsTrue(Message message, EvaluationContext context)
    {
        context.BeginEvaluation();
        if (Root is PriorityTest priority) return priority.Matches(message);
        return unchecked((int)ScriptConvert.ToNumber(Root.Evaluate(message, context))) != 0;
    }
}
