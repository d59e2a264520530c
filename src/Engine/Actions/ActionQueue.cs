using Sluice.Engine.Diagnostics;
using Sluice.Engine.Queues;
using Sluice.Engine.Stats;

namespace Sluice.Engine.Actions;

/// <summary>
/// A non-Direct action's own queue and workers (queue.type FixedArray or LinkedList in action()): the main
/// queue's workers hand it the messages (one reference each) and go on; its workers run the action, retries
/// and all, so a slow or suspended target holds up only this queue. Named "&lt;action&gt; queue" as in rsyslog.
/// </summary>
public sealed class ActionQueue
{
    private readonly QueueWorkerPool _workers;

    public ActionQueue(ActionInstance action, byte[] localHostName, StatsRegistry stats, IInternalLog log)
    {
        Action = action;
        Queue = new MessageQueue($"{action.Name} queue", action.Settings.Queue, stats, log);
        _workers = new QueueWorkerPool(Queue, new ActionQueueConsumer(action, localHostName), log);
    }

    public ActionInstance Action { get; }
    public MessageQueue Queue { get; }

    /// <summary>Starts the workers and connects the action to its queue.</summary>
    public void Start()
    {
        Action.Queue = Queue;
        _workers.Start();
    }

    /// <summary>Drains within queue.timeoutShutdown / timeoutActionCompletion; returns how many messages were discarded.</summary>
    public long Stop() => _workers.Stop();
}
