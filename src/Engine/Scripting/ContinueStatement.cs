using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Scripting;

/// <summary>
/// `continue`: rsyslog's grammar turns it into a NOP statement (S_NOP) — it does not skip the rest of a foreach body
/// (checked with rsyslogd 8.2302: an action after `continue` in a loop body still runs for every element).
/// </summary>
public sealed class ContinueStatement : Statement
{
    public static readonly ContinueStatement Instance = new();

    public override ExecResult Execute(Message message, RuleContext context) => ExecResult.Continue;
}
