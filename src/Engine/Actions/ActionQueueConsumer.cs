using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Queues;

namespace Sluice.Engine.Actions;

/// <summary>
/// What an action queue's workers run (rsyslog's processBatchMain): each message of the batch submitted to the
/// worker's side of the action, then one commit. Time is read once per batch.
/// </summary>
internal sealed class ActionQueueConsumer : IBatchConsumer
{
    private readonly ActionInstance _action;
    private readonly byte[] _localHostName;

    public ActionQueueConsumer(ActionInstance action, byte[] localHostName)
    {
        _action = action;
        _localHostName = localHostName;
    }

    public object CreateWorkerState(ShutdownSignal shutdown) => new ActionWorker(_action, shutdown);

    public void Process(MessageBatch batch, object workerState)
    {
        var worker = (ActionWorker)workerState;
        var render = new RenderContext(SyslogTime.FromDateTimeOffset(DateTimeOffset.Now), _localHostName);
        var items = batch.AsSpan();
        for (int i = 0; i < items.Length; i++) worker.Submit(items[i], render);
    }

    public void Seal(object workerState) => ((ActionWorker)workerState).Seal();

    public void Prepare(object workerState) => ((ActionWorker)workerState).PrepareBatch();

    /// <summary>False when shutdown cut the retries short: the batch was not delivered.</summary>
    public bool Commit(object workerState) => ((ActionWorker)workerState).Commit() != ActionStatus.ForceTerm;
}
