using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;

namespace Sluice.Engine.Queues;

/// <summary>
/// The worker threads of a queue. Worker 0 always runs; worker k joins only while the backlog exceeds
/// k × workerThreadMinimumMessages (rsyslog's worker activation). Batches are dequeued under a lock (one
/// per batch), processed in parallel and committed in order (<see cref="CommitSequencer"/>).
/// At shutdown the workers drain the queue completely before they exit.
/// </summary>
public sealed class QueueWorkerPool
{
    private readonly MessageQueue _queue;
    private readonly IBatchConsumer _consumer;
    private readonly IInternalLog _log;
    private readonly Thread[] _threads;
    private readonly object _dequeueLock = new();
    private readonly CommitSequencer _sequencer = new();
    private readonly int _batchSize;
    private readonly int _minMessagesPerWorker;
    private volatile bool _stopping;

    public QueueWorkerPool(MessageQueue queue, IBatchConsumer consumer, IInternalLog log)
    {
        _queue = queue;
        _consumer = consumer;
        _log = log;
        var s = queue.Settings;
        _batchSize = Math.Max(1, Math.Min(s.DequeueBatchSize, s.Size));
        _minMessagesPerWorker = s.EffectiveWorkerThreadMinimumMessages;
        _threads = new Thread[Math.Max(1, s.WorkerThreads)];
        for (int i = 0; i < _threads.Length; i++)
        {
            int index = i;
            _threads[i] = new Thread(() => Run(index)) { Name = $"{queue.Name}/w{i}", IsBackground = true };
        }
    }

    public void Start()
    {
        foreach (var t in _threads) t.Start();
    }

    /// <summary>Signals the workers to finish: they drain what is queued, then exit. Blocks until they have.</summary>
    public void StopAndDrain()
    {
        _stopping = true;
        _queue.WakeAll();
        foreach (var t in _threads) t.Join();
    }

    private void Run(int index)
    {
        var batch = new MessageBatch(_batchSize);
        var state = _consumer.CreateWorkerState();
        while (true)
        {
            if (index > 0 && !_stopping && _queue.Count <= index * (long)_minMessagesPerWorker)
            {
                // Not needed at this backlog: check again shortly.
                _queue.WaitForItems(200);
                if (_queue.Count <= index * (long)_minMessagesPerWorker) Thread.Sleep(50);
                continue;
            }

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
                if (_stopping && _queue.Count == 0) return;
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

            _sequencer.WaitTurn(ticket);
            try
            {
                _consumer.Commit(state);
            }
            catch (Exception e)
            {
                _log.Error($"{_queue.Name}: error while committing a batch: {e.Message}");
            }
            finally
            {
                _sequencer.Done(ticket);
            }

            var items = batch.AsSpan();
            for (int i = 0; i < items.Length; i++) items[i].Release();
            batch.Clear();
            _queue.UpdateGauges();
        }
    }
}
