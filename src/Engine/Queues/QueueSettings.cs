namespace Sluice.Engine.Queues;

public enum QueueType { Direct, FixedArray, LinkedList, Disk }

/// <summary>
/// A queue's parameters with rsyslog's names. The three default sets differ (rsyslog's queue.c/rsconf.c):
/// the legacy main queue (no main_queue() statement), main_queue()/ruleset queues, and action queues.
/// </summary>
public sealed record QueueSettings
{
    public QueueType Type { get; init; } = QueueType.FixedArray;
    public int Size { get; init; } = 100000;
    public int DequeueBatchSize { get; init; } = 256;
    public int WorkerThreads { get; init; } = 2;
    /// <summary>Backlog per running worker before another worker is started.</summary>
    public int WorkerThreadMinimumMessages { get; init; } = 40000;
    /// <summary>-1 = derived: 70% of size (rsyslog lightDelayMark); 0 = size (light delay off).</summary>
    public int LightDelayMark { get; init; } = -1;
    /// <summary>How long a full queue blocks a producer before the message is discarded (ms).</summary>
    public int TimeoutEnqueue { get; init; } = 2000;
    public int TimeoutShutdown { get; init; } = 1500;
    public int TimeoutActionCompletion { get; init; } = 1000;
    public int HighWatermark { get; init; } = 80000;
    public int LowWatermark { get; init; } = 20000;
    /// <summary>-1 = derived: 98% of size.</summary>
    public int DiscardMark { get; init; } = -1;
    /// <summary>8 = off.</summary>
    public int DiscardSeverity { get; init; } = 8;
    public bool SaveOnShutdown { get; init; } = true;
    public string? FileName { get; init; }

    /// <summary>The main queue when the config has no main_queue() statement.</summary>
    public static QueueSettings LegacyMainQueue => new();

    /// <summary>main_queue() and ruleset queues: rsyslog's qqueueSetDefaultsRulesetQueue.</summary>
    public static QueueSettings RulesetQueue => new()
    {
        Size = 50000, DequeueBatchSize = 1024, WorkerThreads = 1, WorkerThreadMinimumMessages = -1,
        HighWatermark = -1, LowWatermark = -1,
    };

    public int EffectiveLightDelayMark => LightDelayMark switch
    {
        < 0 => Size / 100 * 70,
        0 => Size,
        var v => Math.Min(v, Size),
    };

    public int EffectiveDiscardMark => DiscardMark < 1 || DiscardMark > Size ? Size / 100 * 98 : DiscardMark;

    public int EffectiveWorkerThreadMinimumMessages
        => WorkerThreadMinimumMessages > 0 ? WorkerThreadMinimumMessages : Math.Max(1, Size / Math.Max(1, WorkerThreads));
}
