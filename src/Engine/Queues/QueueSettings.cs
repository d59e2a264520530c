namespace Sluice.Engine.Queues;

public enum QueueType { Direct, FixedArray, LinkedList, Disk }

/// <summary>
/// A queue's parameters with rsyslog's names. The three default sets differ (rsyslog's queue.c/rsconf.c):
/// the legacy main queue (no main_queue() statement), main_queue()/ruleset queues, and action queues.
/// Values are as configured (-1 = "derive it"); <see cref="Corrected"/> applies rsyslog's qqueueCorrectParams.
/// </summary>
public sealed record QueueSettings
{
    public QueueType Type { get; init; } = QueueType.FixedArray;
    public int Size { get; init; } = 100000;
    public int DequeueBatchSize { get; init; } = 256;
    public int WorkerThreads { get; init; } = 2;
    /// <summary>Backlog per running worker before another worker is started (-1 = size / workerThreads).</summary>
    public int WorkerThreadMinimumMessages { get; init; } = 40000;
    /// <summary>-1 = derived: 70% of size (rsyslog lightDelayMark); 0 = size (light delay off).</summary>
    public int LightDelayMark { get; init; } = -1;
    /// <summary>-1 = derived: 97% of size. Full-delay producers (imfile, imuxsock) wait while the queue is above it.</summary>
    public int FullDelayMark { get; init; } = -1;
    /// <summary>How long a full queue blocks a producer before the message is discarded (ms).</summary>
    public int TimeoutEnqueue { get; init; } = 2000;
    /// <summary>How long the workers get to drain the queue at shutdown (ms).</summary>
    public int TimeoutShutdown { get; init; } = 1500;
    /// <summary>After timeoutShutdown: how long retrying actions get to give up and finish their batch (ms).</summary>
    public int TimeoutActionCompletion { get; init; } = 1000;
    /// <summary>
    /// queue.timeoutWorkerThreadShutdown: an idle worker (other than the first) exits after this many ms and is
    /// started again when the backlog needs it (-1 = never, 0 = at once). rsyslog's default for every queue: 60 s.
    /// </summary>
    public int TimeoutWorkerThreadShutdown { get; init; } = 60000;
    public int HighWatermark { get; init; } = 80000;
    public int LowWatermark { get; init; } = 20000;
    /// <summary>-1 = derived: 98% of size.</summary>
    public int DiscardMark { get; init; } = -1;
    /// <summary>8 = off.</summary>
    public int DiscardSeverity { get; init; } = 8;
    public bool SaveOnShutdown { get; init; } = true;
    /// <summary>queue.filename: set on a memory type, the queue is disk-assisted; required by Disk.</summary>
    public string? FileName { get; init; }
    /// <summary>queue.spoolDirectory; null = the global workDirectory.</summary>
    public string? SpoolDirectory { get; init; }
    /// <summary>
    /// queue.maxFileSize (bytes): the size of one segment file. rsyslog's defaults are kept (1 MiB for action
    /// queues and the legacy main queue, 16 MiB for main_queue()/ruleset queues): Sluice preallocates whole
    /// segments and counts them against maxDiskSpace, so a small segment keeps an idle queue small and the limit
    /// exact, while a segment switch (create, fallocate, mmap: tens of µs) per MiB costs nothing measurable.
    /// </summary>
    public long MaxFileSize { get; init; } = 1024 * 1024;
    /// <summary>queue.maxDiskSpace (bytes, 0 = unlimited): all segment files of the queue together.</summary>
    public long MaxDiskSpace { get; init; }
    /// <summary>queue.checkpointInterval: the state file is rewritten after this many delivered records (0 = at segment changes and close).</summary>
    public int CheckpointInterval { get; init; }
    /// <summary>queue.syncQueueFiles: records are msynced (group commit) and the state file fsynced.</summary>
    public bool SyncQueueFiles { get; init; }
    /// <summary>queue.dequeueSlowdown: microseconds a worker sleeps after each batch (simple rate limiting).</summary>
    public int DequeueSlowdown { get; init; }
    /// <summary>queue.minDequeueBatchSize: a worker waits (up to the timeout) until this many messages are queued.</summary>
    public int MinDequeueBatchSize { get; init; }
    /// <summary>queue.minDequeueBatchSize.timeout (ms).</summary>
    public int MinDequeueBatchSizeTimeout { get; init; } = 1000;
    /// <summary>queue.dequeueTimeBegin: hour (0-24) from which messages are dequeued.</summary>
    public int DequeueTimeBegin { get; init; }
    /// <summary>queue.dequeueTimeEnd: hour before which messages are dequeued; 25 = no time window.</summary>
    public int DequeueTimeEnd { get; init; } = DequeueTimeWindow.Disabled;

    /// <summary>The main queue when the config has no main_queue() statement.</summary>
    public static QueueSettings LegacyMainQueue => new();

    /// <summary>main_queue() and ruleset queues: rsyslog's qqueueSetDefaultsRulesetQueue.</summary>
    public static QueueSettings RulesetQueue => new()
    {
        Size = 50000, DequeueBatchSize = 1024, WorkerThreads = 1, WorkerThreadMinimumMessages = -1,
        HighWatermark = -1, LowWatermark = -1, MaxFileSize = 16 * 1024 * 1024,
    };

    /// <summary>
    /// action() queues: rsyslog's qqueueSetDefaultsActionQueue (Direct, 1000 elements, batches of 128, one
    /// worker, timeoutShutdown 10 ms — the global actq_dflt_toQShutdown).
    /// </summary>
    public static QueueSettings ActionQueue => new()
    {
        Type = QueueType.Direct, Size = 1000, DequeueBatchSize = 128, WorkerThreads = 1,
        WorkerThreadMinimumMessages = -1, HighWatermark = -1, LowWatermark = -1, TimeoutShutdown = 10,
    };

