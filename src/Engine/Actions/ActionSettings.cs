using Sluice.Engine.Queues;

namespace Sluice.Engine.Actions;

/// <summary>
/// An action's own parameters (action.* in action()), with rsyslog's defaults (runtime/action.c
/// actionConstruct), and its queue (queue.* in action(); Direct unless configured otherwise).
/// </summary>
public sealed record ActionSettings
{
    /// <summary>action.resumeInterval (seconds): the sleep between retries and the base of the suspension backoff.</summary>
    public int ResumeInterval { get; init; } = 30;
    /// <summary>action.resumeIntervalMax (seconds): cap of the suspension duration.</summary>
    public int ResumeIntervalMax { get; init; } = 1800;
    /// <summary>action.resumeRetryCount: retries before the action is suspended; -1 = retry forever.</summary>
    public int ResumeRetryCount { get; init; }
    /// <summary>action.reportSuspension; null = the global setting (on).</summary>
    public bool? ReportSuspension { get; init; }
    /// <summary>action.reportSuspensionContinuation; null = the global setting (off).</summary>
    public bool? ReportSuspensionContinuation { get; init; }
    /// <summary>action.execOnlyWhenPreviousIsSuspended: a backup action, run only while the previous one is suspended.</summary>
    public bool ExecOnlyWhenPreviousIsSuspended { get; init; }
    /// <summary>action.errorfile: messages the action finally could not deliver, one JSON object per line.</summary>
    public string? ErrorFile { get; init; }
    /// <summary>action.errorfile.maxsize (bytes, 0 = unlimited): the error file is not written beyond it.</summary>
    public long ErrorFileMaxSize { get; init; }
    /// <summary>action.execOnlyEveryNthTime: run only on every Nth message (0 or 1 = every message).</summary>
    public int ExecOnlyEveryNthTime { get; init; }
    /// <summary>action.execOnlyEveryNthTimeTimeout (seconds, 0 = none): after this long the count starts over.</summary>
    public int ExecOnlyEveryNthTimeTimeout { get; init; }
    /// <summary>action.execOnlyOnceEveryInterval (seconds, 0 = off): run at most once per interval; the rest is skipped.</summary>
    public int ExecOnlyOnceEveryInterval { get; init; }
    /// <summary>
    /// action.copyMsg: a queued action gets its own copy of the message, so statements after it (set, unset,
    /// mm* modules) do not change what it renders later. Off: it shares the message, as rsyslog by default.
    /// </summary>
    public bool CopyMsg { get; init; }
    public QueueSettings Queue { get; init; } = QueueSettings.ActionQueue;

    /// <summary>Whether the action filters by occurrence or time (rsyslog's "complex" submission path, under a lock).</summary>
    public bool HasExecutionFilter => ExecOnlyEveryNthTime > 1 || ExecOnlyOnceEveryInterval > 0;

    /// <summary>No queue: the action runs on the caller's worker, and its result is visible to the next action.</summary>
    public bool IsDirect => Queue.Type == QueueType.Direct;

    /// <summary>rsyslog's global defaults (rsconf.c): reportSuspension on, reportSuspensionContinuation off.</summary>
    public bool EffectiveReportSuspension => ReportSuspension ?? true;
    public bool EffectiveReportSuspensionContinuation => ReportSuspensionContinuation ?? false;
}
