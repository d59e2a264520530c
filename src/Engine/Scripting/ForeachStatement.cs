using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Runtime;
using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Engine.Scripting;

/// <summary>
/// `foreach ($.i in EXPR) do BODY` as rsyslog 8.2302's execForeach: the collection is a copy of the JSON value (so the
/// body may change the tree it came from); an array gives its elements, an object gives {"key": name, "value": v} per
/// member; anything else (a string, a number, an empty array or object) runs nothing. The loop variable is set with
/// reset semantics before each pass and removed after the loop (checked with rsyslogd: an action after the loop sees
/// no $.i). `stop` in the body ends the loop and the message's processing.
/// </summary>
public sealed class ForeachStatement : Statement
{
    private static readonly byte[] KeyName = "key"u8.ToArray();
    private static readonly byte[] ValueName = "value"u8.ToArray();

    public ForeachStatement(VariablePath variable, CompiledExpression collection, Statement[] body)
    {
        Variable = variable;
        Collection = collection;
        Body = body;
    }

    public VariablePath Variable { get; }
    public CompiledExpression Collection { get; }
    public Statement[] Body { get; }

    public override ExecResult Execute(Message message, RuleContext context)
    {
        var pool = context.LoopNodes;
        var items = Collection.EvaluateCollection(message, context.Evaluation, pool);
        if (items is null) return ExecResult.Continue;
        var result = ExecResult.Continue;
        bool ran = false;
        try
        {
            if (items.Kind == JsonKind.Array)
            {
                for (int i = 0; i < items.SlotCount && result == ExecResult.Continue; i++)
                {
                    ran = true;
                    result = Pass(message, context, items.Slot(i));
                }
            }
            else if (items.Kind == JsonKind.Object)
            {
                for (int i = 0; i < items.SlotCount && result == ExecResult.Continue; i++)
                {
                    if (items.Slot(i) is not { } member) continue;
                    ran = true;
                    var entry = pool.Rent(JsonKind.Object);
                    entry.AddMember(KeyName, pool.RentString(member.Key));
                    entry.AddMember(ValueName, member);
                    try
                    {
                        result = Pass(message, context, entry);
                    }
                    finally
                    {
                        entry.RemoveMember(ValueName); // still part of the collection, returned with it
                        pool.Return(entry);
                    }
                }
            }
        }
        finally
        {
            pool.Return(items);
        }
        if (ran && result == ExecResult.Continue) VariableStore.Remove(message, context.Evaluation, Variable);
        return result;
    }

    private ExecResult Pass(Message message, RuleContext context, JsonNode? value)
    {
        VariableStore.Store(message, context.Evaluation, Variable, ScriptValue.FromNode(value), reset: true);
        return ExecuteAll(Body, message, context);
    }
}
