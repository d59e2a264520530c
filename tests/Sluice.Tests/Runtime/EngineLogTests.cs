using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Properties;
using Sluice.Engine.Queues;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;

namespace Sluice.Tests.Runtime;

public class EngineLogTests
{
    [Fact]
    public void InternalMessagesLookLikeRsyslogs()
    {
        var globals = new GlobalSettings();
        var queue = new MessageQueue("main Q", new QueueSettings(), new StatsRegistry(), new RecordingLog());
        var log = new EngineLog(toStderr: false);
        log.Attach(new Sluice.Engine.Submit.Submitter(queue, globals), new MessagePool(), "collector");

        log.Error("imtcp: too many tcp sessions - dropping incoming request");

        var batch = new MessageBatch(4);
        Assert.Equal(1, queue.DequeueBatch(batch, 4));
        var m = batch[0];
        Assert.Equal("rsyslogd:", MessageProperties.Get(m, "syslogtag"));
        Assert.Equal("rsyslogd", MessageProperties.Get(m, "programname"));
        Assert.Equal("collector", MessageProperties.Get(m, "hostname"));
        Assert.Equal("imtcp: too many tcp sessions - dropping incoming request", MessageProperties.Get(m, "msg"));
        Assert.Equal(5, m.Facility); // syslog
        Assert.Equal(3, m.Severity); // error
        Assert.Equal("rsyslogd", m.Input.InputName);
        Assert.False(m.TimeReported.IsSet); // rsyslog: timereported = the time it was generated
    }

    [Fact]
    public void BeforeAttachAndAfterDetachNothingIsQueued()
    {
        var queue = new MessageQueue("main Q", new QueueSettings(), new StatsRegistry(), new RecordingLog());
        var log = new EngineLog(toStderr: false);
        log.Info("early");
        log.Attach(new Sluice.Engine.Submit.Submitter(queue, new GlobalSettings()), new MessagePool(), "h");
        log.Detach();
        log.Info("late");
        Assert.Equal(0, queue.Count);
    }
}

public class InternalMessageRateLimiterTests
{
    [Fact]
    public void BurstPassesThenDropsAreCountedAndReportedInTheNextWindow()
    {
        var limiter = new Sluice.Engine.Diagnostics.InternalMessageRateLimiter(intervalSeconds: 5, burst: 3);
        for (int i = 0; i < 3; i++) Assert.True(limiter.Allow(1000 + i, out _));
        Assert.False(limiter.Allow(1100, out _));
        Assert.False(limiter.Allow(1200, out _));
        Assert.True(limiter.Allow(6000, out int dropped));
        Assert.Equal(2, dropped);
        Assert.True(limiter.Allow(6001, out dropped));
        Assert.Equal(0, dropped);
    }

    [Fact]
    public void EngineLogStopsQueueingAtTheBurstAndSaysHowManyItLost()
    {
        var queue = new MessageQueue("main Q", new QueueSettings(), new StatsRegistry(), new RecordingLog());
        var log = new EngineLog(toStderr: false, new Sluice.Engine.Diagnostics.InternalMessageRateLimiter(intervalSeconds: 1, burst: 10));
        log.Attach(new Sluice.Engine.Submit.Submitter(queue, new GlobalSettings()), new MessagePool(), "h");
        for (int i = 0; i < 100; i++) log.Error($"framing error {i}");
        Assert.Equal(10, queue.Count);
        Thread.Sleep(1100);
        log.Error("after the window");
        var batch = new MessageBatch(32);
        queue.DequeueBatch(batch, 32);
        Assert.Equal(12, batch.Count);
        Assert.Equal("90 messages lost due to rate-limiting (10 allowed within 1 seconds)", MessageProperties.Get(batch[10], "msg"));
        Assert.Equal("after the window", MessageProperties.Get(batch[11], "msg"));
    }
}
