using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Queues;
using Sluice.Engine.Scripting;

namespace Sluice.Engine.Runtime;

/// <summary>
/// Runs each message of a dequeued batch through its ruleset (the input's, or the default one). Actions
/// render during the run; the commit delivers the batch's transactions. Time is read once per batch.
/// </summary>
public sealed class RulesetRunner : IBatchConsumer
{
    private readonly RuntimePlan _plan;
    private readonly byte[] _localHostName;

    public RulesetRunner(RuntimePlan plan, byte[] localHostName)
    {
        _plan = plan;
        _localHostName = localHostName;
    }

    public object CreateWorkerState(ShutdownSignal shutdown)
        => new RuleContext(_plan.Actions, shutdown, _plan.MainQueue.EffectiveDequeueBatchSize);

    public void Process(MessageBatch batch, object workerState)
    {
        var context = (RuleContext)workerState;
        context.BeginBatch(new RenderContext(SyslogTime.FromDateTimeOffset(DateTimeOffset.Now), _localHostName));
        var items = batch.AsSpan();
        for (int i = 0; i < items.Length; i++)
        {
            var m = items[i];
            var ruleset = m.Input.Ruleset as Ruleset ?? Resolve(m.Input);
            Statement.ExecuteAll(ruleset.Statements, m, context);
        }
    }

    public bool Commit(object workerState) => ((RuleContext)workerState).CommitAll();

    private Ruleset Resolve(InputInfo input)
    {
        // Once per input: bind its ruleset name (checked by the config binder) to the ruleset object.
        var ruleset = input.RulesetName is { } name && _plan.Rulesets.TryGetValue(name, out var rs) ? rs : _plan.DefaultRuleset;
        input.Ruleset = ruleset;
        return ruleset;
    }
}
