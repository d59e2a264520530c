using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Serialization;
using Sluice.Engine.Queues.Disk;
using Sluice.Engine.Stats;

namespace Sluice.Engine.Queues;

/// <summary>What building a queue needs from the engine (the disk part reads messages back into the pool).</summary>
public sealed record QueueEnvironment(string? WorkDirectory, MessagePool Pool, MessageReadContext ReadContext, StatsRegistry Stats, IInternalLog Log);

/// <summary>Makes a queue of the configured type, opening (and recovering) its disk part when it has one.</summary>
public static class QueueFactory
{
    public static MessageQueue Create(string name, QueueSettings settings, QueueEnvironment env)
    {
        if (!settings.UsesDisk) return new MessageQueue(name, settings, env.Stats, env.Log);
        var store = OpenStore(name, settings, env);
        if (store is null)
        {
            // rsyslog's words (queue.c StartDA): the queue goes on in memory.
            env.Log.Error($"{name}: error starting up disk queue, using pure in-memory mode");
            return new MessageQueue(name, settings with { FileName = null }, env.Stats, env.Log);
        }
        return new MessageQueue(name, settings, env.Stats, env.Log, store);
    }

    /// <summary>Null when a disk-assisted queue cannot open its disk part; a Disk queue that cannot is an error.</summary>
    private static DiskMessageStore? OpenStore(string name, QueueSettings settings, QueueEnvironment env)
    {
        string? directory = settings.SpoolDirectory ?? env.WorkDirectory;
        string problem;
        if (string.IsNullOrEmpty(directory)) problem = "file prefix (work directory?) is missing";
        else
        {
            var options = new DiskQueueOptions
            {
                Directory = directory,
                FileName = settings.FileName!,
                QueueName = settings.IsDiskAssisted ? name + "[DA]" : name,
                MaxFileSize = settings.MaxFileSize,
                MaxDiskSpace = settings.MaxDiskSpace,
                CheckpointInterval = settings.CheckpointInterval,
                SyncQueueFiles = settings.SyncQueueFiles,
                Log = env.Log,
            };
            try
            {
                return DiskMessageStore.Open(options, env.Pool, env.ReadContext);
            }
            catch (DiskQueueException e)
            {
                problem = e.Message;
            }
        }
        if (settings.Type == QueueType.Disk)
            throw new DiskQueueException($"{name}: error starting up disk queue: {problem}");
        env.Log.Error($"{name}: error creating disk queue - giving up: {problem}");
        return null;
    }
}
