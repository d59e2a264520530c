using BenchmarkDotNet.Attributes;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Queues;
using Sluice.Engine.Stats;
using Sluice.Engine.Submit;

namespace Sluice.Bench;

/// <summary>
/// What the in-memory main queue adds per message: <see cref="Producers"/> threads enqueue batches (as imtcp
/// workers do, light-delay flow control) while <see cref="Consumers"/> threads dequeue batches of 256 (as queue
/// workers do). One operation is one message through the queue, wall time, all threads together; nothing else
/// happens to the messages, so the figure is the queue's own cost including contention between the threads.
/// </summary>
[MemoryDiagnoser]
public class MainQueueBenchmarks
{
    private const int ProducerBatch = 64;

    [Params(1, 2, 4)]
    public int Producers { get; set; }

    [Params(1, 2)]
    public int Consumers { get; set; }

    private MessageQueue _queue = null!;
    private Message[] _messages = null!;

    [GlobalSetup]
    public void Setup()
    {
        var pool = new MessagePool();
        _messages = new Message[ProducerBatch];
        for (int i = 0; i < _messages.Length; i++) _messages[i] = pool.Rent();
        _queue = new MessageQueue("main Q", QueueSettings.LegacyMainQueue.Corrected("main Q"), new StatsRegistry(), new RecordingLog());
    }

    private const int Total = 800_000;
    private long _remaining;

    [Benchmark(OperationsPerInvoke = Total)]
    public void EnqueueDequeue()
    {
        // Every run moves the same number of messages whatever the thread counts.
        int perProducer = Total / Producers;
        _remaining = (long)perProducer * Producers;
        var threads = new Thread[Producers + Consumers];
        for (int p = 0; p < Producers; p++) threads[p] = new Thread(Produce) { IsBackground = true };
        for (int c = 0; c < Consumers; c++) threads[Producers + c] = new Thread(Consume) { IsBackground = true };
        for (int p = 0; p < Producers; p++) threads[p].Start(perProducer);
        for (int c = 0; c < Consumers; c++) threads[Producers + c].Start();
        foreach (var t in threads) t.Join();
    }

    private void Produce(object? state)
    {
        int n = (int)state!;
        var batch = new MessageBatch(ProducerBatch);
        for (int sent = 0; sent < n; sent += ProducerBatch)
        {
            int k = Math.Min(ProducerBatch, n - sent);
            for (int i = 0; i < k; i++) batch.Add(_messages[i]);
            _queue.EnqueueBatch(batch, FlowControl.LightDelay);
        }
    }

    private void Consume()
    {
        var batch = new MessageBatch(256);
        while (Interlocked.Read(ref _remaining) > 0)
        {
            int got = _queue.DequeueBatch(batch, 256);
            if (got == 0)
            {
                _queue.WaitForItems(1);
                continue;
            }
            batch.Clear();
            Interlocked.Add(ref _remaining, -got);
        }
    }
}
