using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Queues;
using Sluice.Engine.Stats;
using Sluice.Engine.Submit;

namespace Sluice.Tests.Queues;

public class QueueWorkerPoolTests
{
    /// <summary>Records commit order; processing sleeps randomly so parallel workers finish out of order.</summary>
    private sealed class RecordingConsumer : IBatchConsumer
    {
        public readonly List<int> Committed = new();
        private sealed class State { public readonly List<int> Pending = new(); public readonly Random Rng = new(); }

        public object CreateWorkerState(ShutdownSignal shutdown) => new State();

        public void Process(MessageBatch batch, object workerState)
        {
            var s = (State)workerState;
            foreach (var m in batch.AsSpan()) s.Pending.Add(int.Parse(System.Text.Encoding.ASCII.GetString(m.Raw)));
            if (s.Rng.Next(4) == 0) Thread.Sleep(s.Rng.Next(3));
        }

        public bool Commit(object workerState)
        {
            var s = (State)workerState;
            lock (Committed) Committed.AddRange(s.Pending);
            s.Pending.Clear();
            return true;
        }

        /// <summary>The first message of each batch, in the order the batches were sealed.</summary>
        public readonly List<int> Sealed = new();
        public int Preparing;
        public int MostPreparingAtOnce;

        public void Seal(object workerState)
        {
            var s = (State)workerState;
            lock (Sealed) Sealed.Add(s.Pending[0]);
        }

        public void Prepare(object workerState)
        {
            var s = (State)workerState;
            int now = Interlocked.Increment(ref Preparing);
            int most;
            while (now > (most = Volatile.Read(ref MostPreparingAtOnce)) && Interlocked.CompareExchange(ref MostPreparingAtOnce, now, most) != most) { }
            if (s.Rng.Next(4) == 0) Thread.Sleep(1);
            Interlocked.Decrement(ref Preparing);
        }
    }

    [Fact]
    public void ManyWorkersStillCommitInQueueOrderAndDrainOnStop()
    {
        const int total = 50_000;
        var pool = new MessagePool();
        var settings = new QueueSettings { Size = 1000, DequeueBatchSize = 16, WorkerThreads = 4, WorkerThreadMinimumMessages = 1 };
        var q = new MessageQueue("main Q", settings, new StatsRegistry(), new RecordingLog());
        var consumer = new RecordingConsumer();
        var workers = new QueueWorkerPool(q, consumer, new RecordingLog());
        workers.Start();

        var batch = new MessageBatch(100);
        for (int i = 0; i < total; i++)
        {
            var m = pool.Rent();
            m.SetRaw(System.Text.Encoding.ASCII.GetBytes(i.ToString()));
            batch.Add(m);
            if (batch.IsFull) q.EnqueueBatch(batch, FlowControl.LightDelay);
        }
        q.EnqueueBatch(batch, FlowControl.LightDelay);
        workers.Stop();

        Assert.Equal(total, consumer.Committed.Count);
        for (int i = 0; i < total; i++) Assert.Equal(i, consumer.Committed[i]);
        Assert.Equal(0, q.Count);
        // Batches are sealed in dequeue order too (outputs rely on it to know what precedes what), while the
        // preparing between seal and commit runs on several workers at once.
        for (int k = 1; k < consumer.Sealed.Count; k++)
            Assert.True(consumer.Sealed[k - 1] < consumer.Sealed[k], $"batch starting at {consumer.Sealed[k]} sealed after {consumer.Sealed[k - 1]}");
        Assert.True(consumer.MostPreparingAtOnce > 1, "no two batches were prepared at the same time");
    }
}
