using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Queues;

namespace Sluice.Engine.Actions;

/// <summary>
/// One worker's side of one action (rsyslog's actWrkrInfo): its output transaction, the messages of the batch
/// in progress and its part of the action state machine. Used by exactly one thread: a main-queue worker for a
/// Direct action, the action queue's own worker otherwise.
/// <para>
/// Per batch: <see cref="Submit"/> for each message (rsyslog's processMsgMain: render into the transaction, make
/// the action ready, report its state), then <see cref="Commit"/> (rsyslog's actionCommit: deliver; on failure
/// retry the messages one by one to separate permanent errors from a suspended target, then retry per
/// action.resumeRetryCount, suspend, and write what is finally lost to action.errorfile).
/// </para>
/// </summary>
public sealed partial class ActionWorker
{
    private readonly ActionInstance _action;
    private readonly OutputTransaction _tx;
    private readonly ShutdownSignal _shutdown;
    private Message[] _pending = new Message[16];
    private int _count;
    private Message[] _suspendedOnes = new Message[16];
    private readonly Message[] _one = new Message[1];
    private RenderContext _render;
    /// <summary>Whether the transaction holds exactly the pending messages as first rendered.</summary>
    private bool _txHoldsPending;

    public ActionWorker(ActionInstance action, ShutdownSignal shutdown)
    {
        _action = action;
        _shutdown = shutdown;
        _tx = action.Output.CreateTransaction();
    }

    public ActionInstance Action => _action;

    /// <summary>Messages submitted since the last commit.</summary>
    public int PendingCount => _count;

    /// <summary>
    /// Hands one message to the action. The message is rendered into the transaction whatever the state (as
    /// rsyslog renders its parameters first); the result tells the caller about the action: Ok/DeferCommit
    /// (ready), Suspended (retrying), ActionFailed (suspended: this message will be discarded), DataFail,
    /// DisableAction. The message must stay referenced by the caller until <see cref="Commit"/> returns.
    /// </summary>
    public ActionStatus Submit(Message message, in RenderContext context)
    {
        if (_action.IsDisabled)
        {
            State = ActionState.Disabled;
            return ActionStatus.DisableAction;
        }
        if (_count == 0)
        {
            // Time is read once per batch: the first message's context serves the whole batch (retries, error file).
            _render = context;
            _txHoldsPending = true;
        }
        if (_tx.Add(message, context) != ActionResult.Ok)
        {
            // Could not be rendered (rsyslog: prepareDoActionParams failed): not part of the transaction.
            return ActionStatus.DataFail;
        }
        Keep(message);
        var prepared = Prepare();
        return prepared != ActionStatus.Ok ? prepared : ReturnCode();
    }

    /// <summary>The batch is complete; called in batch order (see <see cref="OutputTransaction.Seal"/>).</summary>
    public void Seal()
    {
        if (_count > 0 && _txHoldsPending && !_action.IsDisabled) _tx.Seal();
    }

    /// <summary>The transaction's per-batch work before the ordered commit, in parallel across workers.</summary>
    public void PrepareBatch()
    {
        if (_count > 0 && _txHoldsPending && !_action.IsDisabled) _tx.Prepare();
    }

    /// <summary>
    /// Delivers the batch (rsyslog's actionCommit). Returns the final status; ForceTerm when shutdown interrupted
    /// retrying, in which case the messages were not delivered (and are not counted as failed: the caller knows
    /// whether its queue keeps them).
    /// </summary>
    public ActionStatus Commit()
    {
        if (_count == 0) return ActionStatus.Ok;
        try
        {
            return CommitPending();
        }
        finally
        {
            Array.Clear(_pending, 0, _count);
            _count = 0;
            _txHoldsPending = false;
        }
    }

