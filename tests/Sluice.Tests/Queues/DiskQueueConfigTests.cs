using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Queues;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Queues;

/// <summary>Disk queue settings from configs bound with the real modules (omfwd included).</summary>
public sealed class DiskQueueConfigTests
{
    private readonly RecordingLog _log = new();

    private RuntimePlan Build(string text)
    {
        var services = new EngineServices(new GlobalSettings(), _log, new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        return new PlanBuilder(BuiltInModules.CreateRegistry(), new TemplateFactory()).Build(ConfigLoader.LoadText(text, "test.conf"), services);
    }

    [Fact]
    public void The_classic_legacy_disk_assisted_forwarding_setup_applies_to_the_forwarding_line_after_it()
    {
        var plan = Build("$WorkDirectory /tmp\n$ActionQueueType LinkedList\n$ActionQueueFileName fwdRule1\n$ActionQueueMaxDiskSpace 1g\n" +
                         "$ActionQueueSaveOnShutdown on\n$ActionResumeRetryCount -1\n*.* @@127.0.0.1:10514\n*.* @@127.0.0.1:10515\n");
        var q = plan.Actions[0].Settings.Queue;
        Assert.Equal("fwdRule1", q.FileName);
        Assert.Equal(QueueType.LinkedList, q.Type);
        Assert.True(q.IsDiskAssisted);
        Assert.Equal(1L << 30, q.MaxDiskSpace);
        Assert.Equal(-1, plan.Actions[0].Settings.ResumeRetryCount);
        // Reset after each action, as rsyslog does.
        Assert.Null(plan.Actions[1].Settings.Queue.FileName);
        Assert.Equal(QueueType.Direct, plan.Actions[1].Settings.Queue.Type);
    }

    [Fact]
    public void The_seed_articles_action_binds_with_rsyslogs_derived_values()
    {
        var plan = Build("global(workDirectory=\"/tmp\")\n" +
                         "action(type=\"omfwd\" target=\"127.0.0.1\" port=\"20514\" protocol=\"tcp\" queue.type=\"LinkedList\" queue.size=\"10000\" " +
                         "queue.filename=\"q_sendToLogserver\" queue.highwatermark=\"9000\" queue.lowwatermark=\"50\" queue.maxdiskspace=\"500m\" " +
                         "queue.saveonshutdown=\"on\" action.resumeRetryCount=\"-1\" action.reportSuspension=\"on\" " +
                         "action.reportSuspensionContinuation=\"on\" action.resumeInterval=\"10\")\n");
        var q = plan.Actions[0].Settings.Queue;
        Assert.True(q.IsDiskAssisted);
        Assert.False(q.IsJournaled);
        Assert.Equal(9000, q.HighWatermark);
        Assert.Equal(50, q.LowWatermark);
        Assert.Equal(500L * 1024 * 1024, q.MaxDiskSpace);
        Assert.True(q.SaveOnShutdown);
        // rsyslog's qqueueStart caps a DA queue's full-delay mark at half the high watermark.
        Assert.Equal(4500, q.FullDelayMark);
    }
}
