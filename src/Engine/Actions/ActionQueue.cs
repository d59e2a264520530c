using Sluice.Engine.Diagnostics;
using Sluice.Engine.Queues;
using Sluice.Engine.Stats;

namespace Sluice.Engine.Actions;

/// <summary>
/// A non-Direct action's own queue and workers (queue.type FixedArray, LinkedList or Disk, disk-assisted with
/// queue.filename): the main
/// queue's workers hand it the messages (one reference each) and go on; its workers run the action, retries
/// and all, so a slow or suspended target holds up only this queue. Named "&lt;action&gt; queue" as in rsyslog.
/// </summary>
public sealed class ActionQueue
{
    private readonly QueueWorkerPool _workers;

    public ActionQueue(ActionInstance action, byte[] localHostName, StatsRegistry stats, IInternalLog log)
        : this(action, localHostName, new QueueEnvironment(null, new Messages.MessagePool(), new Messages.Serialization.MessageReadContext(), stats, log))
    {
    }

    /// <param name="env">Where a disk or disk-assisted queue keeps its files and gets its messages from.</param>
    public ActionQueue(ActionInstance action, byte[] localHostName, QueueEnvironment env)
    {
        Action = action;
        Queue = QueueFactory.Create($"{action.Name} queue", action.Settings.Queue, env);
        _workers = new QueueWorkerPool(Queue, new ActionQueueConsumer(action, localHostName), env.Log);
    }

    public ActionInstance Action { get; }
    public MessageQueue Queue { get; }

    /// <summary>Starts the workers and connects the action to its queue.</summary>
    public void Start()
    {
        Action.Queue = Queue;
        _workers.Start();
    }

    /// <summary>
    /// Drains within queue.timeoutShutdown / timeoutActionCompletion (a disk part stays on disk); returns how many
    /// messages were discarded, which the action also counts as failed.
    /// </summary>
    public long Stop()
    {
        long lost = _workers.Stop();
        if (lost > 0) Action.Failed.Add(lost);
        return lost;
    }
}
