using Sluice.Engine.Messages;
using Sluice.Engine.Queues;
using Sluice.Engine.Scripting;
using Sluice.Engine.Submit;

namespace Sluice.Engine.Runtime;

/// <summary>
/// A ruleset's own queue (ruleset(queue.*=…), $RulesetCreateMainQueue): a message queue with its workers running
/// only this ruleset. Inputs bound to the ruleset submit into it; `call` from elsewhere enqueues a copy (rsyslog's
/// execCall → MsgDup, flow control "no delay").
/// </summary>
public sealed class RulesetQueue : IRulesetInbox
{
    [ThreadStatic] private static MessageBatch? t_single;

    private readonly MessagePool _pool;

    public RulesetQueue(Ruleset ruleset, RuntimePlan plan, byte[] localHostName, EngineServices services, QueueEnvironment queueEnv, EngineLog log)
    {
        Ruleset = ruleset;
        _pool = services.MessagePool;
        var settings = ruleset.QueueSettings ?? throw new ArgumentException($"ruleset '{ruleset.Name}' has no queue", nameof(ruleset));
        Queue = QueueFactory.Create(ruleset.Name, settings, queueEnv);
        Workers = new QueueWorkerPool(Queue, new RulesetRunner(plan, localHostName, ruleset) { KeepCutOffBatches = Queue.HasStore }, log);
        Submitter = new Submitter(Queue, plan.Globals);
    }

    public Ruleset Ruleset { get; }
    public MessageQueue Queue { get; }
    public QueueWorkerPool Workers { get; }

    /// <summary>The submit path of inputs bound to this ruleset.</summary>
    public Submitter Submitter { get; }

    public void Start()
    {
        Ruleset.Inbox = this;
        Workers.Start();
    }

    /// <summary>Drains the queue within its shutdown timeouts and stops the workers.</summary>
    public void Stop() => Workers.Stop();

    public void SubmitCopy(Message message)
    {
        var batch = t_single ??= new MessageBatch(1);
        batch.Add(MessageCopy.Duplicate(message, _pool));
        Queue.EnqueueBatch(batch, FlowControl.NoDelay);
    }
}
