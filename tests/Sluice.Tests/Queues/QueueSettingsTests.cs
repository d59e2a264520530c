using Sluice.Engine.Queues;

namespace Sluice.Tests.Queues;

public class QueueSettingsTests
{
    [Fact]
    public void Action_queue_defaults_are_rsyslogs()
    {
        var q = QueueSettings.ActionQueue;
        Assert.Equal(QueueType.Direct, q.Type);
        Assert.Equal(1000, q.Size);
        Assert.Equal(128, q.DequeueBatchSize);
        Assert.Equal(1, q.WorkerThreads);
        Assert.Equal(10, q.TimeoutShutdown);
        Assert.Equal(1000, q.TimeoutActionCompletion);
        Assert.Equal(2000, q.TimeoutEnqueue);
        Assert.Equal(8, q.DiscardSeverity);
        Assert.True(q.SaveOnShutdown);
        Assert.Equal(0, q.DequeueTimeBegin);
        Assert.Equal(25, q.DequeueTimeEnd);
        Assert.Equal(1000, q.MinDequeueBatchSizeTimeout);
    }

    [Fact]
    public void Corrected_derives_the_marks_as_qqueueCorrectParams()
    {
        var q = (QueueSettings.ActionQueue with { Type = QueueType.LinkedList }).Corrected("a queue");
        Assert.Equal(900, q.HighWatermark);
        Assert.Equal(700, q.LowWatermark);
        Assert.Equal(980, q.DiscardMark);
        Assert.Equal(970, q.FullDelayMark);
        Assert.Equal(700, q.EffectiveLightDelayMark);
        Assert.Equal(1000, q.WorkerThreadMinimumMessages); // size / workers
        Assert.Equal(128, q.DequeueBatchSize);

        var tiny = (QueueSettings.ActionQueue with { Type = QueueType.FixedArray, Size = 50, DequeueBatchSize = 128 }).Corrected("t");
        Assert.Equal(50, tiny.DequeueBatchSize);    // capped at the size
        Assert.Equal(50, tiny.DiscardMark);         // 98% of 50 rounds to 0: discarding is off
        Assert.Equal(49, tiny.FullDelayMark);
        Assert.Equal(50, tiny.HighWatermark);

        // Implausible explicit values are replaced; plausible ones kept.
        var odd = (QueueSettings.ActionQueue with { Size = 1000, HighWatermark = 5000, LowWatermark = 950, DiscardMark = 990 }).Corrected("o");
        Assert.Equal(900, odd.HighWatermark);
        Assert.Equal(700, odd.LowWatermark);
        Assert.Equal(990, odd.DiscardMark);
    }

    [Fact]
    public void Corrected_reports_rsyslogs_warnings()
    {
        var warnings = new List<string>();
        (QueueSettings.ActionQueue with
        {
            Type = QueueType.LinkedList, Size = 200, HighWatermark = 10, DiscardMark = 20, WorkerThreads = 2, WorkerThreadMinimumMessages = 1,
        }).Corrected("fwd queue", warnings);
        Assert.Equal(new[]
        {
            "queue \"fwd queue\": high water mark is set quite low at 10. You should only set it below 60% (120) if you have a good reason for this.",
            "queue \"fwd queue\": queue.workerThreadMinimumMessage is set quite low at 1. You should only set it below 10% (20) if you have a good reason for this.",
            "queue \"fwd queue\": queue.discardMark is set quite low at 20. You should only set it below 80% (160) if you have a good reason for this.",
        }, warnings);

        warnings.Clear();
        (QueueSettings.ActionQueue with { Type = QueueType.FixedArray, Size = 50 }).Corrected("small", warnings);
        Assert.Equal(new[] { "Note: queue.size=\"50\" is very low and can lead to unpredictable results. See also https://www.rsyslog.com/lower-bound-for-queue-sizes/" }, warnings);
        warnings.Clear();
        QueueSettings.ActionQueue.Corrected("defaults", warnings);
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData(0, 25, 3, 0, 0, 0)]            // no window
    [InlineData(8, 17, 9, 30, 0, 0)]           // inside
    [InlineData(8, 17, 7, 30, 0, 1860)]        // before: rsyslog's arithmetic wakes a minute late
    [InlineData(8, 17, 18, 0, 0, 50400)]       // after: until 8 tomorrow
    [InlineData(22, 4, 3, 10, 0, 0)]           // wrapped window, early morning
    [InlineData(22, 4, 23, 0, 0, 0)]           // wrapped window, late evening
    [InlineData(22, 4, 12, 0, 0, 36000)]       // wrapped window, noon: until 22
    public void Dequeue_time_window_delay_is_rsyslogs(int begin, int end, int h, int m, int s, int expected)
        => Assert.Equal(expected, Math.Max(0, DequeueTimeWindow.DelaySeconds(begin, end, h, m, s)));
}
