using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Queues.Disk;

namespace Sluice.Engine.Queues;

/// <summary>
/// The disk part of a queue. Three arrangements, chosen from the settings:
/// <list type="bullet">
/// <item><b>Disk</b>: every message goes through the journal; queue.size still bounds the count (as in rsyslog).</item>
/// <item><b>Disk-assisted</b> (a memory type with queue.filename): memory first. When the memory part reaches
/// queue.highWatermark, new messages go to disk until consumers have brought the memory part down to
/// queue.lowWatermark (rsyslog moves the oldest memory messages to disk instead; the memory bound is the same
/// and Sluice saves the copying). Both parts are consumed: batches alternate between them, so neither starves
/// (rsyslog runs a separate disk worker; in both, order between the parts is not kept). Messages left by an
/// earlier run (a saveOnShutdown, a crash) are delivered before new ones. At shutdown the memory part is written
/// to disk (queue.saveOnShutdown, the default) or discarded with a warning.</item>
/// <item><b>Crash-safe disk-assisted</b> (the same with queue.checkpointInterval or queue.syncQueueFiles set): a
/// memory part cannot survive kill -9, so every message is written through the journal at enqueue and the
/// watermarks do not apply (the disk part is bounded by queue.maxDiskSpace only, as rsyslog's DA child).</item>
/// </list>
/// Records are acknowledged (removed) only after the consumer committed the batch they were read with; one disk
/// batch is out at a time, so an acknowledgement never covers a batch that was not delivered.
/// </summary>
public sealed partial class MessageQueue
{
    private readonly bool _journaled;
    private int _memCount;
    private int _highWatermark;
    private int _lowWatermark;
    private volatile bool _spilling;
    private MessageBatch? _diskBatchOut;
    private long _preferDisk;
    private volatile bool _diskReadsStopped;
    private bool _lastFromMemory;
    private bool _spillReported;

    private void InitStore(IQueueStore store)
    {
        _highWatermark = Math.Min(_settings.EffectiveHighWatermark, _size);
        _lowWatermark = Math.Min(_settings.EffectiveLowWatermark, _highWatermark);
        _count = (int)Math.Min(int.MaxValue, store.Available);
        _preferDisk = store.Available;
        if (store.Available > 0)
            _log.Info($"{Name}: {store.Available} messages from an earlier run were found on disk and will be delivered first");
        SizeGauge.Set(_count);
    }

    /// <summary>Messages in the memory part (disk-assisted queues).</summary>
    public int MemoryCount => _store is null ? Count : Volatile.Read(ref _memCount);

    /// <summary>Records on disk not yet handed to a consumer.</summary>
    public long DiskCount => _store?.Available ?? 0;

    /// <summary>What flow control and the enqueue limit compare with: a disk-assisted queue's memory part.</summary>
    private int FlowCount => _store is null || _settings.Type == QueueType.Disk ? Count : _journaled ? 0 : Volatile.Read(ref _memCount);

    /// <summary>What the discard mark compares with (rsyslog forces discardMark off on the disk child of a DA queue).</summary>
    private int DiscardLevel => _store is null || _settings.Type == QueueType.Disk ? Count : _journaled ? -1 : Volatile.Read(ref _memCount);

    private bool StoredDequeuable
        => Volatile.Read(ref _memCount) > 0
           || (!_diskReadsStopped && Volatile.Read(ref _diskBatchOut) is null && _store!.Available > 0);

