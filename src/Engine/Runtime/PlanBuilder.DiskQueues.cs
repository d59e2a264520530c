using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Objects;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Queues;

namespace Sluice.Engine.Runtime;

// The disk side of queue binding: queue.filename / queue.spoolDirectory checks and the legacy $MainMsgQueue… directives.
public sealed partial class PlanBuilder
{
    /// <summary>$MainMsgQueue… directives (rsyslog tools/rsyslogd.c, runtime/rsconf.c) and the queue.* parameter each sets.</summary>
    private static readonly Dictionary<string, string> MainQueueDirectives = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MainMsgQueueType"] = QueueParams.Type,
        ["MainMsgQueueSize"] = QueueParams.Size,
        ["MainMsgQueueFileName"] = QueueParams.FileName,
        ["MainMsgQueueMaxFileSize"] = QueueParams.MaxFileSize,
        ["MainMsgQueueMaxDiskSpace"] = QueueParams.MaxDiskSpace,
        ["MainMsgQueueCheckpointInterval"] = QueueParams.CheckpointInterval,
        ["MainMsgQueueSyncQueueFiles"] = QueueParams.SyncQueueFiles,
        ["MainMsgQueueHighWaterMark"] = QueueParams.HighWatermark,
        ["MainMsgQueueLowWaterMark"] = QueueParams.LowWatermark,
        ["MainMsgQueueDiscardMark"] = QueueParams.DiscardMark,
        ["MainMsgQueueDiscardSeverity"] = QueueParams.DiscardSeverity,
        ["MainMsgQueueWorkerThreads"] = QueueParams.WorkerThreads,
        ["MainMsgQueueWorkerThreadMinimumMessages"] = QueueParams.WorkerThreadMinimumMessages,
        ["MainMsgQueueTimeoutShutdown"] = QueueParams.TimeoutShutdown,
        ["MainMsgQueueTimeoutActionCompletion"] = QueueParams.TimeoutActionCompletion,
        ["MainMsgQueueTimeoutEnqueue"] = QueueParams.TimeoutEnqueue,
        ["MainMsgQueueDequeueBatchSize"] = QueueParams.DequeueBatchSize,
        ["MainMsgQueueSaveOnShutdown"] = QueueParams.SaveOnShutdown,
        ["MainMsgQueueDequeueSlowdown"] = QueueParams.DequeueSlowdown,
        ["MainMsgQueueDequeueTimeBegin"] = QueueParams.DequeueTimeBegin,
        ["MainMsgQueueDequeueTimeEnd"] = QueueParams.DequeueTimeEnd,
        ["MainMsgQueueWorkerTimeoutThreadShutdown"] = QueueParams.TimeoutWorkerThreadShutdown,
    };

    /// <summary>Where the last $MainMsgQueue… directive was (for errors about the main queue they set up).</summary>
    private SourceLocation _mainQueueDirectiveLocation;

    /// <summary>$MainMsgQueue… directives are bound with the main queue, before everything else.</summary>
    private static bool IsMainQueueDirective(DirectiveNode d) => MainQueueDirectives.ContainsKey(d.Name);

    /// <summary>
    /// The $MainMsgQueue… directives of the whole file, in order, applied over <paramref name="q"/> (rsyslog creates
    /// the main queue after reading the config, so their position does not matter).
    /// </summary>
    /// <param name="stopAt">Only the directives before this one ($RulesetCreateMainQueue copies the values set so far).</param>
    private QueueSettings ApplyMainQueueDirectives(ConfigDocument document, QueueSettings q, DirectiveNode? stopAt = null)
    {
        foreach (var item in document.Items)
        {
            if (ReferenceEquals(item, stopAt)) break;
            if (item is not DirectiveNode d || !MainQueueDirectives.TryGetValue(d.Name, out var paramName)) continue;
            _mainQueueDirectiveLocation = d.Location;
            var def = QueueParams.MainQueueSchema.Find(paramName)!;
            if (def.NotSupported)
            {
                NotSupported(d.Location, $"legacy directive '${d.Name}' is not supported yet");
                continue;
            }
            if (!TryDirectiveValue(d, out var text, out var location)) continue;
            var value = ParamConverter.Convert(def, text, "$" + d.Name, out var error);
            if (value is null)
            {
                Error(location, error!.Replace("parameter '$", "directive '$", StringComparison.Ordinal));
                continue;
            }
            var set = new ParamSet(QueueParams.MainQueueSchema, d.Location);
            set.Set(paramName, value, location);
            q = ApplyQueue(q, set, "$" + d.Name);
        }
        return q;
    }

    /// <summary>With a main_queue() object every $MainMsgQueue… directive has no effect (as in rsyslogd): one warning each.</summary>
    private void WarnMainQueueDirectivesIgnored(ConfigDocument document, SourceLocation mainQueue)
    {
        foreach (var item in document.Items)
        {
            if (item is not DirectiveNode d || !MainQueueDirectives.ContainsKey(d.Name)) continue;
            _services.Log.Log(Diagnostics.LogLevel.Warning,
                $"{d.Location}: ${d.Name} has no effect: main_queue() at {mainQueue} sets up the main queue (rsyslogd ignores the $MainMsgQueue… directives then too)");
        }
    }

    /// <summary>queue.filename is a file name in the spool directory, never a path (rsyslog refuses '/').</summary>
    private bool ValidQueueFileName(string name, SourceLocation location)
    {
        if (name.Length == 0 || name.Contains('/') || name is "." or "..")
        {
            Error(location, $"queue.filename \"{name}\" must be a file name, not a path: the files go to queue.spoolDirectory or the global workDirectory");
            return false;
        }
        return true;
    }

    /// <summary>rsyslog strips a trailing '/' from queue.spoolDirectory, with a message.</summary>
    private string SpoolDirectoryValue(string dir, SourceLocation location)
    {
        if (dir.Length > 1 && dir.EndsWith('/'))
        {
            _services.Log.Warning($"{location}: queue.spoolDirectory \"{dir}\" ends with '/': the '/' is removed");
            dir = dir.TrimEnd('/');
            if (dir.Length == 0) dir = "/";
        }
        return dir;
    }

    /// <summary>
    /// rsyslog's checks of a disk queue's setup: Disk without queue.filename becomes LinkedList (with rsyslog's
    /// warning); a Disk queue with neither queue.spoolDirectory nor a global workDirectory cannot start (rsyslog:
    /// "file prefix (work directory?) is missing", an error here so that -N1 finds it). A disk-assisted queue in
    /// that case runs in memory, with rsyslog's error at start (QueueFactory).
    /// </summary>
    private QueueSettings CheckDiskQueue(QueueSettings q, SourceLocation location, string owner)
    {
        if (q.Type == QueueType.Disk && q.FileName is null)
        {
            _services.Log.Warning($"error on queue '{owner}', disk mode selected, but no queue file name given; queue type changed to 'linkedList'");
            q = q with { Type = QueueType.LinkedList };
        }
        if (q.Type == QueueType.Disk && q.SpoolDirectory is null && string.IsNullOrEmpty(_services.Globals.WorkDirectory))
            Error(location, $"{owner}: queue.type \"Disk\" needs a directory for its files: file prefix (work directory?) is missing - set global(workDirectory=\"...\") or queue.spoolDirectory");
        return q;
    }
}
