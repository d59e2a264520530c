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