    private void EnqueueStored(MessageBatch batch, bool mayBlock)
    {
        var store = _store!;
        int n = batch.Count, queued = 0, appended = 0;
        int k = 0;
        for (; k < n; k++)
        {
            var m = batch[k];
            int level = DiscardLevel;
            if (level >= 0 && level >= _discardMark && m.Severity >= _discardSeverity)
            {
                DiscardedNf.Increment();
                m.Release();
                continue;
            }
            if (!_journaled && TryEnqueueMemory(m))
            {
                queued++;
                continue;
            }
            if (_settings.Type == QueueType.Disk && Count >= _size)
            {
                Full.Increment();
                if (appended > 0) store.Commit();
                if (!mayBlock || !WaitForCountBelow(_size, _settings.TimeoutEnqueue)) break;
            }
            var r = store.Append(m);
            if (r == AppendResult.Full)
            {
                Full.Increment();
                if (appended > 0) store.Commit(); // consumers must see what is there, or nobody makes room
                r = mayBlock ? AppendWhenRoom(m) : r;
                if (r == AppendResult.Full) break;
            }
            if (r == AppendResult.Ok)
            {
                appended++;
                queued++;
                Interlocked.Increment(ref _count);
            }
            else
            {
                DiscardedFull.Increment();
            }
            m.Release(); // the journal holds its own copy
        }
        if (appended > 0) store.Commit();
        if (k < n) Discard(batch, k, n);
        Enqueued.Add(queued);
        MaxQSize.SetMax(Count);
        batch.Clear();
        WakeConsumers();
    }

    /// <summary>Disk-assisted: into the memory part unless it is spilling or at the high watermark.</summary>
    private bool TryEnqueueMemory(Message m)
    {
        if (_spilling) return false;
        if (Interlocked.Increment(ref _memCount) > _highWatermark)
        {
            Interlocked.Decrement(ref _memCount);
            _spilling = true;
            if (!_spillReported)
            {
                _spillReported = true;
                _log.Info($"{Name}: memory part reached queue.highWatermark ({_highWatermark}); new messages go to disk until it is down to queue.lowWatermark ({_lowWatermark})");
            }
            return false;
        }
        var spin = new SpinWait();
        while (!_ring.TryEnqueue(m)) spin.SpinOnce();
        Interlocked.Increment(ref _count);
        return true;
    }

    /// <summary>queue.maxDiskSpace reached: wait up to queue.timeoutEnqueue for consumers to free a segment.</summary>
    private AppendResult AppendWhenRoom(Message m)
    {
        long deadline = Environment.TickCount64 + _settings.TimeoutEnqueue;
        while (true)
        {
            long left = deadline - Environment.TickCount64;
            if (left <= 0) return AppendResult.Full;
            lock (_spaceLock)
            {
                Interlocked.Increment(ref _spaceWaiters);
                try
                {
                    Monitor.Wait(_spaceLock, (int)Math.Min(left, 50));
                }
                finally
                {
                    Interlocked.Decrement(ref _spaceWaiters);
                }
            }
            var r = _store!.Append(m);
            if (r != AppendResult.Full) return r;
        }
    }

    /// <summary>The memory part gave up <paramref name="taken"/> messages: leave the disk mode at the low watermark.</summary>
    private void MemoryTaken(int taken)
    {
        int left = Interlocked.Add(ref _memCount, -taken);
        if (_spilling && left <= _lowWatermark)
        {
            _spilling = false;
            _spillReported = false;
        }
    }

    private int DequeueStored(MessageBatch into, int max)
    {
        if (_journaled) return DequeueDisk(into, max);
        bool diskReady = !_diskReadsStopped && Volatile.Read(ref _diskBatchOut) is null && _store!.Available > 0;
        bool memoryReady = Volatile.Read(ref _memCount) > 0;
        if (diskReady && (!memoryReady || Interlocked.Read(ref _preferDisk) > 0 || _lastFromMemory))
        {
            int n = DequeueDisk(into, max);
            if (n > 0)
            {
                _lastFromMemory = false;
                return n;
            }
        }
        if (!memoryReady) return 0;
        _lastFromMemory = true;
        return DequeueMemory(into, max);
    }

