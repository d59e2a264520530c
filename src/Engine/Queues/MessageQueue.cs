using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Stats;
using Sluice.Engine.Submit;

namespace Sluice.Engine.Queues;

/// <summary>
/// A bounded message queue (the main queue and action queues) over a lock-free ring, with a disk part when an
/// <see cref="IQueueStore"/> is plugged in (Disk and disk-assisted queues: see MessageQueue.Store.cs). Producers enqueue whole batches; when the queue fills
/// they are held back as rsyslog does (light delay for network inputs, full delay for local ones, then a full
/// wait up to queue.timeoutEnqueue), and only then is a message dropped — counted in discarded.full and logged.
/// No lock is taken per message: waiting and waking are per batch and only when someone actually waits.
/// </summary>
public sealed partial class MessageQueue
{
    private readonly BoundedRing<Message> _ring;
    private readonly IQueueStore? _store;
    private readonly QueueSettings _settings;
    private readonly IInternalLog _log;
    private readonly int _size;
    private readonly int _lightDelayMark;
    private readonly int _fullDelayMark;
    private readonly int _discardMark;
    private readonly int _discardSeverity;
    private int _count;
    private long _dequeued;

    private readonly object _spaceLock = new();
    private int _spaceWaiters;
    private readonly object _itemLock = new();
    private int _itemWaiters;
    private long _lastDiscardLogTicks;

    public MessageQueue(string name, QueueSettings settings, StatsRegistry stats, IInternalLog log)
        : this(name, settings, stats, log, null)
    {
    }

    /// <param name="store">Null for the in-memory types (FixedArray, LinkedList): the lock-free ring.</param>
    public MessageQueue(string name, QueueSettings settings, StatsRegistry stats, IInternalLog log, IQueueStore? store)
    {
        Name = name;
        _settings = settings;
        _log = log;
        _store = store;
        _size = Math.Max(1, settings.Size);
        _journaled = store is not null && settings.IsJournaled;
        _lightDelayMark = settings.EffectiveLightDelayMark;
        _fullDelayMark = settings.EffectiveFullDelayMark;
        _discardMark = settings.EffectiveDiscardMark;
        _discardSeverity = settings.DiscardSeverity;
        // Both memory types are bounded by queue.size; the ring's cells cost no resident memory until used, so
        // LinkedList's "allocate as needed" holds for it too.
        _ring = new BoundedRing<Message>(_journaled ? 2 : _size);
        var so = stats.Create(name, "core.queue");
        SizeGauge = so.Add("size", resettable: false);
        Enqueued = so.Add("enqueued");
        Full = so.Add("full");
        DiscardedFull = so.Add("discarded.full");
        DiscardedNf = so.Add("discarded.nf");
        MaxQSize = so.Add("maxqsize", resettable: false);
        if (store is not null) InitStore(store);
    }

    public string Name { get; }
    public QueueSettings Settings => _settings;
    /// <summary>Whether messages live in a plugged-in (persistent) store rather than in memory.</summary>
    public bool HasStore => _store is not null;
    public int Count => Volatile.Read(ref _count);
    /// <summary>Only one consumer may work on it (Disk and crash-safe disk-assisted queues: one journal reader, as rsyslog's disk queues have one worker).</summary>
    public bool SingleConsumer => _journaled;
    /// <summary>Messages handed to consumers so far (shutdown uses it to tell a working queue from a stuck one).</summary>
    public long DequeuedTotal => Volatile.Read(ref _dequeued);

    public Counter SizeGauge { get; }
    public Counter Enqueued { get; }
    public Counter Full { get; }
    public Counter DiscardedFull { get; }
    public Counter DiscardedNf { get; }
    public Counter MaxQSize { get; }

