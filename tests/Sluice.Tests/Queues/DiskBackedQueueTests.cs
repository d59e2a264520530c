using System.Text;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Serialization;
using Sluice.Engine.Queues;
using Sluice.Engine.Stats;
using Sluice.Engine.Submit;
using Sluice.Tests.Queues.Disk;

namespace Sluice.Tests.Queues;

/// <summary>MessageQueue with its disk part: Disk, disk-assisted (memory first, overflow on disk) and the crash-safe variant.</summary>
public sealed class DiskBackedQueueTests : IDisposable
{
    private readonly SpoolDir _spool = new();
    private readonly MessagePool _pool = new();

    public void Dispose() => _spool.Dispose();

    private QueueEnvironment Env(RecordingLog? log = null)
        => new(_spool.Path, _pool, new MessageReadContext(), new StatsRegistry(), log ?? _spool.Log);

    private MessageQueue Queue(QueueSettings settings, RecordingLog? log = null) => QueueFactory.Create("test queue", settings, Env(log));

    private static QueueSettings DiskAssisted => new()
    {
        Type = QueueType.LinkedList, Size = 100, HighWatermark = 50, LowWatermark = 20, FileName = "q",
        MaxFileSize = 64 * 1024, TimeoutEnqueue = 100,
    };

    private MessageBatch Batch(int from, int n, int severity = 6, int filler = 0)
    {
        var b = new MessageBatch(n);
        for (int i = 0; i < n; i++)
        {
            var m = _pool.Rent();
            m.SetRaw(Encoding.ASCII.GetBytes($"msg {from + i} " + new string('x', filler)));
            m.Pri = 8 + severity;
            b.Add(m);
        }
        return b;
    }

    private static int Number(Message m)
    {
        var s = Encoding.ASCII.GetString(m.Raw);
        return int.Parse(s.AsSpan(4, s.IndexOf(' ', 4) - 4));
    }

    /// <summary>Dequeues and acknowledges (as delivered) everything dequeuable; returns the numbers in order.</summary>
    private static List<int> DrainDelivered(MessageQueue q, int batchSize = 16)
    {
        var got = new List<int>();
        var b = new MessageBatch(batchSize);
        for (int guard = 0; guard < 100_000 && q.DequeueBatch(b, batchSize) > 0; guard++)
        {
            foreach (var m in b.AsSpan()) got.Add(Number(m));
            q.Acknowledge(b, delivered: true);
            foreach (var m in b.AsSpan()) m.Release();
            b.Clear();
        }
        return got;
    }

    [Fact]
    public void Disk_assisted_queue_spills_above_the_high_watermark_and_both_parts_are_delivered()
    {
        var q = Queue(DiskAssisted);
        q.EnqueueBatch(Batch(0, 200), FlowControl.NoDelay);
        Assert.Equal(200, q.Count);
        Assert.Equal(50, q.MemoryCount); // memory up to the high watermark, the rest on disk
        Assert.Equal(150, q.DiskCount);
        Assert.Equal(200, q.Enqueued.Value);

        var got = DrainDelivered(q);
        Assert.Equal(Enumerable.Range(0, 200), got.Order());
        Assert.Equal(0, q.Count);
        Assert.Equal(0, q.Close());
        Assert.Empty(_spool.Segments()); // an empty disk queue removes its files, as rsyslog's does
    }

    [Fact]
    public void Disk_mode_lasts_until_the_memory_part_is_down_to_the_low_watermark()
    {
        var q = Queue(DiskAssisted);
        q.EnqueueBatch(Batch(0, 60), FlowControl.NoDelay); // 50 in memory, 10 on disk: spilling
        var b = new MessageBatch(64);
        void TakeUntilMemoryAtMost(int mark)
        {
            for (int guard = 0; guard < 1000 && q.MemoryCount > mark; guard++)
            {
                q.DequeueBatch(b, 1);
                q.Acknowledge(b, delivered: true);
                foreach (var m in b.AsSpan()) m.Release();
                b.Clear();
            }
        }
        TakeUntilMemoryAtMost(25); // above the low watermark (20): still spilling
        long disk = q.DiskCount;
        int memory = q.MemoryCount;
        q.EnqueueBatch(Batch(100, 5), FlowControl.NoDelay);
        Assert.Equal(disk + 5, q.DiskCount);
        Assert.Equal(memory, q.MemoryCount);

        TakeUntilMemoryAtMost(20); // at the low watermark: memory again
        disk = q.DiskCount;
        memory = q.MemoryCount;
        q.EnqueueBatch(Batch(200, 5), FlowControl.NoDelay);
        Assert.Equal(memory + 5, q.MemoryCount);
        Assert.Equal(disk, q.DiskCount);
        DrainDelivered(q);
        q.Close();
    }