    /// <summary>Called under the pool's dequeue lock; at most one disk batch is out at a time.</summary>
    private int DequeueDisk(MessageBatch into, int max)
    {
        if (_diskReadsStopped || Volatile.Read(ref _diskBatchOut) is not null) return 0;
        var store = _store!;
        int n = 0, consumed = 0;
        while (n < max)
        {
            bool got = store.TryDequeue(out var m, out int c);
            consumed += c;
            if (!got) break;
            into.Add(m!);
            n++;
        }
        if (consumed > 0)
        {
            Interlocked.Add(ref _count, -consumed);
            Interlocked.Add(ref _dequeued, consumed);
            if (Volatile.Read(ref _spaceWaiters) > 0)
                lock (_spaceLock) Monitor.PulseAll(_spaceLock);
        }
        if (n > 0)
        {
            Volatile.Write(ref _diskBatchOut, into);
            long prefer = Interlocked.Read(ref _preferDisk);
            if (prefer > 0) Interlocked.Exchange(ref _preferDisk, Math.Max(0, prefer - consumed));
        }
        else if (consumed > 0)
        {
            store.AcknowledgeDequeued(); // only unreadable records: nothing to deliver
        }
        return n;
    }

    /// <summary>
    /// The consumers are done with <paramref name="batch"/>. Delivered disk records are removed; an undelivered
    /// disk batch stays stored (read again at the next start), and an undelivered memory batch of a disk-assisted
    /// queue is saved to disk when queue.saveOnShutdown is on. Returns how many undelivered messages were kept.
    /// </summary>
    public int Acknowledge(MessageBatch batch, bool delivered)
    {
        if (_store is null) return 0;
        if (ReferenceEquals(Volatile.Read(ref _diskBatchOut), batch))
        {
            if (delivered) _store.AcknowledgeDequeued();
            else _diskReadsStopped = true; // shutdown cut it off: reading on would acknowledge it with the next batch
            Volatile.Write(ref _diskBatchOut, null);
            if (Volatile.Read(ref _spaceWaiters) > 0)
                lock (_spaceLock) Monitor.PulseAll(_spaceLock);
            WakeConsumers();
            return delivered ? 0 : batch.Count;
        }
        if (delivered || !_settings.SaveOnShutdown) return 0;
        return SaveToDisk(batch.AsSpan(), releaseAfter: false);
    }

    /// <summary>Shutdown, after the workers got queue.timeoutShutdown: the disk part stays for the next start.</summary>
    public void StopDiskReads()
    {
        if (_store is null) return;
        _diskReadsStopped = true;
        WakeAll();
    }

    /// <summary>
    /// After the workers stopped: the memory part of a disk-assisted queue is saved to disk (queue.saveOnShutdown)
    /// or discarded with a warning; the journal is closed. Returns how many messages were discarded.
    /// </summary>
    public long Close()
    {
        var store = _store;
        if (store is null) return 0;
        var left = new List<Message>();
        while (_ring.TryDequeue(out var m)) left.Add(m);
        long lost = 0;
        if (left.Count > 0)
        {
            Interlocked.Add(ref _memCount, -left.Count);
            Interlocked.Add(ref _count, -left.Count);
            if (_settings.SaveOnShutdown)
            {
                _log.Info($"{Name}: queue holds {left.Count} messages after shutdown of workers. queue.saveonshutdown is set, so data will now be spooled to disk");
                int saved = SaveToDisk(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(left), releaseAfter: true);
                lost = left.Count - saved;
            }
            else
            {
                _log.Warning($"{Name}: queue holds {left.Count} messages after shutdown of workers. queue.saveonshutdown is NOT set, so data will be discarded");
                foreach (var m in left) m.Release();
                lost = left.Count;
            }
        }
        store.Dispose();
        UpdateGauges();
        return lost;
    }

    /// <summary>Appends messages at shutdown (no waiting: what does not fit is lost and logged).</summary>
    private int SaveToDisk(ReadOnlySpan<Message> messages, bool releaseAfter)
    {
        var store = _store!;
        int saved = 0;
        foreach (var m in messages)
        {
            if (store.Append(m) == AppendResult.Ok) saved++;
            if (releaseAfter) m.Release();
        }
        store.Commit();
        if (saved < messages.Length)
            _log.Error($"{Name}: {messages.Length - saved} messages could not be saved to disk at shutdown (queue files full or failing)");
        return saved;
    }
}
