using Sluice.Engine.Diagnostics;

namespace Sluice.Engine.Queues.Disk;

/// <summary>
/// What a disk queue store needs from the queue's parameters (rsyslog names in the comments). The caller applies
/// rsyslog's defaults (maxFileSize 1 MiB for action queues, 16 MiB for main_queue()/ruleset queues).
/// </summary>
public sealed record DiskQueueOptions
{
    /// <summary>queue.spoolDirectory (default: the global workDirectory). Must exist.</summary>
    public required string Directory { get; init; }

    /// <summary>queue.filename: a file name, not a path; segments are <c>&lt;FileName&gt;.00000001</c>…, state <c>&lt;FileName&gt;.qi</c>.</summary>
    public required string FileName { get; init; }

    /// <summary>For log lines, e.g. the action's or ruleset's name; defaults to <see cref="FileName"/>.</summary>
    public string? QueueName { get; init; }

    /// <summary>queue.maxFileSize: the size of one segment file (a larger record gets a segment of its own size).</summary>
    public long MaxFileSize { get; init; } = 1024 * 1024;

    /// <summary>queue.maxDiskSpace: all segment files together; 0 = unlimited. Below maxFileSize it is raised to it (as rsyslog's qqueueStart does).</summary>
    public long MaxDiskSpace { get; init; }

    /// <summary>
    /// queue.checkpointInterval: the state file is rewritten after this many acknowledged records (0 = only at
    /// segment changes and close). It bounds how many already-delivered records a kill -9 delivers again; it never
    /// affects whether committed records survive.
    /// </summary>
    public int CheckpointInterval { get; init; }

    /// <summary>
    /// queue.syncQueueFiles: every <see cref="DiskQueueStore.Commit"/> waits until its records are on the disk
    /// (msync), and every state file write is fsynced, so committed records survive power loss too.
    /// </summary>
    public bool SyncQueueFiles { get; init; }

    public IInternalLog Log { get; init; } = StderrLog.Instance;

    /// <summary>Segment files larger than this are not made (records are at most 256 MiB).</summary>
    public const long MaxSegmentSize = 1L << 30;

    internal string DisplayName => string.IsNullOrEmpty(QueueName) ? FileName : QueueName;
}
