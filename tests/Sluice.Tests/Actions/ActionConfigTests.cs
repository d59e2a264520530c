using Sluice.Engine.Actions;
using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Queues;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;
using Sluice.Tests.Config;

namespace Sluice.Tests.Actions;

/// <summary>action.* and queue.* in action(): bound with rsyslog's names, defaults and corrections.</summary>
public class ActionConfigTests
{
    private readonly RecordingLog _log = new();

    private RuntimePlan Build(string text)
    {
        var services = new EngineServices(new GlobalSettings(), _log, new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        var registry = new ModuleRegistry();
        registry.Register(FakeOutputModule.OmFile());
        return new PlanBuilder(registry, new FakeTemplateFactory()).Build(ConfigLoader.LoadText(text, "test.conf"), services);
    }

    private string Error(string text) => Assert.Single(Assert.Throws<ConfigException>(() => Build(text)).Errors).ToString();

    [Fact]
    public void Defaults_are_rsyslogs()
    {
        var a = Assert.Single(Build("action(type=\"omfile\" file=\"/x\")").Actions);
        var s = a.Settings;
        Assert.Equal(30, s.ResumeInterval);
        Assert.Equal(1800, s.ResumeIntervalMax);
        Assert.Equal(0, s.ResumeRetryCount);
        Assert.True(s.EffectiveReportSuspension);
        Assert.False(s.EffectiveReportSuspensionContinuation);
        Assert.False(s.ExecOnlyWhenPreviousIsSuspended);
        Assert.Null(s.ErrorFile);
        Assert.True(a.IsDirect);
        Assert.Equal("builtin:omfile", a.ModuleDisplayName);
    }

    [Fact]
    public void The_seed_articles_action_binds()
    {
        var plan = Build(
            "action(type=\"omfile\" file=\"/x\" name=\"fwd\" queue.type=\"LinkedList\" queue.size=\"10000\"\n" +
            " queue.highwatermark=\"9000\" queue.lowwatermark=\"50\" queue.saveonshutdown=\"on\" action.resumeRetryCount=\"-1\"\n" +
            " action.reportSuspension=\"on\" action.reportSuspensionContinuation=\"on\" action.resumeInterval=\"10\")\n" +
            "action(type=\"omfile\" file=\"/y\" action.execOnlyWhenPreviousIsSuspended=\"on\" queue.dequeuebatchsize=\"1\"\n" +
            " action.errorfile=\"/var/log/err.json\" action.errorfile.maxsize=\"1000\" action.resumeIntervalMax=\"60\"\n" +
            " action.execOnlyEveryNthTime=\"3\" action.execOnlyEveryNthTimeTimeout=\"20\" action.execOnlyOnceEveryInterval=\"5\")");
        var fwd = plan.Actions[0].Settings;
        Assert.Equal(-1, fwd.ResumeRetryCount);
        Assert.Equal(10, fwd.ResumeInterval);
        Assert.True(fwd.EffectiveReportSuspensionContinuation);
        Assert.Equal(QueueType.LinkedList, fwd.Queue.Type);
        Assert.Equal(10000, fwd.Queue.Size);
        Assert.Equal(9000, fwd.Queue.HighWatermark);
        Assert.Equal(50, fwd.Queue.LowWatermark);
        Assert.Equal(128, fwd.Queue.DequeueBatchSize);
        Assert.Equal(1, fwd.Queue.WorkerThreads);
        Assert.Equal(10, fwd.Queue.TimeoutShutdown);
        Assert.Equal(9800, fwd.Queue.DiscardMark);   // derived by qqueueCorrectParams
        Assert.False(plan.Actions[0].IsDirect);

        var backup = plan.Actions[1];
        Assert.True(backup.ExecOnlyWhenPreviousIsSuspended);
        Assert.True(backup.IsDirect);
        Assert.Equal(1, backup.Settings.Queue.DequeueBatchSize);
        Assert.Equal("/var/log/err.json", backup.Settings.ErrorFile);
        Assert.Equal(1000, backup.Settings.ErrorFileMaxSize);
        Assert.Equal(60, backup.Settings.ResumeIntervalMax);
        Assert.Equal(3, backup.Settings.ExecOnlyEveryNthTime);
        Assert.Equal(20, backup.Settings.ExecOnlyEveryNthTimeTimeout);
        Assert.Equal(5, backup.Settings.ExecOnlyOnceEveryInterval);
        // A high watermark of 90% is plausible: no warning.
        Assert.False(_log.Contains("queue \"fwd queue\": high water mark"));
    }

    [Fact]
    public void Queue_parameters_bind_for_actions()
    {
        var q = Assert.Single(Build(
            "action(type=\"omfile\" file=\"/x\" queue.type=\"FixedArray\" queue.size=\"2000\" queue.dequeueBatchSize=\"64\"\n" +
            " queue.workerThreads=\"3\" queue.workerThreadMinimumMessages=\"500\" queue.timeoutEnqueue=\"0\" queue.timeoutShutdown=\"5\"\n" +
            " queue.timeoutActionCompletion=\"7\" queue.discardMark=\"1900\" queue.discardSeverity=\"6\" queue.dequeueSlowdown=\"1000\"\n" +
            " queue.minDequeueBatchSize=\"8\" queue.minDequeueBatchSize.timeout=\"50\" queue.dequeueTimeBegin=\"1\" queue.dequeueTimeEnd=\"5\"\n" +
            " queue.fullDelayMark=\"1800\" queue.lightDelayMark=\"1500\")").Actions).Settings.Queue;
        Assert.Equal(QueueType.FixedArray, q.Type);
        Assert.Equal(2000, q.Size);
        Assert.Equal(64, q.DequeueBatchSize);
        Assert.Equal(3, q.WorkerThreads);
        Assert.Equal(500, q.WorkerThreadMinimumMessages);
        Assert.Equal(0, q.TimeoutEnqueue);
        Assert.Equal(5, q.TimeoutShutdown);
        Assert.Equal(7, q.TimeoutActionCompletion);
        Assert.Equal(1900, q.DiscardMark);
        Assert.Equal(6, q.DiscardSeverity);
        Assert.Equal(1000, q.DequeueSlowdown);
        Assert.Equal(8, q.MinDequeueBatchSize);
        Assert.Equal(50, q.MinDequeueBatchSizeTimeout);
        Assert.Equal(1, q.DequeueTimeBegin);
        Assert.Equal(5, q.DequeueTimeEnd);
        Assert.Equal(1800, q.FullDelayMark);
        Assert.Equal(1500, q.EffectiveLightDelayMark);
    }

    [Fact]
    public void Implausible_queue_settings_are_corrected_with_rsyslogs_warning()
    {
        Build("action(type=\"omfile\" file=\"/x\" name=\"a\" queue.type=\"LinkedList\" queue.highWatermark=\"100\")");
        Assert.True(_log.Contains("queue \"a queue\": high water mark is set quite low at 100. You should only set it below 60% (600) if you have a good reason for this."));
    }

    [Fact]
    public void Values_are_checked()
    {
        Assert.Equal("test.conf:1:56: action(): parameter 'action.resumeRetryCount' must be at least -1, not -2",
            Error("action(type=\"omfile\" file=\"/x\" action.resumeRetryCount=\"-2\")"));
        Assert.Equal("test.conf:1:57: action(): parameter 'action.resumeIntervalMax' must be between 1 and 2147483, not 0",
            Error("action(type=\"omfile\" file=\"/x\" action.resumeIntervalMax=\"0\")"));
        Assert.Equal("test.conf:1:32: parameter 'action.writeAllMarkMessages' of action() is not supported by Sluice yet",
            Error("action(type=\"omfile\" file=\"/x\" action.writeAllMarkMessages=\"off\")"));
        Assert.Equal("test.conf:1:32: parameter 'queue.onCorruption' of action() is not supported by Sluice yet",
            Error("action(type=\"omfile\" file=\"/x\" queue.onCorruption=\"ignore\")"));
        Assert.Equal("test.conf:1:66: action(): parameter 'queue.timeoutWorkerThreadShutdown' must be at least -1, not -2",
            Error("action(type=\"omfile\" file=\"/x\" queue.timeoutWorkerThreadShutdown=\"-2\")"));
        Assert.Equal("test.conf:1:47: queue.filename \"a/b\" must be a file name, not a path: the files go to queue.spoolDirectory or the global workDirectory",
            Error("action(type=\"omfile\" file=\"/x\" queue.filename=\"a/b\")"));
    }

    [Fact]
    public void Legacy_actions_get_the_legacy_defaults()
    {
        var a = Assert.Single(Build("*.* /var/log/all").Actions);
        Assert.True(a.IsDirect);
        Assert.Equal(16, a.Settings.Queue.DequeueBatchSize);
        Assert.Equal(0, a.Settings.ResumeRetryCount);
    }

    [Fact]
    public void Legacy_action_directives_set_up_the_next_legacy_action_and_the_per_action_ones_reset()
    {
        var plan = Build(
            "$ActionResumeInterval 10\n" +
            "$ActionQueueType LinkedList\n" +
            "$ActionQueueSize 5000\n" +
            "$ActionQueueDequeueBatchSize 32\n" +
            "$ActionResumeRetryCount -1\n" +
            "$ActionName fwd\n" +
            "*.* /var/log/first\n" +
            "$ActionExecOnlyWhenPreviousIsSuspended on\n" +
            "*.* /var/log/second\n" +
            "$ResetConfigVariables\n" +
            "*.* /var/log/third\n");
        var first = plan.Actions[0];
        Assert.Equal("fwd", first.Name);
        Assert.Equal(10, first.Settings.ResumeInterval);
        Assert.Equal(-1, first.Settings.ResumeRetryCount);
        Assert.Equal(QueueType.LinkedList, first.Settings.Queue.Type);
        Assert.Equal(5000, first.Settings.Queue.Size);
        Assert.Equal(32, first.Settings.Queue.DequeueBatchSize);

        // Queue settings, retry count and name were reset; the resume interval stays.
        var second = plan.Actions[1];
        Assert.Equal("action-1-builtin:omfile", second.Name);
        Assert.True(second.IsDirect);
        Assert.Equal(0, second.Settings.ResumeRetryCount);
        Assert.Equal(10, second.Settings.ResumeInterval);
        Assert.True(second.ExecOnlyWhenPreviousIsSuspended);

        Assert.False(plan.Actions[2].ExecOnlyWhenPreviousIsSuspended);
    }

    [Fact]
    public void Legacy_action_directives_are_checked()
    {
        Assert.Equal("test.conf:1:25: directive '$ActionResumeRetryCount' must be at least -1, not -5",
            Error("$ActionResumeRetryCount -5\n*.* /var/log/x\n"));
        Assert.Equal("test.conf:1:1: legacy directive '$ActionWriteAllMarkMessages' is not supported yet",
            Error("$ActionWriteAllMarkMessages on\n*.* /var/log/x\n"));
        Assert.Equal("test.conf:1:32: directive '$ActionQueueCheckpointInterval' must be at least 0, not -1",
            Error("$ActionQueueCheckpointInterval -1\n*.* /var/log/x\n"));
    }
}
