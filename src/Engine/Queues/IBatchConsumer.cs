using Sluice.Engine.Messages;

namespace Sluice.Engine.Queues;

/// <summary>What a queue's workers run: process a batch (in parallel), then commit it (in batch order).</summary>
public interface IBatchConsumer
{
    /// <summary>Per-worker state, created once per worker thread.</summary>
    object CreateWorkerState();

    void Process(MessageBatch batch, object workerState);

    void Commit(object workerState);
}
