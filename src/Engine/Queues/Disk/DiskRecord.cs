namespace Sluice.Engine.Queues.Disk;

/// <summary>
/// Where a record sits: pass it to <see cref="DiskQueueStore.Acknowledge(DiskPosition)"/> to remove it and every
/// record read before it.
/// </summary>
public readonly record struct DiskPosition(long Sequence, long Ordinal, long SegmentNumber, int NextOffset);

/// <summary>
/// One record handed out by <see cref="DiskQueueStore.TryRead"/>. <see cref="Payload"/> points into the mapped
/// segment: it stays valid until the record is acknowledged or the store is closed, whichever comes first.
/// </summary>
public readonly ref struct DiskRecord
{
    public DiskRecord(ReadOnlySpan<byte> payload, DiskPosition position)
    {
        Payload = payload;
        Position = position;
    }

    public ReadOnlySpan<byte> Payload { get; }
    public DiskPosition Position { get; }
    /// <summary>The record's sequence number: increasing, unique within the queue's lifetime.</summary>
    public long Sequence => Position.Sequence;
}
