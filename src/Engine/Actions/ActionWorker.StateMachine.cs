using Sluice.Engine.Diagnostics;
using Sluice.Engine.Outputs;

namespace Sluice.Engine.Actions;

/// <summary>
/// rsyslog's action state machine (runtime/action.c: actionPrepare, actionTryResume, actionDoRetry,
/// actionRetry, actionSuspend, handleActionExecResult, getReturnCode), per worker as in rsyslog.
/// </summary>
public sealed partial class ActionWorker
{
    /// <summary>iNbrResRtry: suspensions in a row (saturates at 20); drives the backoff.</summary>
    private int _retryNumber;
    /// <summary>iResumeInRow: failing commits in a row; every tenth "OK" from TryResume counts as a failure.</summary>
    private int _resumeInRow;

    public ActionState State { get; private set; } = ActionState.Ready;

    /// <summary>The suspension counter the backoff uses (for tests and diagnostics).</summary>
    public int RetryNumber => _retryNumber;

    /// <summary>rsyslog's actionPrepare: resume if due, then open a transaction when ready.</summary>
    private ActionStatus Prepare()
    {
        if (_action.IsDisabled)
        {
            State = ActionState.Disabled;
            return ActionStatus.DisableAction;
        }
        var resumed = TryResume();
        if (resumed != ActionStatus.Ok) return resumed;
        if (State == ActionState.Ready) State = ActionState.InTransaction;
        return ActionStatus.Ok;
    }

    /// <summary>rsyslog's actionTryResume: a suspended action whose retry time has come goes back to retrying.</summary>
    private ActionStatus TryResume()
    {
        if (State == ActionState.Suspended && _action.Clock.NowMilliseconds >= _action.ResumeRetryAt)
            State = ActionState.Retry;
        return State == ActionState.Retry ? DoRetry() : ActionStatus.Ok;
    }

    /// <summary>
    /// rsyslog's actionDoRetry: ask the output to resume; on failure sleep action.resumeInterval and try again,
    /// action.resumeRetryCount times (forever with -1, which blocks this worker), then suspend. The sleep ends
    /// early at shutdown (ForceTerm).
    /// </summary>
    private ActionStatus DoRetry()
    {
        var settings = _action.Settings;
        int retries = 0;
        var ret = ActionStatus.Ok;
        while (!_shutdown.IsSet && State == ActionState.Retry)
        {
            if (_action.IsDisabled) break;
            ret = ToStatus(_action.Output.TryResume());
            bool treatOkAsSuspended = false;
            if (_resumeInRow > 9 && _resumeInRow % 10 == 0)
            {
                // A TryResume that says OK while every commit fails must not make us spin.
                treatOkAsSuspended = true;
                _resumeInRow = 0;
                ret = ActionStatus.Suspended;
            }

            if (ret == ActionStatus.Ok && !treatOkAsSuspended)
            {
                _action.Resumed.Increment();
                if (settings.EffectiveReportSuspension) _action.Log.Info(ActionMessages.Resumed(_action));
                State = ActionState.Ready;
            }
            else if (ret == ActionStatus.DisableAction)
            {
                DisableAction();
                break;
            }
            else
            {
                // Suspended (rsyslog loops on other codes without sleeping; Sluice treats them as Suspended).
                ret = ActionStatus.Suspended;
                if (settings.ResumeRetryCount != -1 && retries >= settings.ResumeRetryCount)
                {
                    Suspend();
                    _retryNumber = SuspensionBackoff.NextRetryNumber(_retryNumber);
                }
                else
                {
                    retries++;
                    if (!_action.Clock.Sleep(checked(settings.ResumeInterval * 1000), _shutdown)) return ActionStatus.ForceTerm;
                }
            }
        }
        if (State == ActionState.Ready) _retryNumber = 0;
        return ret;
    }

    /// <summary>rsyslog's actionSuspend: not called again until now + the backoff duration.</summary>
    private void Suspend()
    {
        var settings = _action.Settings;
        int seconds = SuspensionBackoff.DurationSeconds(settings.ResumeInterval, settings.ResumeIntervalMax, _retryNumber);
        _action.ResumeRetryAt = _action.Clock.NowMilliseconds + seconds * 1000L;
        State = ActionState.Suspended;
        _action.SuspendedDuration.Add(seconds);
        if (_retryNumber == 0) _action.Suspended.Increment();
        if (settings.EffectiveReportSuspensionContinuation || (settings.EffectiveReportSuspension && _retryNumber == 0))
            _action.Log.Warning(ActionMessages.SuspendedUntil(_action, _action.Clock.WallNow.AddSeconds(seconds), _retryNumber));
    }

    /// <summary>rsyslog's actionRetry: the output failed; retries are due.</summary>
    private void EnterRetry()
    {
        if (_action.IsDisabled)
        {
            State = ActionState.Disabled;
            return;
        }
        State = ActionState.Retry;
        if (_action.Settings.EffectiveReportSuspension) _action.Log.Warning(ActionMessages.SuspendedRetry(_action, _retryNumber));
        _resumeInRow++;
    }

    /// <summary>rsyslog's handleActionExecResult: the output's answer moves the state machine.</summary>
    private ActionStatus HandleResult(ActionResult result)
    {
        switch (result)
        {
            case ActionResult.Ok:
                State = ActionState.Ready;
                _resumeInRow = 0;
                break;
            case ActionResult.Suspended:
                EnterRetry();
                break;
            case ActionResult.Disabled:
                DisableAction();
                break;
            default:
                _action.Log.Error(ActionMessages.MessageLost(_action));
                State = ActionState.DataFail;
                break;
        }
        return ReturnCode();
    }

    /// <summary>rsyslog's getReturnCode.</summary>
    private ActionStatus ReturnCode() => State switch
    {
        ActionState.Ready => ActionStatus.Ok,
        ActionState.InTransaction => ActionStatus.DeferCommit,
        ActionState.Retry => ActionStatus.Suspended,
        ActionState.Suspended => ActionStatus.ActionFailed,
        ActionState.DataFail => ActionStatus.DataFail,
        _ => ActionStatus.DisableAction,
    };

    private void DisableAction()
    {
        _action.Disable();
        State = ActionState.Disabled;
    }

    private static ActionStatus ToStatus(ActionResult result) => result switch
    {
        ActionResult.Ok => ActionStatus.Ok,
        ActionResult.Suspended => ActionStatus.Suspended,
        ActionResult.Disabled => ActionStatus.DisableAction,
        _ => ActionStatus.DataFail,
    };
}
