using System.Diagnostics.CodeAnalysis;
using Sluice.Engine.Messages;

namespace Sluice.Engine.Queues;

/// <summary>
/// Where a <see cref="MessageQueue"/> keeps its messages when they are not in memory: the seam for the disk queue
/// (queue.type="Disk" and the disk part of a disk-assisted queue). The memory types use the queue's own
/// lock-free ring and need no store. Flow control, watermarks, counters and workers stay in the queue and its
/// <see cref="QueueWorkerPool"/>; the store only keeps records.
/// <para>
/// Order of calls: <see cref="TryEnqueue"/> from producers (concurrently); <see cref="TryDequeue"/> from workers
/// (one at a time, under the pool's dequeue lock); <see cref="Acknowledge"/> once a dequeued batch was delivered,
/// in dequeue order (the pool commits batches in dequeue order). A batch that could not be delivered at shutdown
/// is never acknowledged, and the worker that held it stops dequeuing, so a persistent store still has it at the
/// next start.
/// </para>
/// </summary>
public interface IQueueStore : IDisposable
{
    /// <summary>Takes the caller's reference to the message; false when the store cannot take it (it stays the caller's).</summary>
    bool TryEnqueue(Message message);

    /// <summary>The oldest message not yet handed out; it stays stored until acknowledged.</summary>
    bool TryDequeue([NotNullWhen(true)] out Message? message);

    /// <summary>The oldest <paramref name="count"/> handed-out messages were delivered and may be forgotten.</summary>
    void Acknowledge(int count);
}
