using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Config.Objects;

/// <summary>
/// queue.* parameters (rsyslog runtime/queue.c cnfpdescr and newer additions) for main_queue() and for
/// action(). Those Sluice's queues implement are typed; the rest are declared NotSupported.
/// </summary>
public static class QueueParams
{
    public const string Type = "queue.type";
    public const string Size = "queue.size";
    public const string DequeueBatchSize = "queue.dequeueBatchSize";
    public const string WorkerThreads = "queue.workerThreads";
    public const string WorkerThreadMinimumMessages = "queue.workerThreadMinimumMessages";
    public const string TimeoutEnqueue = "queue.timeoutEnqueue";
    public const string LightDelayMark = "queue.lightDelayMark";
    public const string DiscardMark = "queue.discardMark";
    public const string DiscardSeverity = "queue.discardSeverity";
    public const string HighWatermark = "queue.highWatermark";
    public const string LowWatermark = "queue.lowWatermark";
    public const string TimeoutShutdown = "queue.timeoutShutdown";
    public const string TimeoutActionCompletion = "queue.timeoutActionCompletion";
    public const string SaveOnShutdown = "queue.saveOnShutdown";

    public static readonly IReadOnlyList<string> TypeNames = new[] { "FixedArray", "LinkedList", "Direct", "Disk" };

    private static readonly string[] NotSupportedNames =
    {
        "queue.filename", "queue.spoolDirectory", "queue.maxDiskSpace", "queue.maxFileSize", "queue.fullDelayMark",
        "queue.checkpointInterval", "queue.syncQueueFiles", "queue.timeoutWorkerThreadShutdown",
        "queue.dequeueSlowdown", "queue.dequeueTimeBegin", "queue.dequeueTimeEnd", "queue.cry.provider",
        "queue.samplingInterval", "queue.minDequeueBatchSize", "queue.minDequeueBatchSize.timeout",
        "queue.takeFlowCtlFromMsg", "queue.diskQueueType", "queue.onCorruption",
    };

    /// <summary>What main_queue() accepts.</summary>
    public static readonly ParamSchema MainQueueSchema = new(Definitions(forAction: false));

    /// <summary>The queue.* part of action(): only queue.type (and only "Direct") for now.</summary>
    public static IEnumerable<ParamDef> ActionDefinitions() => Definitions(forAction: true);

    private static IEnumerable<ParamDef> Definitions(bool forAction)
    {
        yield return new ParamDef(Type, ParamType.Choice) { Allowed = TypeNames };
        var typed = new[]
        {
            // Sizes and counts are ints in Sluice's queues.
            new ParamDef(Size, ParamType.Size) { Min = 1, Max = int.MaxValue },
            new ParamDef(DequeueBatchSize, ParamType.Integer) { Min = 1, Max = int.MaxValue },
            new ParamDef(WorkerThreads, ParamType.Integer) { Min = 1, Max = int.MaxValue },
            new ParamDef(WorkerThreadMinimumMessages, ParamType.Integer) { Min = -1, Max = int.MaxValue },
            new ParamDef(TimeoutEnqueue, ParamType.Integer) { Min = 0, Max = int.MaxValue },
            new ParamDef(LightDelayMark, ParamType.Integer) { Min = -1, Max = int.MaxValue },
            new ParamDef(DiscardMark, ParamType.Integer) { Min = -1, Max = int.MaxValue },
            // A severity number; 8 discards nothing.
            new ParamDef(DiscardSeverity, ParamType.Integer) { Min = 0, Max = 8 },
            new ParamDef(HighWatermark, ParamType.Integer) { Min = -1, Max = int.MaxValue },
            new ParamDef(LowWatermark, ParamType.Integer) { Min = -1, Max = int.MaxValue },
            new ParamDef(TimeoutShutdown, ParamType.Integer) { Min = 0, Max = int.MaxValue },
            new ParamDef(TimeoutActionCompletion, ParamType.Integer) { Min = 0, Max = int.MaxValue },
            new ParamDef(SaveOnShutdown, ParamType.Binary),
        };
        foreach (var def in typed) yield return forAction ? def with { NotSupported = true } : def;
        foreach (var name in NotSupportedNames) yield return new ParamDef(name, ParamType.String) { NotSupported = true };
    }
}
