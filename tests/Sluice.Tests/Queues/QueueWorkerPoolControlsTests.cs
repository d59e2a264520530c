using System.Diagnostics;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Queues;
using Sluice.Engine.Stats;
using Sluice.Engine.Submit;

namespace Sluice.Tests.Queues;

/// <summary>The dequeue controls (minDequeueBatchSize, dequeueSlowdown) and shutdown of <see cref="QueueWorkerPool"/>.</summary>
public class QueueWorkerPoolControlsTests
{
    private sealed class BatchRecorder : IBatchConsumer
    {
        public readonly List<int> BatchSizes = new();
        public Func<bool>? OnCommit;
        private sealed class State { public int Count; }

        public object CreateWorkerState(ShutdownSignal shutdown) => new State();
        public void Process(MessageBatch batch, object workerState) => ((State)workerState).Count = batch.Count;

        public bool Commit(object workerState)
        {
            lock (BatchSizes) BatchSizes.Add(((State)workerState).Count);
            return OnCommit?.Invoke() ?? true;
        }
    }

    private static MessageBatch Batch(MessagePool pool, int n)
    {
        var b = new MessageBatch(Math.Max(1, n));
        for (int i = 0; i < n; i++)
        {
            var m = pool.Rent();
            m.SetRaw("x"u8);
            b.Add(m);
        }
        return b;
    }