    /// <summary>
    /// Legacy selector actions ($ActionQueue* directives, rsyslog's actionResetQueueParams): batches of 16,
    /// timeoutEnqueue 50 ms, timeoutShutdown 0.
    /// </summary>
    public static QueueSettings LegacyActionQueue => ActionQueue with { DequeueBatchSize = 16, TimeoutEnqueue = 50, TimeoutShutdown = 0 };

    /// <summary>A memory queue with queue.filename: memory first, the overflow on disk (rsyslog's qqueueChkIsDA).</summary>
    public bool IsDiskAssisted => FileName is not null && Type is QueueType.FixedArray or QueueType.LinkedList;

    /// <summary>Whether the queue keeps records on disk (Disk, or disk-assisted).</summary>
    public bool UsesDisk => Type == QueueType.Disk || IsDiskAssisted;

    /// <summary>
    /// A disk-assisted queue asked for crash safety (queue.checkpointInterval or queue.syncQueueFiles): Sluice then
    /// writes every message through the journal at enqueue (see MessageQueue), since a memory part cannot survive
    /// kill -9.
    /// </summary>
    public bool IsJournaled => Type == QueueType.Disk || (IsDiskAssisted && (CheckpointInterval > 0 || SyncQueueFiles));

    public int EffectiveLightDelayMark => LightDelayMark switch
    {
        0 => Size,
        < 0 => Size / 100 * 70 is var m && m > 0 ? m : Math.Max(1, Size - 1),
        var v => Math.Min(v, Size),
    };

    public int EffectiveFullDelayMark => FullDelayMark < 0 || FullDelayMark > Size
        ? (Size / 100 * 97 is var m && m > 0 ? m : Math.Max(1, Size - 1))
        : FullDelayMark;

    public int EffectiveDiscardMark => DiscardMark < 1 || DiscardMark > Size
        ? (Size / 100 * 98 is var m && m > 0 ? m : Size)
        : DiscardMark;

    public int EffectiveWorkerThreadMinimumMessages
        => WorkerThreadMinimumMessages > 0 && WorkerThreadMinimumMessages <= Size
            ? WorkerThreadMinimumMessages
            : Math.Max(1, Size / Math.Max(1, WorkerThreads));

    public int EffectiveHighWatermark => HighWatermark < 2 || HighWatermark > Size
        ? (Size / 100 * 90 is var m && m > 0 ? m : Size)
        : HighWatermark;

    /// <summary>
    /// rsyslog 8.2302 (the reference binary): 70% of size when unset or implausible. (8.2602 and later use
    /// 70% of the high watermark instead.)
    /// </summary>
    public int EffectiveLowWatermark => LowWatermark < 2 || LowWatermark > Size || LowWatermark > EffectiveHighWatermark
        ? Math.Max(1, Size / 100 * 70)
        : LowWatermark;

    /// <summary>rsyslog caps the dequeue batch at the queue size.</summary>
    public int EffectiveDequeueBatchSize => Math.Max(1, Size > 0 ? Math.Min(DequeueBatchSize, Size) : DequeueBatchSize);

    /// <summary>
    /// rsyslog's qqueueCorrectParams: every derived value filled in (so the result needs no further
    /// derivation), plus the warnings rsyslog logs for implausible values, worded as rsyslog words them.
    /// </summary>
    public QueueSettings Corrected(string queueName, List<string>? warnings = null)
    {
        if (warnings is not null)
        {
            bool memory = Type is QueueType.FixedArray or QueueType.LinkedList;
            if (memory && Size < 100)
                warnings.Add($"Note: queue.size=\"{Size}\" is very low and can lead to unpredictable results. See also https://www.rsyslog.com/lower-bound-for-queue-sizes/");
            int good = Size / 100 * 60;
            if (HighWatermark != -1 && HighWatermark < good)
                warnings.Add($"queue \"{queueName}\": high water mark is set quite low at {HighWatermark}. You should only set it below 60% ({good}) if you have a good reason for this.");
            good = Size / 100 * 10;
            if (WorkerThreads > 1 && WorkerThreadMinimumMessages != -1 && WorkerThreadMinimumMessages < good)
                warnings.Add($"queue \"{queueName}\": queue.workerThreadMinimumMessage is set quite low at {WorkerThreadMinimumMessages}. You should only set it below 10% ({good}) if you have a good reason for this.");
            if (DiscardMark > Size)
                warnings.Add($"error: queue \"{queueName}\": queue.discardMark {DiscardMark} is set larger than queue.size");
            good = Size / 100 * 80;
            if (DiscardMark != -1 && DiscardMark < good)
                warnings.Add($"queue \"{queueName}\": queue.discardMark is set quite low at {DiscardMark}. You should only set it below 80% ({good}) if you have a good reason for this.");
        }
        int fullDelay = EffectiveFullDelayMark;
        // rsyslog's qqueueStart: on a DA queue full-delayable messages must not start the disk mode.
        if (IsDiskAssisted) fullDelay = Math.Min(fullDelay, Math.Max(1, EffectiveHighWatermark / 2));
        return this with
        {
            HighWatermark = EffectiveHighWatermark,
            LowWatermark = EffectiveLowWatermark,
            WorkerThreadMinimumMessages = EffectiveWorkerThreadMinimumMessages,
            FullDelayMark = fullDelay,
            DiscardMark = EffectiveDiscardMark,
            DequeueBatchSize = EffectiveDequeueBatchSize,
        };
    }
}
