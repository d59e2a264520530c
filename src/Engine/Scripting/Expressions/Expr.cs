using Sluice.Engine.Messages;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>
/// A node of a compiled expression (rsyslog's struct cnfexpr after its optimizer ran). Evaluation never throws and
/// never allocates once the context's buffers have grown: failures are values (and script_error()).
/// </summary>
public abstract class Expr
{
    public abstract ScriptValue Evaluate(Message message, EvaluationContext context);
}