    private ActionStatus CommitPending()
    {
        if (_action.IsDisabled)
        {
            State = ActionState.Disabled;
            _tx.Discard();
            return ActionStatus.DisableAction;
        }
        if (State == ActionState.Suspended)
        {
            // Everything possible was tried already: what the batch holds is lost (rsyslog reports status 0 here).
            _tx.Discard();
            Lost(ActionStatus.Ok, _pending, 0, _count);
            return ActionStatus.Ok;
        }

        // One try with the whole batch; usually that is all.
        var ret = TryCommit(_pending, 0, _count);
        if (ret == ActionStatus.Ok) return ret;
        if (ret == ActionStatus.ForceTerm) return ret;

        Message[] rest;
        int n;
        if (_count == 1)
        {
            if (ret == ActionStatus.DataFail) return ret; // rsyslog: a lone message's permanent error is just logged
            rest = _pending;
            n = 1;
        }
        else
        {
            n = RemoveHardErrors();
            rest = _suspendedOnes;
        }
        if (n == 0) return ActionStatus.Ok;

        // What is left failed with "suspended": retry per action.resumeRetryCount.
        try
        {
            while (true)
            {
                if (_shutdown.IsSet) return ActionStatus.ForceTerm;
                ret = TryCommit(rest, 0, n);
                if (ret == ActionStatus.ForceTerm) return ret;
                if (ret == ActionStatus.Suspended)
                {
                    ret = DoRetry();
                    if (ret == ActionStatus.ForceTerm) return ret;
                    if (ret != ActionStatus.Ok)
                    {
                        Lost(ret, rest, 0, n);
                        return ret;
                    }
                    continue;
                }
                if (ret is ActionStatus.ActionFailed or ActionStatus.DataFail)
                {
                    // Suspended meanwhile (rsyslog drops these without an error-file entry) or failing for good
                    // (where rsyslog would loop): either way they are lost, so they go to the error file.
                    Lost(ret, rest, 0, n);
                    return ret;
                }
                if (ret is ActionStatus.Ok or ActionStatus.DisableAction) return ret;
                if (State is ActionState.Ready or ActionState.Suspended or ActionState.Disabled) return ret;
            }
        }
        finally
        {
            if (!ReferenceEquals(rest, _pending)) Array.Clear(_suspendedOnes, 0, n);
        }
    }

    /// <summary>
    /// rsyslog's actionTryRemoveHardErrorsFromBatch: each message alone; permanent failures go to the error file,
    /// the suspended ones are collected for the regular retry. Returns how many were collected.
    /// </summary>
    private int RemoveHardErrors()
    {
        if (_suspendedOnes.Length < _count) _suspendedOnes = new Message[_pending.Length];
        int n = 0;
        for (int i = 0; i < _count; i++)
        {
            _resumeInRow = 0; // a single message must not trip the "OK treated as suspended" guard
            var ret = TryCommit(_pending, i, 1);
            if (ret == ActionStatus.Suspended) _suspendedOnes[n++] = _pending[i];
            else if (ret == ActionStatus.ForceTerm) _suspendedOnes[n++] = _pending[i];
            else if (ret != ActionStatus.Ok) Lost(ret, _pending, i, 1);
        }
        return n;
    }

    /// <summary>rsyslog's actionTryCommit: make ready (retrying if due), then deliver; no retry loop here.</summary>
    private ActionStatus TryCommit(Message[] messages, int offset, int n)
    {
        var prepared = Prepare();
        if (prepared != ActionStatus.Ok) return prepared;
        // Not called while retrying, suspended or disabled (rsyslog 8.2512+; 8.2302 still called the output).
        if (State is ActionState.Retry or ActionState.Suspended or ActionState.Disabled) return ReturnCode();
        return HandleResult(CommitTransaction(messages, offset, n));
    }

    private ActionResult CommitTransaction(Message[] messages, int offset, int n)
    {
        if (!(_txHoldsPending && ReferenceEquals(messages, _pending) && offset == 0 && n == _count))
        {
            // A retry or a subset: render again (the failure path only).
            _tx.Discard();
            for (int i = 0; i < n; i++) _tx.Add(messages[offset + i], _render);
        }
        _txHoldsPending = false;
        return _tx.Commit();
    }

    /// <summary>Messages finally lost: counted in failed and written to action.errorfile.</summary>
    private void Lost(ActionStatus status, Message[] messages, int offset, int n)
    {
        _action.Failed.Add(n);
        _action.ErrorFile?.Write(status, new ReadOnlySpan<Message>(messages, offset, n), _render);
    }

    private void Keep(Message message)
    {
        if (_count == _pending.Length) Array.Resize(ref _pending, _pending.Length * 2);
        _pending[_count++] = message;
    }
}
