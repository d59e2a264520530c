using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Queues;
using Sluice.Engine.Stats;
using Sluice.Engine.Submit;

namespace Sluice.Tests.Queues;

public class MessageQueueTests
{
    private static MessageBatch Batch(MessagePool pool, int n, int severity = 6)
    {
        var b = new MessageBatch(n);
        for (int i = 0; i < n; i++)
        {
            var m = pool.Rent();
            m.SetRaw(System.Text.Encoding.ASCII.GetBytes($"m{i}"));
            m.Pri = 8 + severity;
            b.Add(m);
        }
        return b;
    }

    [Fact]
    public void EnqueuedMessagesComeOutInOrderAndCountersFollow()
    {
        var pool = new MessagePool();
        var stats = new StatsRegistry();
        var q = new MessageQueue("main Q", new QueueSettings { Size = 100 }, stats, new RecordingLog());
        var batch = Batch(pool, 10);
        q.EnqueueBatch(batch, FlowControl.NoDelay);
        Assert.Equal(0, batch.Count); // ownership moved into the queue
        Assert.Equal(10, q.Count);

        var outBatch = new MessageBatch(64);
        Assert.Equal(10, q.DequeueBatch(outBatch, 64));
        for (int i = 0; i < 10; i++) Assert.Equal($"m{i}", System.Text.Encoding.ASCII.GetString(outBatch[i].Raw));
        Assert.Equal(0, q.Count);
        var so = stats.Find("main Q")!;
        Assert.Equal("core.queue", so.Origin);
        Assert.Equal(10, so.Find("enqueued")!.Value);
        Assert.Equal(10, so.Find("maxqsize")!.Value);
        Assert.Equal(new[] { "size", "enqueued", "full", "discarded.full", "discarded.nf", "maxqsize" },
            so.Counters.Select(c => c.Name).ToArray());
    }

    [Fact]
    public void FullQueueWaitsForTimeoutEnqueueThenDiscardsCountedAndLogged()
    {
        var pool = new MessagePool();
        var log = new RecordingLog();
        var q = new MessageQueue("main Q", new QueueSettings { Size = 100, TimeoutEnqueue = 200 }, new StatsRegistry(), log);
        q.EnqueueBatch(Batch(pool, 100), FlowControl.NoDelay);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        q.EnqueueBatch(Batch(pool, 5), FlowControl.NoDelay);
        Assert.True(sw.ElapsedMilliseconds >= 150, $"waited only {sw.ElapsedMilliseconds} ms");
        Assert.Equal(100, q.Count);
        Assert.Equal(5, q.DiscardedFull.Value);
        Assert.True(q.Full.Value >= 1);
        Assert.True(log.Contains("discarded"));
    }

    [Fact]
    public void FullQueueHoldsTheProducerUntilAConsumerMakesRoom()
    {
        var pool = new MessagePool();
        var q = new MessageQueue("main Q", new QueueSettings { Size = 100, TimeoutEnqueue = 30_000 }, new StatsRegistry(), new RecordingLog());
        q.EnqueueBatch(Batch(pool, 100), FlowControl.NoDelay);
        var producer = new Thread(() => q.EnqueueBatch(Batch(pool, 50), FlowControl.NoDelay));
        producer.Start();
        Thread.Sleep(200);
        Assert.True(producer.IsAlive, "the producer should be waiting for room");
        var drained = new MessageBatch(200);
        q.DequeueBatch(drained, 60);
        Assert.True(producer.Join(TimeSpan.FromSeconds(20)));
        Assert.Equal(90, q.Count);
        Assert.Equal(0, q.DiscardedFull.Value);
    }

    [Fact]
    public void InternalMessagesNeverBlockOnAFullQueue()
    {
        var pool = new MessagePool();
        var q = new MessageQueue("main Q", new QueueSettings { Size = 100, TimeoutEnqueue = 30_000 }, new StatsRegistry(), new RecordingLog());
        q.EnqueueBatch(Batch(pool, 100), FlowControl.NoDelay);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        q.EnqueueBatch(Batch(pool, 1), FlowControl.NoDelay, mayBlock: false);
        Assert.True(sw.ElapsedMilliseconds < 5000);
        Assert.Equal(1, q.DiscardedFull.Value);
    }

    [Fact]
    public void DiscardMarkDropsLowSeverityOnly()
    {
        var pool = new MessagePool();
        var q = new MessageQueue("main Q", new QueueSettings { Size = 100, DiscardMark = 10, DiscardSeverity = 5 }, new StatsRegistry(), new RecordingLog());
        q.EnqueueBatch(Batch(pool, 10, severity: 6), FlowControl.NoDelay); // reaches the mark: the tail is dropped
        int afterFirst = q.Count;
        q.EnqueueBatch(Batch(pool, 5, severity: 3), FlowControl.NoDelay); // errors are kept
        Assert.Equal(afterFirst + 5, q.Count);
        Assert.Equal(10 - afterFirst, q.DiscardedNf.Value);
        Assert.True(q.DiscardedNf.Value >= 1);
    }

    [Fact]
    public void DiscardMarkIsCheckedAgainAtDequeue()
    {
        var pool = new MessagePool();
        var q = new MessageQueue("main Q", new QueueSettings { Size = 100, DiscardMark = 10, DiscardSeverity = 5 }, new StatsRegistry(), new RecordingLog());
        q.EnqueueBatch(Batch(pool, 5, severity: 6), FlowControl.NoDelay); // below the mark: kept
        q.EnqueueBatch(Batch(pool, 7, severity: 3), FlowControl.NoDelay); // important: kept above the mark
        Assert.Equal(12, q.Count);
        var outBatch = new MessageBatch(64);
        int n = q.DequeueBatch(outBatch, 64);
        // Dequeued while the queue is still at or above the mark, the queued low-severity messages are dropped too.
        Assert.Equal(9, n);
        Assert.Equal(3, q.DiscardedNf.Value);
        Assert.Equal(0, q.Count);
        for (int i = 0; i < n; i++) Assert.True(i < 2 ? outBatch[i].Severity == 6 : outBatch[i].Severity == 3);
    }

    [Fact]
    public void FullDelayProducersWaitWhileTheQueueIsAboveTheMark()
    {
        var pool = new MessagePool();
        var q = new MessageQueue("main Q", new QueueSettings { Size = 100, FullDelayMark = 50, TimeoutEnqueue = 30_000 }, new StatsRegistry(), new RecordingLog());
        q.EnqueueBatch(Batch(pool, 60), FlowControl.NoDelay);
        var producer = new Thread(() => q.EnqueueBatch(Batch(pool, 5), FlowControl.FullDelay));
        producer.Start();
        Thread.Sleep(300);
        Assert.True(producer.IsAlive, "a full-delay producer should wait above the full-delay mark");
        Assert.Equal(60, q.Count);
        q.DequeueBatch(new MessageBatch(64), 40); // down to 20, below half the mark
        Assert.True(producer.Join(TimeSpan.FromSeconds(20)));
        Assert.Equal(25, q.Count);
    }
}
