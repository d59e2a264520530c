using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;
using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Engine.Scripting;

/// <summary>
/// `set VAR = EXPR;` and `reset VAR = EXPR;` (rsyslog's execSet → msgSetJSONFromVar). A $/ variable is written under
/// the global-variable lock (rsyslog's glblVars_lock); the expression is evaluated before, outside the lock, as
/// rsyslog does, so `set $/n = $/n + 1;` on two workers at once can lose an increment there too.
/// </summary>
public sealed class SetStatement : Statement
{
    public SetStatement(VariableAssignment assignment) => Assignment = assignment;

    public VariableAssignment Assignment { get; }

    public override ExecResult Execute(Message message, RuleContext context)
    {
        Assignment.Execute(message, context.Evaluation);
        return ExecResult.Continue;
    }
}

/// <summary>`unset VAR;` (rsyslog's execUnset → msgDelJSON).</summary>
public sealed class UnsetStatement : Statement
{
    public UnsetStatement(VariableRemoval removal) => Removal = removal;

    public VariableRemoval Removal { get; }

    public override ExecResult Execute(Message message, RuleContext context)
    {
        Removal.Execute(message, context.Evaluation);
        return ExecResult.Continue;
    }
}
