using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Config.Objects;

/// <summary>
/// queue.* parameters (rsyslog runtime/queue.c cnfpdescr and newer additions) for main_queue() and action().
/// Those Sluice's queues implement are typed; the rest is declared NotSupported.
/// </summary>
public static class QueueParams
{
    public const string Type = "queue.type";
    public const string Size = "queue.size";
    public const string DequeueBatchSize = "queue.dequeueBatchSize";
    public const string MinDequeueBatchSize = "queue.minDequeueBatchSize";
    public const string MinDequeueBatchSizeTimeout = "queue.minDequeueBatchSize.timeout";
    public const string WorkerThreads = "queue.workerThreads";
    public const string WorkerThreadMinimumMessages = "queue.workerThreadMinimumMessages";
    public const string TimeoutEnqueue = "queue.timeoutEnqueue";
    public const string LightDelayMark = "queue.lightDelayMark";
    public const string FullDelayMark = "queue.fullDelayMark";
    public const string DiscardMark = "queue.discardMark";
    public const string DiscardSeverity = "queue.discardSeverity";
    public const string HighWatermark = "queue.highWatermark";
    public const string LowWatermark = "queue.lowWatermark";
    public const string TimeoutShutdown = "queue.timeoutShutdown";
    public const string TimeoutActionCompletion = "queue.timeoutActionCompletion";
    public const string TimeoutWorkerThreadShutdown = "queue.timeoutWorkerThreadShutdown";
    public const string SaveOnShutdown = "queue.saveOnShutdown";
    public const string DequeueSlowdown = "queue.dequeueSlowdown";
    public const string DequeueTimeBegin = "queue.dequeueTimeBegin";
    public const string DequeueTimeEnd = "queue.dequeueTimeEnd";
    public const string FileName = "queue.filename";
    public const string SpoolDirectory = "queue.spoolDirectory";
    public const string MaxDiskSpace = "queue.maxDiskSpace";
    public const string MaxFileSize = "queue.maxFileSize";
    public const string CheckpointInterval = "queue.checkpointInterval";
    public const string SyncQueueFiles = "queue.syncQueueFiles";

    /// <summary>The largest segment file the disk store makes.</summary>
    public const long MaxFileSizeLimit = Queues.Disk.DiskQueueOptions.MaxSegmentSize;

    /// <summary>A queue.type / $…QueueType value (already one of <see cref="TypeNames"/>).</summary>
    public static Queues.QueueType ParseType(string type) => type switch
    {
        "Direct" => Queues.QueueType.Direct,
        "LinkedList" => Queues.QueueType.LinkedList,
        "Disk" => Queues.QueueType.Disk,
        _ => Queues.QueueType.FixedArray,
    };

    public static readonly IReadOnlyList<string> TypeNames = new[] { "FixedArray", "LinkedList", "Direct", "Disk" };

    private static readonly string[] NotSupportedNames =
    {
        "queue.cry.provider", "queue.samplingInterval", "queue.takeFlowCtlFromMsg", "queue.diskQueueType",
        "queue.onCorruption",
    };

    /// <summary>What main_queue() accepts.</summary>
    public static readonly ParamSchema MainQueueSchema = new(Definitions());

    /// <summary>The queue.* part of action().</summary>
    public static IEnumerable<ParamDef> ActionDefinitions() => Definitions();

    public static bool IsQueueParam(string name) => name.StartsWith("queue.", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<ParamDef> Definitions()
    {
        yield return new ParamDef(Type, ParamType.Choice) { Allowed = TypeNames };
        // Sizes and counts are ints in Sluice's queues.
        yield return new ParamDef(Size, ParamType.Size) { Min = 1, Max = int.MaxValue };
        yield return new ParamDef(DequeueBatchSize, ParamType.Integer) { Min = 1, Max = int.MaxValue };
        yield return new ParamDef(MinDequeueBatchSize, ParamType.Integer) { Min = 0, Max = int.MaxValue };
        yield return new ParamDef(MinDequeueBatchSizeTimeout, ParamType.Integer) { Min = 0, Max = int.MaxValue };
        yield return new ParamDef(WorkerThreads, ParamType.Integer) { Min = 1, Max = int.MaxValue };
        yield return new ParamDef(WorkerThreadMinimumMessages, ParamType.Integer) { Min = -1, Max = int.MaxValue };
        yield return new ParamDef(TimeoutEnqueue, ParamType.Integer) { Min = 0, Max = int.MaxValue };
        yield return new ParamDef(LightDelayMark, ParamType.Integer) { Min = -1, Max = int.MaxValue };
        yield return new ParamDef(FullDelayMark, ParamType.Integer) { Min = -1, Max = int.MaxValue };
        yield return new ParamDef(DiscardMark, ParamType.Integer) { Min = -1, Max = int.MaxValue };
        // A severity number; 8 discards nothing.
        yield return new ParamDef(DiscardSeverity, ParamType.Integer) { Min = 0, Max = 8 };
        // Watermarks steer disk assistance; accepted (and corrected as rsyslog does) for every queue.
        yield return new ParamDef(HighWatermark, ParamType.Integer) { Min = -1, Max = int.MaxValue };
        yield return new ParamDef(LowWatermark, ParamType.Integer) { Min = -1, Max = int.MaxValue };
        yield return new ParamDef(TimeoutShutdown, ParamType.Integer) { Min = 0, Max = int.MaxValue };
        yield return new ParamDef(TimeoutActionCompletion, ParamType.Integer) { Min = 0, Max = int.MaxValue };
        yield return new ParamDef(TimeoutWorkerThreadShutdown, ParamType.Integer) { Min = -1, Max = int.MaxValue };
        yield return new ParamDef(SaveOnShutdown, ParamType.Binary);
        // Microseconds after each batch.
        yield return new ParamDef(DequeueSlowdown, ParamType.Integer) { Min = 0, Max = int.MaxValue };
        // Hours; an end of 25 (the default) means no time window.
        yield return new ParamDef(DequeueTimeBegin, ParamType.Integer) { Min = 0, Max = 24 };
        yield return new ParamDef(DequeueTimeEnd, ParamType.Integer) { Min = 0, Max = 25 };
        yield return new ParamDef(FileName, ParamType.String);
        yield return new ParamDef(SpoolDirectory, ParamType.String);
        yield return new ParamDef(MaxDiskSpace, ParamType.Size) { Min = 0, Max = long.MaxValue };
        // A segment file is at most 1 GiB (one mapping); larger values are refused rather than silently cut.
        yield return new ParamDef(MaxFileSize, ParamType.Size) { Min = 1, Max = MaxFileSizeLimit };
        yield return new ParamDef(CheckpointInterval, ParamType.Integer) { Min = 0, Max = int.MaxValue };
        yield return new ParamDef(SyncQueueFiles, ParamType.Binary);
        foreach (var name in NotSupportedNames) yield return new ParamDef(name, ParamType.String) { NotSupported = true };
    }
}
