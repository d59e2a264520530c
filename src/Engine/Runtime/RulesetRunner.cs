using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Queues;
using Sluice.Engine.Scripting;

namespace Sluice.Engine.Runtime;

/// <summary>
/// Runs each message of a dequeued batch through its ruleset (the input's, or the default one; a ruleset queue's
/// runner always runs its own ruleset). Actions render during the run; the commit delivers the batch's transactions.
/// Time is read once per batch.
/// </summary>
public sealed class RulesetRunner : IBatchConsumer
{
    private readonly RuntimePlan _plan;
    private readonly byte[] _localHostName;
    private readonly Ruleset? _only;
    private readonly int _batchSize;

    /// <param name="only">For a ruleset's own queue: the ruleset every message runs through.</param>
    public RulesetRunner(RuntimePlan plan, byte[] localHostName, Ruleset? only = null)
    {
        _plan = plan;
        _localHostName = localHostName;
        _only = only;
        _batchSize = (only?.QueueSettings ?? plan.MainQueue).EffectiveDequeueBatchSize;
    }

    /// <summary>Set when the queue this runner consumes has a disk part (see <see cref="RuleContext.KeepCutOffBatches"/>).</summary>
    public bool KeepCutOffBatches { get; init; }

    public object CreateWorkerState(ShutdownSignal shutdown)
        => new RuleContext(_plan.Actions, shutdown, _batchSize, _plan.Variables) { KeepCutOffBatches = KeepCutOffBatches };

    public void Process(MessageBatch batch, object workerState)
    {
        var context = (RuleContext)workerState;
        context.BeginBatch(new RenderContext(SyslogTime.FromDateTimeOffset(DateTimeOffset.Now), _localHostName));
        var items = batch.AsSpan();
        for (int i = 0; i < items.Length; i++)
        {
            var m = items[i];
            var ruleset = _only ?? RulesetOf(m.Input, _plan);
            if (_only is null && ruleset.Inbox is { } inbox)
            {
                // Bound to a ruleset with its own queue but delivered here (not through the submit path): hand it over.
                inbox.SubmitCopy(m);
                continue;
            }
            context.CallDepth = 0;
            Statement.ExecuteAll(ruleset.Statements, m, context);
        }
    }

    public void Seal(object workerState) => ((RuleContext)workerState).SealAll();

    public void Prepare(object workerState) => ((RuleContext)workerState).PrepareAll();

    public bool Commit(object workerState) => ((RuleContext)workerState).CommitAll();

    /// <summary>The input's ruleset: bound once per input from its ruleset name (checked by the config binder).</summary>
    public static Ruleset RulesetOf(InputInfo input, RuntimePlan plan)
    {
        if (input.Ruleset is Ruleset bound) return bound;
        var ruleset = input.RulesetName is { } name && plan.Rulesets.TryGetValue(name, out var rs) ? rs : plan.DefaultRuleset;
        input.Ruleset = ruleset;
        return ruleset;
    }
}
