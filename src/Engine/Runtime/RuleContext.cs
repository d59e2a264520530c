using Sluice.Engine.Actions;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Queues;
using Sluice.Engine.Scripting.Expressions;
using Sluice.Engine.Submit;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Runtime;

/// <summary>
/// A queue worker's state while it runs rulesets over one batch (rsyslog's wti execState and actWrkrInfo):
/// the worker's side of each Direct action (<see cref="ActionWorker"/>, created on first use), the messages
/// bound for each queued action, and whether the previous action was suspended
/// (action.execOnlyWhenPreviousIsSuspended, previous_action_suspended()); and the worker's expression state
/// (<see cref="Evaluation"/>, sharing the plan's $/ variables) with the scratch space statements use.
/// </summary>
public sealed class RuleContext : IActionState
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
    /// <param name="globals">The $/ variables (shared by every worker); by default the process-wide ones templates render.</param>
    public RuleContext(IReadOnlyList<ActionInstance> actions, ShutdownSignal shutdown, int batchCapacity, GlobalVariables? globals = null)
    {
        Evaluation = new EvaluationContext(globals ?? GlobalVariables.Process) { Actions = this };
        _actions = actions.ToArray();
        _workers = new ActionWorker?[_actions.Length];
        _toEnqueue = new MessageBatch?[_actions.Length];
        _processed = new int[_actions.Length];
        _touched = new int[_actions.Length];
        _shutdown = shutdown;
        _batchCapacity = Math.Max(1, batchCapacity);
    }

    /// <summary>Time and host name for templates and $now…; setting it also sets the expressions' view of them.</summary>
    /// <summary>
    /// Whether the queue running this context keeps a batch it reports undelivered (it has a disk part): then a
    /// Direct action cut off by shutdown makes <see cref="CommitAll"/> return false instead of losing the batch.
    /// </summary>
    public bool KeepCutOffBatches { get; init; }

    public RenderContext Render
    {
        get => _render;
        set
        {
            _render = value;
            Evaluation.Render = value;
        }
    }

    private RenderContext _render;

    /// <summary>This worker's expression state (rsyslog keeps it in wti_t): one per worker, reused for every message.</summary>
    public EvaluationContext Evaluation { get; }

    /// <summary>Where property filters render the property they compare (cleared by each filter before use).</summary>
    public ByteBuffer Scratch { get; } = new(256);

    /// <summary>foreach's copies of the collections it iterates (nested loops each take their own).</summary>
    public JsonNodePool LoopNodes { get; } = new();

    /// <summary>How deep call / call_indirect are nested right now (a ruleset calling itself is cut off).</summary>
    public int CallDepth { get; set; }

    /// <summary>Calls skipped because they were nested deeper than <see cref="Scripting.CallStatement.MaxDepth"/>.</summary>
    public long CallsTooDeep { get; private set; }

    internal void NoteCallTooDeep() => CallsTooDeep++;

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
        Message queued;
        if (action.Settings.CopyMsg) queued = MessageCopy.Duplicate(message);
        else
        {
            message.AddRef();
            queued = message;
        }
        var batch = _toEnqueue[i] ??= new MessageBatch(_batchCapacity);
        if (batch.IsFull) _toEnqueue[i] = batch = Grown(batch);
        batch.Add(queued);
        // The enqueue result is what a queued action reports: never "suspended".
        PreviousActionSuspended = false;
    }

    /// <summary>The batch has run through the rules (called in batch order): Direct actions note it.</summary>
    public void SealAll()
    {
        for (int t = 0; t < _touchedCount; t++)
            if (_workers[_touched[t]] is { } worker) worker.Seal();
    }

    /// <summary>Direct actions do their per-batch work before the ordered commit (in parallel across workers).</summary>
    public void PrepareAll()
    {
        for (int t = 0; t < _touchedCount; t++)
            if (_workers[_touched[t]] is { } worker) worker.PrepareBatch();
    }

    /// <summary>
    /// Commits every touched action, in batch order (rsyslog's actionCommitAllDirect) and hands queued actions
    /// their messages. False only when a Direct action was cut off by shutdown and the queue keeps such batches
    /// (<see cref="KeepCutOffBatches"/>); otherwise those messages are counted as lost and the result is true.
    /// </summary>
    public bool CommitAll()
    {
        bool delivered = true;
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
                    if (worker.Commit() != ActionStatus.ForceTerm) continue;
                    // Cut off by shutdown: a queue with a disk part keeps the whole batch for the next start (the
                    // other actions may see it twice, as in rsyslog); a memory queue loses it, counted here.
                    if (KeepCutOffBatches) delivered = false;
                    else action.NoteLostAtShutdown(n);
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
        return delivered;
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
