using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;

namespace Sluice.Engine.Queues;

/// <summary>
/// The worker threads of a queue (the main queue or an action queue). Worker 0 always runs; worker k joins
/// only while the backlog exceeds k × workerThreadMinimumMessages (rsyslog's worker activation). Batches are
/// dequeued under a lock (one per batch), processed in parallel and committed in order
/// (<see cref="CommitSequencer"/>). rsyslog's dequeue controls apply: queue.minDequeueBatchSize(.timeout),
/// queue.dequeueSlowdown and the queue.dequeueTimeBegin/End window.
/// <para>
/// Shutdown (<see cref="Stop"/>) follows rsyslog's two timeouts: the workers get queue.timeoutShutdown to drain
/// the queue; then the queue's <see cref="Shutdown"/> signal is set, so actions stop retrying (a suspended
/// action's batch is given up), and the workers get queue.timeoutActionCompletion to finish. Unlike rsyslog,
/// workers whose outputs still work keep draining after the first timeout for as long as they make progress:
/// a message is discarded at shutdown only because its action cannot take it, never just because the
/// queue was long. Workers stuck without progress for timeoutActionCompletion are abandoned (rsyslog cancels
/// them) and what they held is reported as lost.
/// </para>
/// </summary>
public sealed class QueueWorkerPool
{
    private readonly MessageQueue _queue;
    private readonly IBatchConsumer _consumer;
    private readonly IInternalLog _log;
    private readonly QueueSettings _settings;
    private readonly Thread[] _threads;
    private readonly object _dequeueLock = new();
    private readonly CommitSequencer _sequencer = new();
    private readonly CommitSequencer _sealSequencer = new();
    private readonly ManualResetEventSlim _stopWake = new(false);
    private readonly int _batchSize;
    private readonly int _minMessagesPerWorker;
    private volatile bool _stopping;
    private long _batchesDone;
    private long _undelivered;

    public QueueWorkerPool(MessageQueue queue, IBatchConsumer consumer, IInternalLog log)
    {
        _queue = queue;
        _consumer = consumer;
        _log = log;
        _settings = queue.Settings;
        _batchSize = _settings.EffectiveDequeueBatchSize;
        _minMessagesPerWorker = _settings.EffectiveWorkerThreadMinimumMessages;
        _threads = new Thread[queue.SingleConsumer ? 1 : Math.Max(1, _settings.WorkerThreads)];
        for (int i = 0; i < _threads.Length; i++) _threads[i] = NewWorker(i);
    }

    private Thread NewWorker(int index) => new(Run) { Name = $"{_queue.Name}/w{index}", IsBackground = true };

    /// <summary>Worker threads currently running (idle ones exit after queue.timeoutWorkerThreadShutdown).</summary>
    public int RunningWorkers
    {
        get
        {
            int n = 0;
            lock (_threads)
                foreach (var t in _threads)
                    if (t.IsAlive) n++;
            return n;
        }
    }

    /// <summary>Set when the workers did not drain the queue within queue.timeoutShutdown.</summary>
    public ShutdownSignal Shutdown { get; } = new();

    public MessageQueue Queue => _queue;

    public void Start()
    {
        for (int i = 0; i < _threads.Length; i++) _threads[i].Start(i);
    }

    /// <summary>
    /// Run by worker 0 between batches: starts again the workers that exited while idle once the backlog needs them
    /// (rsyslog's qqueueAdviseMaxWorkers). Under the array's lock, so Stop never misses a worker started here.
    /// </summary>
    private void RestartNeededWorkers()
    {
        long count = _queue.Count;
        if (count <= _minMessagesPerWorker) return;
        lock (_threads)
        {
            for (int k = 1; k < _threads.Length && count > k * (long)_minMessagesPerWorker; k++)
            {
                if (_stopping || _threads[k].IsAlive) continue;
                _threads[k] = NewWorker(k);
                _threads[k].Start(k);
            }
        }
    }

    /// <summary>
    /// Stops the workers as described on the class: drain within the timeouts, then give up on what cannot be
    /// delivered. Blocks until the workers have exited or were abandoned. Returns how many messages were
    /// discarded (left in the queue, or in batches that could not be delivered).
    /// </summary>
    public long Stop()
    {
        lock (_threads) _stopping = true;
        _stopWake.Set();
        _queue.WakeAll();
        if (!JoinAll(_settings.TimeoutShutdown))
        {
            // The disk part is safe where it is: only the memory part and the batches in hand are worked on.
            _queue.StopDiskReads();
            Shutdown.Set();
            _queue.WakeAll();
            long seen = -1;
            int slice = Math.Max(_settings.TimeoutActionCompletion, 100);
            while (!JoinAll(slice))
            {
                long done = Interlocked.Read(ref _batchesDone);
                if (done == seen)
                {
                    _log.Error($"{_queue.Name}: worker threads did not finish within queue.timeoutActionCompletion ({_settings.TimeoutActionCompletion} ms) - abandoning them");
                    break;
                }
                seen = done;
            }
        }

        long lost = Interlocked.Read(ref _undelivered) + (_queue.HasStore ? _queue.Close() : DiscardRemainder());
        if (lost > 0)
            _log.Warning($"{_queue.Name}: {lost} messages could not be delivered before shutdown and were discarded");
        return lost;
    }

