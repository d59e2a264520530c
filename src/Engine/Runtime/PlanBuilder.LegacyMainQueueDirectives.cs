using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Queues;

namespace Sluice.Engine.Runtime;

public sealed partial class PlanBuilder
{
    /// <summary>
    /// The $MainMsgQueue… directives (rsyslogd 8.2302 tools/rsyslogd.c createMainQueue). They are global: the main
    /// queue is created after the whole config is read, so the last value of each wins wherever it stands — except
    /// for "$RulesetCreateMainQueue on", which copies the values set so far. When a main_queue() object exists,
    /// rsyslogd starts that queue from the ruleset-queue defaults and ignores every $MainMsgQueue… value; Sluice does
    /// the same and says so in a warning rather than ignoring them silently.
    /// </summary>
    private static readonly HashSet<string> NotSupportedMainQueueDirectives = new(StringComparer.OrdinalIgnoreCase)
    {
        "MainMsgQueueFileName", "MainMsgQueueMaxDiskSpace", "MainMsgQueueMaxFileSize", "MainMsgQueueCheckpointInterval",
        "MainMsgQueueSyncQueueFiles", "MainMsgQueueWorkerTimeoutThreadShutdown",
    };

    private const string MainQueuePrefix = "MainMsgQueue";

    /// <summary>Every $MainMsgQueue… name rsyslogd knows (for "did you mean").</summary>
    private static IEnumerable<string> MainQueueDirectiveNames => ActionDirectives.Keys
        .Where(k => k.StartsWith("ActionQueue", StringComparison.Ordinal))
        .Select(k => MainQueuePrefix + k["ActionQueue".Length..])
        .Concat(NotSupportedMainQueueDirectives);

    private QueueSettings _legacyMainQueue = QueueSettings.LegacyMainQueue;
    private ObjectNode? _mainQueueObject;

    private void PrepareLegacyMainQueue(ConfigDocument document)
    {
        _legacyMainQueue = QueueSettings.LegacyMainQueue;
        _mainQueueObject = null;
        foreach (var item in document.Items)
        {
            if (item is not ObjectNode { Kind: ObjectKind.MainQueue } o) continue;
            _mainQueueObject = o;
            break;
        }
    }

    /// <summary>Binds a $MainMsgQueue… directive; false when <paramref name="d"/> is not one.</summary>
    private bool TryBindMainQueueDirective(DirectiveNode d)
    {
        if (!d.Name.StartsWith(MainQueuePrefix, StringComparison.OrdinalIgnoreCase)) return false;
        if (NotSupportedMainQueueDirectives.Contains(d.Name))
        {
            NotSupported(d.Location, $"legacy directive '${d.Name}' is not supported yet");
            return true;
        }
        // Same names, types and ranges as the $ActionQueue… directive with the same suffix.
        string suffix = d.Name[MainQueuePrefix.Length..];
        if (!ActionDirectives.TryGetValue("ActionQueue" + suffix, out var actionDef)) return false;
        string name = MainQueuePrefix + actionDef.Name["ActionQueue".Length..];
        var def = actionDef with { Name = name };
        if (!TryDirectiveValue(d, out var text, out var location)) return true;
        var value = ParamConverter.Convert(def, text, "$" + name, out var error);
        if (value is null)
        {
            Error(location, error!.Replace("parameter '$", "directive '$", StringComparison.Ordinal));
            return true;
        }
        if (_mainQueueObject is not null)
        {
            _services.Log.Log(Diagnostics.LogLevel.Warning,
                $"{d.Location}: ${name} has no effect: main_queue() at {_mainQueueObject.Location} sets up the main queue (rsyslogd ignores the $MainMsgQueue… directives then too)");
            return true;
        }
        var q = _legacyMainQueue;
        int n = value is long l ? checked((int)l) : 0;
        switch (suffix.ToLowerInvariant())
        {
            case "type":
                if ((string)value == "Disk")
                {
                    Error(location, "queue.type \"Disk\" ($MainMsgQueueType Disk) is not supported by Sluice yet");
                    return true;
                }
                q = q with { Type = (string)value == "Direct" ? QueueType.Direct : (string)value == "LinkedList" ? QueueType.LinkedList : QueueType.FixedArray };
                break;
            case "size": q = q with { Size = n }; break;
            case "dequeuebatchsize": q = q with { DequeueBatchSize = n }; break;
            case "workerthreads": q = q with { WorkerThreads = n }; break;
            case "workerthreadminimummessages": q = q with { WorkerThreadMinimumMessages = n }; break;
            case "highwatermark": q = q with { HighWatermark = n }; break;
            case "lowwatermark": q = q with { LowWatermark = n }; break;
            case "discardmark": q = q with { DiscardMark = n }; break;
            case "discardseverity": q = q with { DiscardSeverity = n }; break;
            case "timeoutshutdown": q = q with { TimeoutShutdown = n }; break;
            case "timeoutactioncompletion": q = q with { TimeoutActionCompletion = n }; break;
            case "timeoutenqueue": q = q with { TimeoutEnqueue = n }; break;
            case "saveonshutdown": q = q with { SaveOnShutdown = (bool)value }; break;
            case "dequeueslowdown": q = q with { DequeueSlowdown = n }; break;
            case "dequeuetimebegin": q = q with { DequeueTimeBegin = n }; break;
            case "dequeuetimeend": q = q with { DequeueTimeEnd = n }; break;
            default: return false;
        }
        _legacyMainQueue = q;
        _plan.MainQueue = q;
        return true;
    }

    /// <summary>After the whole config: the warnings rsyslogd gives for implausible legacy main-queue values.</summary>
    private void FinishLegacyMainQueue()
    {
        if (_mainQueueObject is not null || _legacyMainQueue == QueueSettings.LegacyMainQueue) return;
        var warnings = new List<string>();
        _legacyMainQueue.Corrected("main Q", warnings);
        foreach (var w in warnings) _services.Log.Log(Diagnostics.LogLevel.Warning, w);
    }
}
