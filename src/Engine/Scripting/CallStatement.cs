using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Scripting;

/// <summary>
/// `call NAME` (rsyslog 8.2302 execCall): the ruleset's statements run inline, on this worker, for this message; a
/// `stop` in the called ruleset ends the processing of the message, also in the caller (checked with rsyslogd
/// 8.2302 — an action after the `call` does not run for a message the called ruleset stopped). A ruleset with its own
/// queue gets a copy of the message instead and the caller goes on at once.
/// </summary>
public sealed class CallStatement : Statement
{
    /// <summary>Calls nested deeper than this are skipped (a ruleset calling itself would otherwise never end).</summary>
    public const int MaxDepth = 100;

    public CallStatement(Ruleset target) => Target = target;

    public Ruleset Target { get; }

    public override ExecResult Execute(Message message, RuleContext context) => Run(Target, message, context);

    internal static ExecResult Run(Ruleset target, Message message, RuleContext context)
    {
        if (target.Inbox is { } inbox)
        {
            inbox.SubmitCopy(message);
            return ExecResult.Continue;
        }
        if (context.CallDepth >= MaxDepth)
        {
            context.NoteCallTooDeep();
            return ExecResult.Continue;
        }
        context.CallDepth++;
        try
        {
            return ExecuteAll(target.Statements, message, context);
        }
        finally
        {
            context.CallDepth--;
        }
    }
}
