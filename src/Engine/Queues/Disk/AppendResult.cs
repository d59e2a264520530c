namespace Sluice.Engine.Queues.Disk;

/// <summary>What <see cref="DiskQueueStore.Append(ReadOnlySpan{byte})"/> did with a record.</summary>
public enum AppendResult
{
    /// <summary>Written; visible to readers and durable after the next <see cref="DiskQueueStore.Commit"/>.</summary>
    Ok,
    /// <summary>
    /// Not written: maxDiskSpace is reached or the file system is full. The caller applies its policy (block up to
    /// queue.timeoutEnqueue, then discard); space comes back as records are acknowledged.
    /// </summary>
    Full,
    /// <summary>Not written: the record is larger than a record may be (256 MiB).</summary>
    TooLarge,
    /// <summary>Not written: an I/O error (logged), or the store is closed.</summary>
    Failed,
}