    /// <summary>
    /// Enqueues every message of the batch (taking ownership; the batch is cleared). With
    /// <paramref name="mayBlock"/> false (internal messages from a queue worker) a full queue drops instead of
    /// waiting, so a worker can never wait on itself.
    /// </summary>
    public void EnqueueBatch(MessageBatch batch, FlowControl flow, bool mayBlock = true)
    {
        int n = batch.Count;
        if (n == 0) return;

        if (mayBlock && flow == FlowControl.LightDelay && FlowCount >= _lightDelayMark)
            WaitForCountBelow(_lightDelayMark / 2, 1000); // rsyslog: light delay of at most 1 s
        else if (mayBlock && flow == FlowControl.FullDelay)
        {
            // rsyslog: full-delay producers wait (in 1 s slices) for as long as the queue is above the mark.
            while (FlowCount >= _fullDelayMark) WaitForCountBelow(_fullDelayMark / 2, 1000);
        }
        if (_store is not null)
        {
            EnqueueStored(batch, mayBlock);
            return;
        }

        int i = 0;
        while (i < n)
        {
            int count = Count;
            if (count >= _size)
            {
                Full.Increment();
                if (!mayBlock || !WaitForCountBelow(_size, _settings.TimeoutEnqueue))
                {
                    Discard(batch, i, n);
                    break;
                }
                continue;
            }

            int take = Math.Min(_size - count, n - i);
            int after = Interlocked.Add(ref _count, take);
            if (after > _size)
            {
                // Another producer took part of the room: give back what does not fit.
                int over = Math.Min(after - _size, take);
                Interlocked.Add(ref _count, -over);
                take -= over;
                after -= over;
                if (take == 0) continue;
            }

            int queued = 0;
            for (int k = 0; k < take; k++)
            {
                var m = batch[i + k];
                if (after >= _discardMark && m.Severity >= _settings.DiscardSeverity)
                {
                    DiscardedNf.Increment();
                    m.Release();
                    continue;
                }
                var spin = new SpinWait();
                while (!_ring.TryEnqueue(m)) spin.SpinOnce(); // a consumer is finishing a cell
                queued++;
            }
            if (queued < take) Interlocked.Add(ref _count, queued - take);
            Enqueued.Add(queued);
            MaxQSize.SetMax(after);
            i += take;
            WakeConsumers();
        }
        batch.Clear();
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> messages into <paramref name="into"/>; never blocks. As rsyslog does, the
    /// discard mark is checked again here, so queued messages of discardSeverity and below are dropped too.
    /// </summary>
    public int DequeueBatch(MessageBatch into, int max)
    {
        max = Math.Min(max, into.Capacity - into.Count);
        return _store is null ? DequeueMemory(into, max) : DequeueStored(into, max);
    }

    private int DequeueMemory(MessageBatch into, int max)
    {
        int n = 0, taken = 0;
        while (n < max)
        {
            if (!_ring.TryDequeue(out var m)) break;
            taken++;
            if (_discardSeverity < 8 && m.Severity >= _discardSeverity && DiscardLevel - taken + 1 >= _discardMark)
            {
                DiscardedNf.Increment();
                m.Release();
                continue;
            }
            into.Add(m);
            n++;
        }
        if (taken > 0)
        {
            Interlocked.Add(ref _count, -taken);
            Interlocked.Add(ref _dequeued, taken);
            if (_store is not null) MemoryTaken(taken);
            if (Volatile.Read(ref _spaceWaiters) > 0)
                lock (_spaceLock) Monitor.PulseAll(_spaceLock);
        }
        return n;
    }

    /// <summary>Waits until the queue holds at least one message or the timeout passes.</summary>
    public bool WaitForItems(int timeoutMs)
    {
        if (HasDequeuable) return true;
        lock (_itemLock)
        {
            Interlocked.Increment(ref _itemWaiters);
            try
            {
                if (HasDequeuable) return true;
                Monitor.Wait(_itemLock, timeoutMs);
                return HasDequeuable;
            }
            finally
            {
                Interlocked.Decrement(ref _itemWaiters);
            }
        }
    }

    /// <summary>
    /// queue.minDequeueBatchSize: waits until at least <paramref name="atLeast"/> messages are queued or the
    /// timeout passes; true when they are.
    /// </summary>
    public bool WaitForCount(int atLeast, int timeoutMs)
    {
        if (Count >= atLeast) return true;
        long deadline = Environment.TickCount64 + timeoutMs;
        lock (_itemLock)
        {
            Interlocked.Increment(ref _itemWaiters);
            try
            {
                while (Count < atLeast)
                {
                    long left = deadline - Environment.TickCount64;
                    if (left <= 0) return false;
                    Monitor.Wait(_itemLock, (int)Math.Min(left, 50));
                }
                return true;
            }
            finally
            {
                Interlocked.Decrement(ref _itemWaiters);
            }
        }
    }

    /// <summary>Whether a consumer would get something from <see cref="DequeueBatch"/> now.</summary>
    public bool HasDequeuable => _store is null ? Count > 0 : StoredDequeuable;

    /// <summary>Wakes every worker waiting for items (shutdown).</summary>
    public void WakeAll()
    {
        lock (_itemLock) Monitor.PulseAll(_itemLock);
    }

    private void WakeConsumers()
    {
        if (Volatile.Read(ref _itemWaiters) > 0)
            lock (_itemLock) Monitor.PulseAll(_itemLock);
    }

    private bool WaitForCountBelow(int limit, int timeoutMs)
    {
        if (FlowCount < limit) return true;
        if (timeoutMs <= 0) return false;
        long deadline = Environment.TickCount64 + timeoutMs;
        lock (_spaceLock)
        {
            Interlocked.Increment(ref _spaceWaiters);
            try
            {
                while (FlowCount >= limit)
                {
                    long left = deadline - Environment.TickCount64;
                    if (left <= 0) return false;
                    // Short slices: a wake-up between the check and the wait is only late, never lost.
                    Monitor.Wait(_spaceLock, (int)Math.Min(left, 50));
                }
                return true;
            }
            finally
            {
                Interlocked.Decrement(ref _spaceWaiters);
            }
        }
    }

    private void Discard(MessageBatch batch, int from, int to)
    {
        for (int k = from; k < to; k++) batch[k].Release();
        DiscardedFull.Add(to - from);
        // One log line per second at most: a flood of discards must not become a flood of internal messages.
        long now = Environment.TickCount64;
        long last = Volatile.Read(ref _lastDiscardLogTicks);
        if (now - last >= 1000 && Interlocked.CompareExchange(ref _lastDiscardLogTicks, now, last) == last)
            _log.Error($"{Name}: queue full, {to - from} message(s) discarded after waiting {_settings.TimeoutEnqueue} ms (discarded.full={DiscardedFull.Value})");
    }

    /// <summary>Refreshes the size gauge (read by statistics).</summary>
    public void UpdateGauges() => SizeGauge.Set(Count);
}