    /// <summary>Kept for callers that want the old name: same as <see cref="Stop"/>.</summary>
    public void StopAndDrain() => Stop();

    private bool JoinAll(int timeoutMs)
    {
        long deadline = Environment.TickCount64 + Math.Max(0, timeoutMs);
        foreach (var t in _threads)
        {
            if (!t.IsAlive) continue;
            long left = deadline - Environment.TickCount64;
            if (left <= 0 || !t.Join((int)left)) return false;
        }
        return true;
    }

    /// <summary>What is still queued in a memory queue once no worker will take it.</summary>
    private long DiscardRemainder()
    {
        long n = 0;
        var batch = new MessageBatch(256);
        while (true)
        {
            int got;
            lock (_dequeueLock) got = _queue.DequeueBatch(batch, batch.Capacity);
            if (got == 0) break;
            foreach (var m in batch.AsSpan()) m.Release();
            batch.Clear();
            n += got;
        }
        _queue.UpdateGauges();
        return n;
    }

    private void Run(object? indexBox)
    {
        int index = (int)indexBox!;
        var batch = new MessageBatch(_batchSize);
        var state = _consumer.CreateWorkerState(Shutdown);
        int idleTimeout = _settings.TimeoutWorkerThreadShutdown;
        long idleSince = -1;
        while (true)
        {
            if (index == 0 && _threads.Length > 1) RestartNeededWorkers();
            if (index > 0 && !_stopping && _queue.Count <= index * (long)_minMessagesPerWorker)
            {
                // Not needed at this backlog: after queue.timeoutWorkerThreadShutdown the thread exits (worker 0
                // starts it again when needed); until then check again shortly.
                long now = Environment.TickCount64;
                if (idleSince < 0) idleSince = now;
                else if (idleTimeout >= 0 && now - idleSince >= idleTimeout) return;
                _queue.WaitForItems(200);
                if (_queue.Count <= index * (long)_minMessagesPerWorker) Thread.Sleep(50);
                continue;
            }
            idleSince = -1;

            if (!_stopping && !WaitForDequeueConditions()) continue;

            long ticket;
            lock (_dequeueLock)
            {
                if (_queue.DequeueBatch(batch, _batchSize) == 0)
                    ticket = -1;
                else
                    ticket = _sequencer.TakeTicket();
            }

            if (ticket < 0)
            {
                if (_stopping && !_queue.HasDequeuable) return;
                _queue.WaitForItems(_stopping ? 10 : 1000);
                continue;
            }

            try
            {
                _consumer.Process(batch, state);
            }
            catch (Exception e)
            {
                // A bug in a rule must not stop the queue; the batch is still committed and released.
                _log.Error($"{_queue.Name}: error while processing a batch: {e.Message}");
            }

            // Sealed in dequeue order, so outputs know which batch will precede which; then prepared in parallel.
            _sealSequencer.WaitTurn(ticket);
            try
            {
                _consumer.Seal(state);
            }
            catch (Exception e)
            {
                _log.Error($"{_queue.Name}: error while sealing a batch: {e.Message}");
            }
            finally
            {
                _sealSequencer.Done(ticket);
            }
            try
            {
                _consumer.Prepare(state);
            }
            catch (Exception e)
            {
                _log.Error($"{_queue.Name}: error while preparing a batch: {e.Message}");
            }

            bool delivered = true;
            _sequencer.WaitTurn(ticket);
            try
            {
                delivered = _consumer.Commit(state);
            }
            catch (Exception e)
            {
                _log.Error($"{_queue.Name}: error while committing a batch: {e.Message}");
            }
            finally
            {
                _sequencer.Done(ticket);
            }

            int n = batch.Count;
            int kept = _queue.Acknowledge(batch, delivered);
            if (!delivered) Interlocked.Add(ref _undelivered, n - kept);
            var items = batch.AsSpan();
            for (int i = 0; i < items.Length; i++) items[i].Release();
            batch.Clear();
            _queue.UpdateGauges();
            Interlocked.Increment(ref _batchesDone);

            // rsyslog: a worker whose batch was cut off by "shutdown immediate" terminates.
            if (!delivered) return;

            if (_settings.DequeueSlowdown > 0 && !_stopping)
                _stopWake.Wait(TimeSpan.FromTicks(_settings.DequeueSlowdown * 10L));
        }
    }

    /// <summary>
    /// The dequeue time window and queue.minDequeueBatchSize; false when the worker waited and should look
    /// again. At shutdown neither holds messages back any more.
    /// </summary>
    private bool WaitForDequeueConditions()
    {
        if (_settings.DequeueTimeEnd != DequeueTimeWindow.Disabled)
        {
            int delay = DequeueTimeWindow.DelaySeconds(_settings.DequeueTimeBegin, _settings.DequeueTimeEnd, DateTime.Now);
            if (delay > 0)
            {
                // In slices, so a changed clock (or shutdown) is noticed.
                _stopWake.Wait(TimeSpan.FromSeconds(Math.Min(delay, 60)));
                return false;
            }
        }
        int min = _settings.MinDequeueBatchSize;
        if (min > 1)
        {
            int count = _queue.Count;
            if (count > 0 && count < min) _queue.WaitForCount(min, _settings.MinDequeueBatchSizeTimeout);
        }
        return true;
    }
}
