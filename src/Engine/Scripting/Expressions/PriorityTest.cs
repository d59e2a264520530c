using Sluice.Engine.Messages;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>
/// A facility/severity mask test: prifilt("mail.info"), and what rsyslog's optimizer turns comparisons of
/// $syslogseverity, $syslogfacility (with a number) and $syslogseverity-text, $syslogfacility-text (with a string,
/// == and != only) into. 1 when the message's facility row has its severity bit.
/// </summary>
public sealed class PriorityTest : Expr
{
    private readonly byte[] _masks;

    /// <param name="masks">One severity bit mask per facility (<see cref="PriFilter.FacilityCount"/> rows).</param>
    public PriorityTest(byte[] masks) => _masks = masks;

    public ReadOnlySpan<byte> Masks => _masks;

    public bool Matches(Message message)
    {
        int facility = message.Facility;
        return facility < _masks.Length && (_masks[facility] & (1 << message.Severity)) != 0;
    }

    public override ScriptValue Evaluate(Message message, EvaluationContext context) => ScriptValue.FromBool(Matches(message));
}
