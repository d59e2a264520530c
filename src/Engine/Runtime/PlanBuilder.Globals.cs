using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Objects;
using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Runtime;

public sealed partial class PlanBuilder
{
    /// <summary>The legacy $-directives that set the same things as global() parameters.</summary>
    private static readonly Dictionary<string, string> GlobalDirectives = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WorkDirectory"] = GlobalParams.WorkDirectory,
        ["MaxMessageSize"] = GlobalParams.MaxMessageSize,
        ["LocalHostName"] = GlobalParams.LocalHostname,
        ["PreserveFQDN"] = GlobalParams.PreserveFqdn,
        ["EscapeControlCharactersOnReceive"] = GlobalParams.EscapeControlCharactersOnReceive,
        ["ControlCharacterEscapePrefix"] = GlobalParams.ControlCharacterEscapePrefix,
        ["EscapeControlCharacterTab"] = GlobalParams.EscapeControlCharacterTab,
        ["DropTrailingLFOnReception"] = GlobalParams.DropTrailingLFOnReception,
        ["Escape8BitCharactersOnReceive"] = GlobalParams.Escape8BitCharactersOnReceive,
        ["SpaceLFOnReceive"] = GlobalParams.SpaceLFOnReceive,
    };

    /// <summary>global() objects and global $-directives, in file order (a later value wins).</summary>
    private GlobalSettings BindGlobals(ConfigDocument document)
    {
        var globals = new GlobalSettings();
        foreach (var item in document.Items)
        {
            if (item is ObjectNode { Kind: ObjectKind.Global } o)
            {
                var set = ParamBinder.Bind(GlobalParams.Schema, o.Parameters, o.Location, "global()", _errors);
                foreach (var name in set.SetNames.ToList())
                    globals = ApplyGlobal(globals, name, set, set.LocationOf(name));
            }
            else if (item is DirectiveNode d && GlobalDirectives.TryGetValue(d.Name, out var paramName))
            {
                var def = GlobalParams.Schema.Find(paramName)!;
                if (!TryDirectiveValue(d, out var text, out var location)) continue;
                var value = ParamConverter.Convert(def, text, "$" + d.Name, out var error);
                if (value is null)
                {
                    Error(location, error!.Replace("parameter '$", "directive '$", StringComparison.Ordinal));
                    continue;
                }
                var set = new ParamSet(GlobalParams.Schema, d.Location);
                set.Set(paramName, value, location);
                globals = ApplyGlobal(globals, paramName, set, location);
            }
        }
        return globals;
    }

    private GlobalSettings ApplyGlobal(GlobalSettings g, string name, ParamSet set, SourceLocation location)
    {
        switch (name)
        {
            case GlobalParams.WorkDirectory:
                // rsyslog (glbl.c setWorkDir) strips trailing slashes. Whether the directory exists is
                // checked where it is used (disk queues).
                string dir = set.GetString(name)!;
                if (dir.Length == 0)
                {
                    Error(location, "workDirectory must not be empty");
                    return g;
                }
                string trimmed = dir.TrimEnd('/');
                return g with { WorkDirectory = trimmed.Length == 0 ? "/" : trimmed };
            case GlobalParams.LocalHostname:
                string host = set.GetString(name)!;
                if (host.Length == 0 || host.Any(char.IsWhiteSpace))
                {
                    Error(location, $"localHostname must be one word without white space, not \"{host}\"");
                    return g;
                }
                return g with { LocalHostName = host };
            case GlobalParams.MaxMessageSize:
                return g with { MaxMessageSize = set.GetInt(name) };
            case GlobalParams.PreserveFqdn:
                return g with { PreserveFqdn = set.GetBool(name) };
            case GlobalParams.EnableDns:
                return g with { EnableDns = set.GetBool(name) };
            case GlobalParams.PermitSlashInProgramName:
                return g with { PermitSlashInProgramName = set.GetBool(name) };
            case GlobalParams.EscapeControlCharactersOnReceive:
                return g with { EscapeControlCharactersOnReceive = set.GetBool(name) };
            case GlobalParams.EscapeControlCharacterTab:
                return g with { EscapeControlCharacterTab = set.GetBool(name) };
            case GlobalParams.ControlCharacterEscapePrefix:
                return g with { ControlCharacterEscapePrefix = (byte)set.GetLong(name) };
            case GlobalParams.Escape8BitCharactersOnReceive:
                return g with { Escape8BitCharactersOnReceive = set.GetBool(name) };
            case GlobalParams.DropTrailingLFOnReception:
                return g with { DropTrailingLFOnReception = set.GetBool(name) };
            case GlobalParams.SpaceLFOnReceive:
                return g with { SpaceLFOnReceive = set.GetBool(name) };
            case GlobalParams.EscapeControlCharactersCStyle:
                return g with { EscapeControlCharactersCStyle = set.GetBool(name) };
            case GlobalParams.Umask:
                return g with { Umask = set.GetInt(name) };
            default:
                Error(location, $"global(): parameter '{name}' is not handled");
                return g;
        }
    }

    /// <summary>
    /// main_queue(): starts from the ruleset-queue defaults, not from the legacy main-queue ones — rsyslog's
    /// trap (tools/rsyslogd.c createMainQueue): 50000 elements, 1 worker, batches of 1024 as soon as the
    /// object is present, 100000 / 2 / 256 without it.
    /// </summary>
    private Queues.QueueSettings BindMainQueue(ConfigDocument document)
    {
        Queues.QueueSettings? queue = null;
        SourceLocation first = default;
        foreach (var item in document.Items)
        {
            if (item is not ObjectNode { Kind: ObjectKind.MainQueue } o) continue;
            if (queue is not null)
            {
                Error(o.Location, $"main_queue() can be given only once (the first one is at {first})");
                continue;
            }
            first = o.Location;
            var set = ParamBinder.Bind(QueueParams.MainQueueSchema, o.Parameters, o.Location, "main_queue()", _errors);
            // rsyslogd 8.2302 then starts from the ruleset-queue defaults and ignores every $MainMsgQueue… value;
            // so does Sluice, saying so instead of ignoring them silently.
            WarnMainQueueDirectivesIgnored(document, o.Location);
            queue = ApplyQueue(Queues.QueueSettings.RulesetQueue, set, "main_queue()");
            queue = CheckDiskQueue(queue, set.LocationOf(QueueParams.Type), "main_queue()");
            // rsyslog checks the values (qqueueCorrectParams) and warns about implausible ones.
            var warnings = new List<string>();
            queue.Corrected("main Q", warnings);
            foreach (var w in warnings) _services.Log.Log(Diagnostics.LogLevel.Warning, w);
        }
        if (queue is not null) return queue;
        var legacy = ApplyMainQueueDirectives(document, Queues.QueueSettings.LegacyMainQueue);
        if (legacy != Queues.QueueSettings.LegacyMainQueue)
        {
            var warnings = new List<string>();
            legacy.Corrected("main Q", warnings);
            foreach (var w in warnings) _services.Log.Log(Diagnostics.LogLevel.Warning, w);
        }
        return CheckDiskQueue(legacy, _mainQueueDirectiveLocation, "$MainMsgQueue");
    }

    /// <summary>The queue.* parameters of <paramref name="set"/> applied over <paramref name="q"/> (other names are skipped).</summary>
    private Queues.QueueSettings ApplyQueue(Queues.QueueSettings q, ParamSet set, string owner)
    {
        foreach (var name in set.SetNames.ToList())
        {
            if (!QueueParams.IsQueueParam(name)) continue;
            switch (set.Schema.Find(name)!.Name)
            {
                case QueueParams.Type: q = q with { Type = QueueParams.ParseType(set.GetString(name)!) }; break;
                case QueueParams.FileName:
                    if (ValidQueueFileName(set.GetString(name)!, set.LocationOf(name))) q = q with { FileName = set.GetString(name) };
                    break;
                case QueueParams.SpoolDirectory:
                    q = q with { SpoolDirectory = SpoolDirectoryValue(set.GetString(name)!, set.LocationOf(name)) };
                    break;
                case QueueParams.MaxDiskSpace: q = q with { MaxDiskSpace = set.GetLong(name) }; break;
                case QueueParams.MaxFileSize: q = q with { MaxFileSize = set.GetLong(name) }; break;
                case QueueParams.CheckpointInterval: q = q with { CheckpointInterval = set.GetInt(name) }; break;
                case QueueParams.SyncQueueFiles: q = q with { SyncQueueFiles = set.GetBool(name) }; break;
                case QueueParams.Size: q = q with { Size = set.GetInt(name) }; break;
                case QueueParams.DequeueBatchSize: q = q with { DequeueBatchSize = set.GetInt(name) }; break;
                case QueueParams.MinDequeueBatchSize: q = q with { MinDequeueBatchSize = set.GetInt(name) }; break;
                case QueueParams.MinDequeueBatchSizeTimeout: q = q with { MinDequeueBatchSizeTimeout = set.GetInt(name) }; break;
                case QueueParams.WorkerThreads: q = q with { WorkerThreads = set.GetInt(name) }; break;
                case QueueParams.WorkerThreadMinimumMessages: q = q with { WorkerThreadMinimumMessages = set.GetInt(name) }; break;
                case QueueParams.TimeoutEnqueue: q = q with { TimeoutEnqueue = set.GetInt(name) }; break;
                case QueueParams.LightDelayMark: q = q with { LightDelayMark = set.GetInt(name) }; break;
                case QueueParams.FullDelayMark: q = q with { FullDelayMark = set.GetInt(name) }; break;
                case QueueParams.DiscardMark: q = q with { DiscardMark = set.GetInt(name) }; break;
                case QueueParams.DiscardSeverity: q = q with { DiscardSeverity = set.GetInt(name) }; break;
                case QueueParams.HighWatermark: q = q with { HighWatermark = set.GetInt(name) }; break;
                case QueueParams.LowWatermark: q = q with { LowWatermark = set.GetInt(name) }; break;
                case QueueParams.TimeoutShutdown: q = q with { TimeoutShutdown = set.GetInt(name) }; break;
                case QueueParams.TimeoutActionCompletion: q = q with { TimeoutActionCompletion = set.GetInt(name) }; break;
                case QueueParams.TimeoutWorkerThreadShutdown: q = q with { TimeoutWorkerThreadShutdown = set.GetInt(name) }; break;
                case QueueParams.SaveOnShutdown: q = q with { SaveOnShutdown = set.GetBool(name) }; break;
                case QueueParams.DequeueSlowdown: q = q with { DequeueSlowdown = set.GetInt(name) }; break;
                case QueueParams.DequeueTimeBegin: q = q with { DequeueTimeBegin = set.GetInt(name) }; break;
                case QueueParams.DequeueTimeEnd: q = q with { DequeueTimeEnd = set.GetInt(name) }; break;
                default:
                    Error(set.LocationOf(name), $"{owner}: parameter '{name}' is not handled");
                    break;
            }
        }
        return q;
    }
}
