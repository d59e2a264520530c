using System.Diagnostics.CodeAnalysis;
using Sluice.Engine.Messages;
using Sluice.Engine.Queues.Disk;

namespace Sluice.Engine.Queues;

/// <summary>
/// Where a <see cref="MessageQueue"/> keeps the messages that are not in memory: the disk part of a Disk or
/// disk-assisted queue. Flow control, watermarks, counters and workers stay in the queue and its
/// <see cref="QueueWorkerPool"/>; the store only keeps records.
/// <para>
/// Order of calls: <see cref="Append"/> from producers (concurrently), then <see cref="Commit"/> once per
/// producer batch (group commit: it makes every append before it visible, and durable as configured);
/// <see cref="TryDequeue"/> from one consumer at a time; <see cref="AcknowledgeDequeued"/> once everything
/// dequeued so far was delivered. What was never acknowledged is read again at the next start.
/// </para>
/// </summary>
public interface IQueueStore : IDisposable
{
    /// <summary>Stores a copy of the message (the caller keeps its reference).</summary>
    AppendResult Append(Message message);

    /// <summary>Makes the appended records readable (and durable as configured); false when syncing failed.</summary>
    bool Commit();

    /// <summary>
    /// The next stored message (a new reference, owned by the caller); it stays stored until acknowledged.
    /// <paramref name="consumed"/> counts the records passed over, unreadable ones included.
    /// </summary>
    bool TryDequeue([NotNullWhen(true)] out Message? message, out int consumed);

    /// <summary>Everything dequeued so far was delivered and may be forgotten.</summary>
    void AcknowledgeDequeued();

    /// <summary>Records stored and not yet dequeued.</summary>
    long Available { get; }

    /// <summary>Records stored at open (left by an earlier run).</summary>
    long Recovered { get; }
}