    [Fact]
    public void Disk_records_are_removed_only_after_the_batch_was_delivered()
    {
        var settings = new QueueSettings { Type = QueueType.Disk, Size = 1000, FileName = "q", MaxFileSize = 64 * 1024 };
        var q = Queue(settings);
        q.EnqueueBatch(Batch(0, 30), FlowControl.NoDelay);
        var b = new MessageBatch(10);
        Assert.Equal(10, q.DequeueBatch(b, 10));
        Assert.Equal(0, q.DequeueBatch(new MessageBatch(10), 10)); // one disk batch out at a time
        Assert.Equal(0, q.Acknowledge(b, delivered: true));
        foreach (var m in b.AsSpan()) m.Release();
        b.Clear();
        Assert.Equal(10, q.DequeueBatch(b, 10));
        Assert.Equal(10, q.Acknowledge(b, delivered: false)); // not delivered: kept on disk
        foreach (var m in b.AsSpan()) m.Release();
        b.Clear();
        Assert.Equal(0, q.Close());

        var again = Queue(settings);
        Assert.Equal(20, again.Count);
        Assert.Equal(Enumerable.Range(10, 20), DrainDelivered(again));
        again.Close();
    }

    [Fact]
    public void Save_on_shutdown_writes_the_memory_part_to_disk_and_the_next_start_delivers_it_first()
    {
        var q = Queue(DiskAssisted);
        q.EnqueueBatch(Batch(0, 30), FlowControl.NoDelay);
        Assert.Equal(0, q.DiskCount);
        Assert.Equal(0, q.Close());
        Assert.Contains("queue.saveonshutdown is set, so data will now be spooled to disk", _spool.Logged);

        var next = Queue(DiskAssisted);
        Assert.Equal(30, next.DiskCount);
        next.EnqueueBatch(Batch(100, 5), FlowControl.NoDelay); // new messages in memory
        var got = DrainDelivered(next);
        Assert.Equal(Enumerable.Range(0, 30).Concat(Enumerable.Range(100, 5)), got);
        next.Close();
    }

    [Fact]
    public void Without_save_on_shutdown_the_memory_part_is_discarded_with_a_warning_and_counted()
    {
        var log = new RecordingLog();
        var q = Queue(DiskAssisted with { SaveOnShutdown = false }, log);
        q.EnqueueBatch(Batch(0, 30), FlowControl.NoDelay);
        Assert.Equal(30, q.Close());
        Assert.True(log.Contains("queue holds 30 messages after shutdown of workers. queue.saveonshutdown is NOT set, so data will be discarded"));
        Assert.Equal(0, Queue(DiskAssisted).Count);
    }

    [Fact]
    public void Max_disk_space_makes_producers_wait_then_discards_counted_as_full()
    {
        var log = new RecordingLog();
        var settings = new QueueSettings
        {
            Type = QueueType.Disk, Size = 100000, FileName = "q", MaxFileSize = 64 * 1024, MaxDiskSpace = 128 * 1024, TimeoutEnqueue = 200,
        };
        var q = Queue(settings, log);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 10; i++) q.EnqueueBatch(Batch(i * 100, 100, filler: 200), FlowControl.NoDelay);
        Assert.True(q.DiscardedFull.Value > 0);
        Assert.True(q.Full.Value > 0);
        Assert.True(sw.ElapsedMilliseconds >= 150, "producers wait up to queue.timeoutEnqueue before discarding");
        Assert.Equal(1000, q.Count + q.DiscardedFull.Value);
        Assert.True(log.Contains("disk queue is full"));
        // Delivering frees whole segments: there is room again.
        var first = DrainDelivered(q);
        Assert.Equal(q.Enqueued.Value, first.Count);
        q.EnqueueBatch(Batch(5000, 10), FlowControl.NoDelay);
        Assert.Equal(10, q.Count);
        q.Close();
    }

    [Fact]
    public void Discard_mark_drops_by_severity_on_a_disk_queue()
    {
        var settings = new QueueSettings { Type = QueueType.Disk, Size = 100, DiscardMark = 10, DiscardSeverity = 5, FileName = "q" };
        var q = Queue(settings);
        q.EnqueueBatch(Batch(0, 20, severity: 6), FlowControl.NoDelay);
        Assert.Equal(10, q.Count);
        Assert.Equal(10, q.DiscardedNf.Value);
        q.EnqueueBatch(Batch(100, 5, severity: 3), FlowControl.NoDelay); // more important than discardSeverity: kept
        Assert.Equal(15, q.Count);
        DrainDelivered(q);
        q.Close();
    }

    [Fact]
    public void Crash_safe_disk_assisted_queue_writes_every_message_through_the_journal()
    {
        var settings = DiskAssisted with { CheckpointInterval = 1, SyncQueueFiles = true };
        var q = Queue(settings);
        Assert.True(q.SingleConsumer);
        q.EnqueueBatch(Batch(0, 10), FlowControl.NoDelay);
        Assert.Equal(0, q.MemoryCount);
        Assert.Equal(10, q.DiskCount);
        // Without Close (as after kill -9), a second store on the same files finds them all.
        var spool = Directory.GetFiles(_spool.Path);
        Assert.NotEmpty(spool);
        var reader = Queue(settings with { FileName = "q" });
        Assert.Equal(10, reader.Count);
    }

    [Fact]
    public void A_disk_assisted_queue_without_a_directory_runs_in_memory_with_rsyslogs_error()
    {
        var log = new RecordingLog();
        var q = QueueFactory.Create("fwd queue", DiskAssisted, new QueueEnvironment(null, _pool, new MessageReadContext(), new StatsRegistry(), log));
        Assert.False(q.HasStore);
        Assert.True(log.Contains("fwd queue: error starting up disk queue, using pure in-memory mode"));
    }
}
