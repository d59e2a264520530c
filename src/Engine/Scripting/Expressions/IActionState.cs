namespace Sluice.Engine.Scripting.Expressions;

/// <summary>What the action runtime tells scripts (rsyslog keeps it per worker thread in wti_t).</summary>
public interface IActionState
{
    /// <summary>previous_action_suspended(): whether the action run just before was suspended.</summary>
    bool PreviousActionSuspended { get; }
}
