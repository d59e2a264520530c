using Sluice.Engine.Actions;
using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Objects;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Queues;

namespace Sluice.Engine.Runtime;

public sealed partial class PlanBuilder
{
    /// <summary>
    /// The legacy $Action… directives (rsyslog runtime/action.c actionClassInit, tools/rsyslogd.c for
    /// $ActionResumeInterval). They set up the next legacy selector action, never action() objects. As in rsyslog,
    /// the queue settings, $ActionResumeRetryCount, $ActionExecOnlyEveryNthTime(Timeout) and $ActionName go back
    /// to their defaults after every action, while $ActionResumeInterval, $ActionExecOnlyWhenPreviousIsSuspended and
    /// $ActionExecOnlyOnceEveryInterval stay until changed (the latter two also by $ResetConfigVariables).
    /// </summary>
    private static readonly Dictionary<string, ParamDef> ActionDirectives = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ActionName"] = new("ActionName", ParamType.String),
        ["ActionResumeInterval"] = new("ActionResumeInterval", ParamType.Integer) { Min = 0, Max = int.MaxValue / 1000 },
        ["ActionResumeRetryCount"] = new("ActionResumeRetryCount", ParamType.Integer) { Min = -1, Max = int.MaxValue },
        ["ActionExecOnlyWhenPreviousIsSuspended"] = new("ActionExecOnlyWhenPreviousIsSuspended", ParamType.Binary),
        ["ActionExecOnlyEveryNthTime"] = new("ActionExecOnlyEveryNthTime", ParamType.Integer) { Min = 0, Max = int.MaxValue },
        ["ActionExecOnlyEveryNthTimeTimeout"] = new("ActionExecOnlyEveryNthTimeTimeout", ParamType.Integer) { Min = 0, Max = int.MaxValue },
        ["ActionExecOnlyOnceEveryInterval"] = new("ActionExecOnlyOnceEveryInterval", ParamType.Integer) { Min = 0, Max = int.MaxValue },
        ["ActionQueueType"] = new("ActionQueueType", ParamType.Choice) { Allowed = QueueParams.TypeNames },
        ["ActionQueueSize"] = new("ActionQueueSize", ParamType.Integer) { Min = 1, Max = int.MaxValue },
        ["ActionQueueDequeueBatchSize"] = new("ActionQueueDequeueBatchSize", ParamType.Integer) { Min = 1, Max = int.MaxValue },
        ["ActionQueueWorkerThreads"] = new("ActionQueueWorkerThreads", ParamType.Integer) { Min = 1, Max = int.MaxValue },
        ["ActionQueueWorkerThreadMinimumMessages"] = new("ActionQueueWorkerThreadMinimumMessages", ParamType.Integer) { Min = -1, Max = int.MaxValue },
        ["ActionQueueHighWaterMark"] = new("ActionQueueHighWaterMark", ParamType.Integer) { Min = -1, Max = int.MaxValue },
        ["ActionQueueLowWaterMark"] = new("ActionQueueLowWaterMark", ParamType.Integer) { Min = -1, Max = int.MaxValue },
        ["ActionQueueDiscardMark"] = new("ActionQueueDiscardMark", ParamType.Integer) { Min = -1, Max = int.MaxValue },
        ["ActionQueueDiscardSeverity"] = new("ActionQueueDiscardSeverity", ParamType.Integer) { Min = 0, Max = 8 },
        ["ActionQueueTimeoutShutdown"] = new("ActionQueueTimeoutShutdown", ParamType.Integer) { Min = 0, Max = int.MaxValue },
        ["ActionQueueTimeoutActionCompletion"] = new("ActionQueueTimeoutActionCompletion", ParamType.Integer) { Min = 0, Max = int.MaxValue },
        ["ActionQueueWorkerTimeoutThreadShutdown"] = new("ActionQueueWorkerTimeoutThreadShutdown", ParamType.Integer) { Min = -1, Max = int.MaxValue },
        ["ActionQueueTimeoutEnqueue"] = new("ActionQueueTimeoutEnqueue", ParamType.Integer) { Min = 0, Max = int.MaxValue },
        ["ActionQueueSaveOnShutdown"] = new("ActionQueueSaveOnShutdown", ParamType.Binary),
        ["ActionQueueDequeueSlowdown"] = new("ActionQueueDequeueSlowdown", ParamType.Integer) { Min = 0, Max = int.MaxValue },
        ["ActionQueueDequeueTimeBegin"] = new("ActionQueueDequeueTimeBegin", ParamType.Integer) { Min = 0, Max = 24 },
        ["ActionQueueDequeueTimeEnd"] = new("ActionQueueDequeueTimeEnd", ParamType.Integer) { Min = 0, Max = 25 },
        ["ActionQueueFileName"] = new("ActionQueueFileName", ParamType.String),
        ["ActionQueueSpoolDirectory"] = new("ActionQueueSpoolDirectory", ParamType.String),
        ["ActionQueueMaxDiskSpace"] = new("ActionQueueMaxDiskSpace", ParamType.Size) { Min = 0, Max = long.MaxValue },
        ["ActionQueueMaxFileSize"] = new("ActionQueueMaxFileSize", ParamType.Size) { Min = 1, Max = QueueParams.MaxFileSizeLimit },
        ["ActionQueueCheckpointInterval"] = new("ActionQueueCheckpointInterval", ParamType.Integer) { Min = 0, Max = int.MaxValue },
        ["ActionQueueSyncQueueFiles"] = new("ActionQueueSyncQueueFiles", ParamType.Binary),
    };

    /// <summary>$Action… directives rsyslog has that Sluice does not implement yet (the rarer action options).</summary>
    private static readonly HashSet<string> NotSupportedActionDirectives = new(StringComparer.OrdinalIgnoreCase)
    {
        "ActionWriteAllMarkMessages",
    };

    /// <summary>What the $Action… directives have set up for the next legacy action.</summary>
    private sealed record LegacyActionSetup(ActionSettings Settings, string? Name)
    {
        public static LegacyActionSetup Initial => new(new ActionSettings { Queue = QueueSettings.LegacyActionQueue }, null);

        /// <summary>rsyslog's actionResetQueueParams (and the auto-reset of the name) after each action.</summary>
        public LegacyActionSetup AfterAction() => new(Settings with
        {
            Queue = QueueSettings.LegacyActionQueue, ResumeRetryCount = 0, ExecOnlyEveryNthTime = 0, ExecOnlyEveryNthTimeTimeout = 0,
        }, null);
    }

    private LegacyActionSetup _legacyAction = LegacyActionSetup.Initial;

    /// <summary>Binds a $Action… directive; false when <paramref name="d"/> is not one.</summary>
    private bool TryBindActionDirective(DirectiveNode d)
    {
        if (d.Name.Equals("ResetConfigVariables", StringComparison.OrdinalIgnoreCase))
        {
            _legacyAction = _legacyAction with
            {
                Settings = _legacyAction.Settings with { ExecOnlyWhenPreviousIsSuspended = false, ExecOnlyOnceEveryInterval = 0 },
            };
            return true;
        }
        if (NotSupportedActionDirectives.Contains(d.Name))
        {
            NotSupported(d.Location, $"legacy directive '${d.Name}' is not supported yet");
            return true;
        }
        if (!ActionDirectives.TryGetValue(d.Name, out var def)) return false;
        if (!TryDirectiveValue(d, out var text, out var location)) return true;
        var value = ParamConverter.Convert(def, text, "$" + def.Name, out var error);
        if (value is null)
        {
            Error(location, error!.Replace("parameter '$", "directive '$", StringComparison.Ordinal));
            return true;
        }
        var s = _legacyAction.Settings;
        var q = s.Queue;
        int n = value is long l && l <= int.MaxValue ? (int)l : 0;
        switch (def.Name)
        {
            case "ActionName":
                _legacyAction = _legacyAction with { Name = (string)value };
                return true;
            case "ActionResumeInterval": s = s with { ResumeInterval = n }; break;
            case "ActionResumeRetryCount": s = s with { ResumeRetryCount = n }; break;
            case "ActionExecOnlyWhenPreviousIsSuspended": s = s with { ExecOnlyWhenPreviousIsSuspended = (bool)value }; break;
            case "ActionExecOnlyEveryNthTime": s = s with { ExecOnlyEveryNthTime = n }; break;
            case "ActionExecOnlyEveryNthTimeTimeout": s = s with { ExecOnlyEveryNthTimeTimeout = n }; break;
            case "ActionExecOnlyOnceEveryInterval": s = s with { ExecOnlyOnceEveryInterval = n }; break;
            case "ActionQueueType": q = q with { Type = QueueParams.ParseType((string)value) }; break;
            case "ActionQueueFileName":
                if (ValidQueueFileName((string)value, location)) q = q with { FileName = (string)value };
                break;
            case "ActionQueueSpoolDirectory": q = q with { SpoolDirectory = SpoolDirectoryValue((string)value, location) }; break;
            case "ActionQueueMaxDiskSpace": q = q with { MaxDiskSpace = (long)value }; break;
            case "ActionQueueMaxFileSize": q = q with { MaxFileSize = (long)value }; break;
            case "ActionQueueCheckpointInterval": q = q with { CheckpointInterval = n }; break;
            case "ActionQueueSyncQueueFiles": q = q with { SyncQueueFiles = (bool)value }; break;
            case "ActionQueueSize": q = q with { Size = n }; break;
            case "ActionQueueDequeueBatchSize": q = q with { DequeueBatchSize = n }; break;
            case "ActionQueueWorkerThreads": q = q with { WorkerThreads = n }; break;
            case "ActionQueueWorkerThreadMinimumMessages": q = q with { WorkerThreadMinimumMessages = n }; break;
            case "ActionQueueHighWaterMark": q = q with { HighWatermark = n }; break;
            case "ActionQueueLowWaterMark": q = q with { LowWatermark = n }; break;
            case "ActionQueueDiscardMark": q = q with { DiscardMark = n }; break;
            case "ActionQueueDiscardSeverity": q = q with { DiscardSeverity = n }; break;
            case "ActionQueueTimeoutShutdown": q = q with { TimeoutShutdown = n }; break;
            case "ActionQueueTimeoutActionCompletion": q = q with { TimeoutActionCompletion = n }; break;
            case "ActionQueueWorkerTimeoutThreadShutdown": q = q with { TimeoutWorkerThreadShutdown = n }; break;
            case "ActionQueueTimeoutEnqueue": q = q with { TimeoutEnqueue = n }; break;
            case "ActionQueueSaveOnShutdown": q = q with { SaveOnShutdown = (bool)value }; break;
            case "ActionQueueDequeueSlowdown": q = q with { DequeueSlowdown = n }; break;
            case "ActionQueueDequeueTimeBegin": q = q with { DequeueTimeBegin = n }; break;
            case "ActionQueueDequeueTimeEnd": q = q with { DequeueTimeEnd = n }; break;
        }
        _legacyAction = _legacyAction with { Settings = s with { Queue = q } };
        return true;
    }

    /// <summary>The next legacy action's settings and name; the per-action ones are reset for the one after.</summary>
    private (ActionSettings Settings, string? Name) TakeLegacyActionSetup(SourceLocation location)
    {
        var taken = _legacyAction;
        _legacyAction = taken.AfterAction();
        var settings = taken.Settings with { Queue = CheckDiskQueue(taken.Settings.Queue, location, "legacy action") };
        return (settings, taken.Name);
    }

    /// <summary>Every action, legacy or action(), resets the $ActionQueue… values (rsyslog's actionConstructFinalize).</summary>
    private void ResetLegacyActionQueueSettings() => _legacyAction = _legacyAction with
    {
        Settings = _legacyAction.Settings with { Queue = QueueSettings.LegacyActionQueue, ResumeRetryCount = 0 },
    };
}