    [Fact]
    public void MinDequeueBatchSize_waits_for_a_full_batch_up_to_its_timeout()
    {
        var pool = new MessagePool();
        var settings = new QueueSettings { Size = 1000, DequeueBatchSize = 100, WorkerThreads = 1, MinDequeueBatchSize = 50, MinDequeueBatchSizeTimeout = 30_000 };
        var q = new MessageQueue("q", settings, new StatsRegistry(), new RecordingLog());
        var consumer = new BatchRecorder();
        var workers = new QueueWorkerPool(q, consumer, new RecordingLog());
        workers.Start();
        for (int i = 0; i < 5; i++)
        {
            q.EnqueueBatch(Batch(pool, 10), FlowControl.NoDelay);
            Thread.Sleep(20);
        }
        var sw = Stopwatch.StartNew();
        while (consumer.BatchSizes.Count == 0 && sw.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(5);
        workers.Stop();
        Assert.Equal(50, consumer.BatchSizes[0]);
    }

    [Fact]
    public void MinDequeueBatchSize_gives_up_waiting_after_the_timeout()
    {
        var pool = new MessagePool();
        var settings = new QueueSettings { Size = 1000, DequeueBatchSize = 100, WorkerThreads = 1, MinDequeueBatchSize = 50, MinDequeueBatchSizeTimeout = 100 };
        var q = new MessageQueue("q", settings, new StatsRegistry(), new RecordingLog());
        var consumer = new BatchRecorder();
        var workers = new QueueWorkerPool(q, consumer, new RecordingLog());
        workers.Start();
        q.EnqueueBatch(Batch(pool, 3), FlowControl.NoDelay);
        var sw = Stopwatch.StartNew();
        while (consumer.BatchSizes.Count == 0 && sw.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(5);
        workers.Stop();
        Assert.Equal(new[] { 3 }, consumer.BatchSizes);
    }

    [Fact]
    public void DequeueSlowdown_spaces_the_batches()
    {
        var pool = new MessagePool();
        var settings = new QueueSettings { Size = 1000, DequeueBatchSize = 1, WorkerThreads = 1, DequeueSlowdown = 50_000 };
        var q = new MessageQueue("q", settings, new StatsRegistry(), new RecordingLog());
        var consumer = new BatchRecorder();
        var workers = new QueueWorkerPool(q, consumer, new RecordingLog());
        q.EnqueueBatch(Batch(pool, 6), FlowControl.NoDelay);
        var sw = Stopwatch.StartNew();
        workers.Start();
        while (consumer.BatchSizes.Count < 6 && sw.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(5);
        // Five pauses of 50 ms at least between six single-message batches.
        Assert.True(sw.ElapsedMilliseconds >= 250, $"took only {sw.ElapsedMilliseconds} ms");
        workers.Stop();
    }

    [Fact]
    public void A_batch_not_delivered_at_shutdown_stops_its_worker_and_the_rest_is_reported()
    {
        var pool = new MessagePool();
        var log = new RecordingLog();
        var settings = new QueueSettings { Size = 1000, DequeueBatchSize = 10, WorkerThreads = 1, TimeoutShutdown = 10, TimeoutActionCompletion = 1000 };
        var q = new MessageQueue("q", settings, new StatsRegistry(), log);
        var consumer = new BatchRecorder();
        ShutdownSignal? seen = null;
        var workers = new QueueWorkerPool(q, consumer, log);
        consumer.OnCommit = () =>
        {
            seen = workers.Shutdown;
            // A stuck output: wait for "shutdown immediate", then report the batch undelivered.
            while (!workers.Shutdown.IsSet) Thread.Sleep(5);
            return false;
        };
        q.EnqueueBatch(Batch(pool, 35), FlowControl.NoDelay);
        workers.Start();
        while (consumer.BatchSizes.Count == 0) Thread.Sleep(5);
        long lost = workers.Stop();
        Assert.Equal(35, lost);
        Assert.Single(consumer.BatchSizes);
        Assert.NotNull(seen);
        Assert.True(log.Contains("q: 35 messages could not be delivered before shutdown and were discarded"));
    }

    [Fact]
    public void Workers_stuck_without_progress_are_abandoned_after_timeoutActionCompletion()
    {
        var pool = new MessagePool();
        var log = new RecordingLog();
        var settings = new QueueSettings { Size = 100, DequeueBatchSize = 10, WorkerThreads = 1, TimeoutShutdown = 50, TimeoutActionCompletion = 200 };
        var q = new MessageQueue("q", settings, new StatsRegistry(), log);
        var release = new ManualResetEventSlim();
        var consumer = new BatchRecorder { OnCommit = () => { release.Wait(TimeSpan.FromSeconds(60)); return true; } };
        var workers = new QueueWorkerPool(q, consumer, log);
        q.EnqueueBatch(Batch(pool, 20), FlowControl.NoDelay);
        workers.Start();
        while (consumer.BatchSizes.Count == 0) Thread.Sleep(5);
        var sw = Stopwatch.StartNew();
        long lost = workers.Stop();
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), $"stop took {sw.Elapsed}");
        Assert.Equal(10, lost); // the second batch, still queued
        Assert.True(log.Contains("q: worker threads did not finish within queue.timeoutActionCompletion (200 ms) - abandoning them"));
        release.Set();
    }

    /// <summary>
    /// queue.timeoutWorkerThreadShutdown: a second worker started by a backlog exits once it has been idle that long,
    /// and is started again by the next backlog; with -1 it stays.
    /// </summary>
    [Theory]
    [InlineData(100)]
    [InlineData(-1)]
    public void Idle_workers_exit_after_timeoutWorkerThreadShutdown_and_come_back_for_a_backlog(int timeout)
    {
        var pool = new MessagePool();
        var settings = new QueueSettings
        {
            Size = 10_000, DequeueBatchSize = 10, WorkerThreads = 2, WorkerThreadMinimumMessages = 100,
            TimeoutWorkerThreadShutdown = timeout,
        };
        var q = new MessageQueue("q", settings, new StatsRegistry(), new RecordingLog());
        var gate = new ManualResetEventSlim(false);
        var consumer = new BatchRecorder { OnCommit = () => { gate.Wait(TimeSpan.FromSeconds(30)); return true; } };
        var workers = new QueueWorkerPool(q, consumer, new RecordingLog());
        workers.Start();
        try
        {
            for (int round = 0; round < 2; round++)
            {
                // A backlog above workerThreadMinimumMessages keeps (or brings back) the second worker.
                gate.Reset();
                q.EnqueueBatch(Batch(pool, 1000), FlowControl.NoDelay);
                Assert.True(WaitFor(() => workers.RunningWorkers == 2), $"round {round}: {workers.RunningWorkers} workers with a backlog");
                gate.Set();
                Assert.True(WaitFor(() => q.Count == 0), "the backlog was not drained");
                if (timeout >= 0)
                {
                    Assert.True(WaitFor(() => workers.RunningWorkers == 1), $"round {round}: the idle worker did not exit");
                }
                else
                {
                    Thread.Sleep(500);
                    Assert.Equal(2, workers.RunningWorkers);
                }
            }
        }
        finally
        {
            gate.Set();
            workers.Stop();
        }
    }

    private static bool WaitFor(Func<bool> condition)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(30)) return false;
            Thread.Sleep(10);
        }
        return true;
    }
}
