using Sluice.Engine.Messages;

namespace Sluice.Engine.Queues;

/// <summary>What a queue's workers run: process a batch (in parallel), then commit it (in batch order).</summary>
public interface IBatchConsumer
{
    /// <summary>
    /// Per-worker state, created once per worker thread. <paramref name="shutdown"/> is the queue's "shutdown
    /// immediate" signal: retry loops run on this worker must give up when it is set.
    /// </summary>
    object CreateWorkerState(ShutdownSignal shutdown);

    void Process(MessageBatch batch, object workerState);

    /// <summary>After <see cref="Process"/>, in batch order: quick bookkeeping of what precedes what.</summary>
    void Seal(object workerState) { }

    /// <summary>After <see cref="Seal"/>, in parallel: per-batch work the commit would otherwise do in order.</summary>
    void Prepare(object workerState) { }

    /// <summary>
    /// Delivers what <see cref="Process"/> prepared. False when the batch could not be delivered because the
    /// queue is shutting down immediately: the worker then stops, and the batch is not acknowledged.
    /// </summary>
    bool Commit(object workerState);
}
