namespace Sluice.Engine.Actions;

/// <summary>rsyslog's action states (runtime/action.c), kept per worker and action.</summary>
public enum ActionState : byte
{
    /// <summary>RDY: ready for a new transaction.</summary>
    Ready,
    /// <summary>ITX: a transaction is open (messages rendered, not yet committed).</summary>
    InTransaction,
    /// <summary>RTRY: the output failed; retries are due.</summary>
    Retry,
    /// <summary>SUSP: retries used up; the action is not called until its retry time.</summary>
    Suspended,
    /// <summary>DATAFAIL: the last message could not be processed (permanent error for that message).</summary>
    DataFail,
    /// <summary>DISABLED: the action is off until restart.</summary>
    Disabled,
}

/// <summary>
/// What running an action returns (rsyslog's rsRetVal values, which action.errorfile reports as "status").
/// </summary>
public enum ActionStatus
{
    Ok = 0,
    DisableAction = -2006,
    Suspended = -2007,
    /// <summary>A transaction is open; the result is known at commit.</summary>
    DeferCommit = -2121,
    /// <summary>The action is suspended: the message is discarded.</summary>
    ActionFailed = -2123,
    /// <summary>Shutdown interrupted retrying.</summary>
    ForceTerm = -2153,
    DataFail = -2218,
}
