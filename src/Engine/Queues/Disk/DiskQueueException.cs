namespace Sluice.Engine.Queues.Disk;

/// <summary>
/// The store cannot work at all (its spool directory is missing or unusable). Thrown only by
/// <see cref="DiskQueueStore.Open"/>; the caller decides (rsyslog falls back to "pure in-memory mode").
/// Problems with single files never throw: they are logged, moved aside and counted.
/// </summary>
public sealed class DiskQueueException : Exception
{
    public DiskQueueException(string message) : base(message) { }
}
