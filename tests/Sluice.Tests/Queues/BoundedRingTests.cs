using Sluice.Engine.Queues;

namespace Sluice.Tests.Queues;

public class BoundedRingTests
{
    private sealed class Item
    {
        public Item(int producer, int seq) { Producer = producer; Seq = seq; }
        public int Producer { get; }
        public int Seq { get; }
    }

    [Fact]
    public void CapacityIsRoundedUpToPowerOfTwoAndFullIsReported()
    {
        var ring = new BoundedRing<Item>(5);
        Assert.Equal(8, ring.Capacity);
        for (int i = 0; i < 8; i++) Assert.True(ring.TryEnqueue(new Item(0, i)));
        Assert.False(ring.TryEnqueue(new Item(0, 8)));
        Assert.True(ring.TryDequeue(out var first));
        Assert.Equal(0, first!.Seq);
        Assert.True(ring.TryEnqueue(new Item(0, 8)));
    }

    [Fact]
    public void EmptyRingDequeuesNothing()
    {
        var ring = new BoundedRing<Item>(4);
        Assert.False(ring.TryDequeue(out _));
    }

    [Fact]
    public void ConcurrentProducersAndConsumersLoseAndDuplicateNothingAndKeepPerProducerOrder()
    {
        const int producers = 4, perProducer = 100_000, consumers = 2;
        var ring = new BoundedRing<Item>(1024);
        var seen = new int[producers][];
        for (int p = 0; p < producers; p++) seen[p] = new int[perProducer];
        var lastSeen = new int[consumers, producers];
        for (int c = 0; c < consumers; c++) for (int p = 0; p < producers; p++) lastSeen[c, p] = -1;
        int consumed = 0;
        bool orderBroken = false;

        var threads = new List<Thread>();
        for (int p = 0; p < producers; p++)
        {
            int id = p;
            threads.Add(new Thread(() =>
            {
                for (int i = 0; i < perProducer; i++)
                {
                    var item = new Item(id, i);
                    while (!ring.TryEnqueue(item)) Thread.Yield();
                }
            }));
        }
        for (int c = 0; c < consumers; c++)
        {
            int id = c;
            threads.Add(new Thread(() =>
            {
                var deadline = Environment.TickCount64 + 60_000;
                while (Volatile.Read(ref consumed) < producers * perProducer && Environment.TickCount64 < deadline)
                {
                    if (!ring.TryDequeue(out var item)) { Thread.Yield(); continue; }
                    Interlocked.Increment(ref seen[item!.Producer][item.Seq]);
                    // Each consumer sees any one producer's items in increasing order.
                    if (item.Seq <= lastSeen[id, item.Producer]) orderBroken = true;
                    lastSeen[id, item.Producer] = item.Seq;
                    Interlocked.Increment(ref consumed);
                }
            }));
        }
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.True(t.Join(TimeSpan.FromSeconds(90)));

        Assert.Equal(producers * perProducer, consumed);
        Assert.False(orderBroken);
        for (int p = 0; p < producers; p++)
            for (int i = 0; i < perProducer; i++)
                Assert.Equal(1, seen[p][i]);
    }
}
