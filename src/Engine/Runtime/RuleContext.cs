using Sluice.Engine.Actions;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Queues;
using Sluice.Engine.Submit;

namespace Sluice.Engine.Runtime;

/// <summary>
/// A queue worker's state while it runs rulesets over one batch (rsyslog's wti execState and actWrkrInfo):
/// the worker's side of each Direct action (<see cref="ActionWorker"/>, created on first use), the messages
/// bound for each queued action, and whether the previous action was suspended
/// (action.execOnlyWhenPreviousIsSuspended, previous_action_suspended()).
/// </summary>
public sealed class RuleContext
{
    private readonly ActionInstance[] _actions;
    private readonly ActionWorker?[] _workers;
    private readonly MessageBatch?[] _toEnqueue;
    private readonly int[] _processed;
    private readonly int[] _touched;
    private readonly ShutdownSignal _shutdown;
    private readonly int _batchCapacity;
    private int _touchedCount;

    public RuleContext(IReadOnlyList<ActionInstance> actions)
        : this(actions, new ShutdownSignal(), 256)
    {
    }

    /// <param name="shutdown">The running queue's shutdown signal: Direct actions stop retrying when it is set.</param>
    /// <param name="batchCapacity">The queue's batch size (messages one action can receive per batch).</param>
    public RuleContext(IReadOnlyList<ActionInstance> actions, ShutdownSignal shutdown, int batchCapacity)
    {
        _actions = actions.ToArray();
        _workers = new ActionWorker?[_actions.Length];
        _toEnqueue = new MessageBatch?[_actions.Length];
        _processed = new int[_actions.Length];
        _touched = new int[_actions.Length];
        _shutdown = shutdown;
        _batchCapacity = Math.Max(1, batchCapacity);
    }

    public RenderContext Render { get; set; }

    /// <summary>Whether the last action run on this worker was suspended (rsyslog's bPrevWasSuspended).</summary>
    public bool PreviousActionSuspended { get; private set; }

    /// <summary>Starts a batch (rsyslog's wtiResetExecState): time for rendering, the previous-action flag cleared.</summary>
    public void BeginBatch(in RenderContext render)
    {
        Render = render;
        PreviousActionSuspended = false;
    }

    /// <summary>
    /// The statement's turn for one message (rsyslog's doSubmitToActionQ): occurrence and interval filters first,
    /// then a backup action runs only when the previous one was suspended; a Direct action runs here, on this worker, and its result sets the flag; a
    /// queued action gets the message (one more reference) when the batch commits, in batch order.
    /// </summary>
    public void RunAction(ActionInstance action, Message message)
    {
        if (action.IsDisabled) return;
        if (action.HasExecutionFilter && !action.PassesExecutionFilter()) return;
        if (action.ExecOnlyWhenPreviousIsSuspended && !PreviousActionSuspended) return;
        int i = action.Index;
        if (_processed[i]++ == 0) _touched[_touchedCount++] = i;
        if (action.IsDirect)
        {
            var worker = _workers[i] ??= new ActionWorker(action, _shutdown);
            var status = worker.Submit(message, Render);
            PreviousActionSuspended = status is ActionStatus.Suspended or ActionStatus.ActionFailed;
            return;
        }
        message.AddRef();
        var batch = _toEnqueue[i] ??= new MessageBatch(_batchCapacity);
        if (batch.IsFull) _toEnqueue[i] = batch = Grown(batch);
        batch.Add(message);
        // The enqueue result is what a queued action reports: never "suspended".
        PreviousActionSuspended = false;
    }

    /// <summary>
    /// Commits every touched action, in batch order (rsyslog's actionCommitAllDirect) and hands queued actions
    /// their messages. Always true: the main queue keeps nothing for a Direct action that shutdown cut off
    /// (those messages are counted as failed).
    /// </summary>
    public bool CommitAll()
    {
        for (int t = 0; t < _touchedCount; t++)
        {
            int i = _touched[t];
            var action = _actions[i];
            action.Processed.Add(_processed[i]);
            _processed[i] = 0;
            try
            {
                if (action.IsDirect)
                {
                    var worker = _workers[i];
                    if (worker is null) continue;
                    int n = worker.PendingCount;
                    if (worker.Commit() == ActionStatus.ForceTerm) action.NoteLostAtShutdown(n);
                }
                else if (_toEnqueue[i] is { Count: > 0 } batch)
                {
                    if (action.Queue is { } queue) queue.EnqueueBatch(batch, FlowControl.NoDelay);
                    else Release(batch);
                }
            }
            catch (Exception e)
            {
                // One broken output must not keep the others from their commit.
                action.Log.Log(Diagnostics.LogLevel.Error, $"action '{action.Name}': error while committing: {e.Message}");
                if (_toEnqueue[i] is { Count: > 0 } left) Release(left);
            }
        }
        _touchedCount = 0;
        return true;
    }

    private static MessageBatch Grown(MessageBatch full)
    {
        var bigger = new MessageBatch(full.Capacity * 2);
        foreach (var m in full.AsSpan()) bigger.Add(m);
        full.Clear();
        return bigger;
    }

    private static void Release(MessageBatch batch)
    {
        foreach (var m in batch.AsSpan()) m.Release();
        batch.Clear();
    }
}
