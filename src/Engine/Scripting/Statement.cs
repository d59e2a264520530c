using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Scripting;

public enum ExecResult : byte
{
    Continue,
    /// <summary>`stop` / legacy `~`: no further statements for this message.</summary>
    Stop,
}

/// <summary>One executable statement of a ruleset. Runs per message on a queue worker thread.</summary>
public abstract class Statement
{
    public abstract ExecResult Execute(Message message, RuleContext context);

    /// <summary>Runs a statement list in order; rules do not stop at the first match, only at `stop`.</summary>
    public static ExecResult ExecuteAll(Statement[] statements, Message message, RuleContext context)
    {
        for (int i = 0; i < statements.Length; i++)
            if (statements[i].Execute(message, context) == ExecResult.Stop) return ExecResult.Stop;
        return ExecResult.Continue;
    }
}

/// <summary>Hands the message to an action (action() or a legacy selector's action part).</summary>
public sealed class ActionStatement : Statement
{
    public ActionStatement(Actions.ActionInstance action) => Action = action;

    public Actions.ActionInstance Action { get; }

    public override ExecResult Execute(Message message, RuleContext context)
    {
        context.RunAction(Action, message);
        return ExecResult.Continue;
    }
}

/// <summary>`stop` (and legacy `~`).</summary>
public sealed class StopStatement : Statement
{
    public static readonly StopStatement Instance = new();
    public override ExecResult Execute(Message message, RuleContext context) => ExecResult.Stop;
}

/// <summary>A filter guarding statements: legacy selectors, property filters, `if … then … else`.</summary>
public sealed class FilterStatement : Statement
{
    public FilterStatement(IMessageFilter filter, Statement[] then, Statement[]? otherwise = null)
    {
        Filter = filter;
        Then = then;
        Else = otherwise ?? Array.Empty<Statement>();
    }

    public IMessageFilter Filter { get; }
    public Statement[] Then { get; }
    public Statement[] Else { get; }

    public override ExecResult Execute(Message message, RuleContext context)
        => ExecuteAll(Filter.Matches(message, context) ? Then : Else, message, context);
}

public interface IMessageFilter
{
    bool Matches(Message message, RuleContext context);
}
