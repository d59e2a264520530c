using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Queues;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Config;

/// <summary>
/// $MainMsgQueue… directives as rsyslogd 8.2302 applies them (tools/rsyslogd.c createMainQueue): global, last value
/// wins; ignored when a main_queue() object exists (which starts from the ruleset-queue defaults). Also the other
/// global directive that changes nothing in rsyslogd 8.2302, $RepeatedMsgContainsOriginalMsg.
/// </summary>
public sealed class LegacyMainQueueDirectiveTests : IDisposable
{
    private readonly List<RuntimePlan> _plans = new();
    private readonly RecordingLog _log = new();

    public void Dispose()
    {
        foreach (var p in _plans)
        {
            foreach (var i in p.Inputs) i.Dispose();
            foreach (var a in p.Actions) a.Output.Dispose();
        }
    }

    private RuntimePlan Build(string text)
    {
        var services = new EngineServices(new GlobalSettings(), _log, new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        var plan = new PlanBuilder(BuiltInModules.CreateRegistry(), new TemplateFactory()).Build(ConfigLoader.LoadText(text, "test.conf"), services);
        _plans.Add(plan);
        return plan;
    }

    private List<string> Errors(string text) => Assert.Throws<ConfigException>(() => Build(text)).Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void The_directives_set_up_the_main_queue_wherever_they_stand()
    {
        var q = Build("$MainMsgQueueType LinkedList\n$MainMsgQueueSize 20000\n*.* /tmp/x\n$MainMsgQueueDequeueBatchSize 64\n"
                      + "$mainmsgqueueworkerthreads 2\n$MainMsgQueueHighWaterMark 16000\n$MainMsgQueueLowWaterMark 4000\n"
                      + "$MainMsgQueueDiscardMark 19000\n$MainMsgQueueDiscardSeverity 5\n$MainMsgQueueTimeoutEnqueue 0\n"
                      + "$MainMsgQueueSaveOnShutdown off\n$MainMsgQueueSize 30000\n").MainQueue;

        Assert.Equal(QueueType.LinkedList, q.Type);
        Assert.Equal(30000, q.Size); // the last one wins
        Assert.Equal(64, q.DequeueBatchSize);
        Assert.Equal(2, q.WorkerThreads);
        Assert.Equal(16000, q.HighWatermark);
        Assert.Equal(4000, q.LowWatermark);
        Assert.Equal(19000, q.DiscardMark);
        Assert.Equal(5, q.DiscardSeverity);
        Assert.Equal(0, q.TimeoutEnqueue);
        Assert.False(q.SaveOnShutdown);
        Assert.Equal(QueueSettings.LegacyMainQueue, Build("*.* /tmp/x\n").MainQueue);
    }

    [Fact]
    public void A_main_queue_object_wins_and_the_directives_are_reported_as_ignored()
    {
        var q = Build("$MainMsgQueueSize 20000\nmain_queue(queue.type=\"LinkedList\")\n*.* /tmp/x\n").MainQueue;

        Assert.Equal(QueueSettings.RulesetQueue.Size, q.Size);
        Assert.Equal(QueueType.LinkedList, q.Type);
        Assert.Contains(_log.Lines, e => e.Text.Contains("test.conf:1:1: $MainMsgQueueSize has no effect: main_queue() at test.conf:2:1", StringComparison.Ordinal));
    }

    [Fact]
    public void Ruleset_create_main_queue_copies_the_values_set_so_far()
    {
        var plan = Build("$MainMsgQueueSize 12345\n$Ruleset other\n$RulesetCreateMainQueue on\n*.* /tmp/x\n$Ruleset RSYSLOG_DefaultRuleset\n$MainMsgQueueSize 54321\n*.* /tmp/y\n");

        Assert.Equal(12345, plan.Rulesets["other"].QueueSettings!.Size);
        Assert.Equal(54321, plan.MainQueue.Size);
    }

    [Fact]
    public void Bad_values_and_unknown_names_are_errors()
    {
        Assert.Equal(string.Join("\n", new[]
        {
            "test.conf:1:19: directive '$MainMsgQueueSize' must be a size (digits with an optional k, m, g, t, p, e suffix for units of 1024 or K, M, G, T, P, E for 1000), not \"lots\"",
            "test.conf:2:1: invalid or yet-unknown config file command 'MainMsgQueueSise' - have you forgotten to load a module? (did you mean '$MainMsgQueueSize'?)",
        }), string.Join("\n", Errors("$MainMsgQueueSize lots\n$MainMsgQueueSise 5\n*.* /tmp/x\n")));
    }

    [Fact]
    public void Implausible_values_get_rsyslogs_warning()
    {
        Build("$MainMsgQueueSize 1000\n$MainMsgQueueDiscardMark 2000\n*.* /tmp/x\n");
        Assert.Contains(_log.Lines, e => e.Text == "error: queue \"main Q\": queue.discardMark 2000 is set larger than queue.size");
    }

    [Fact]
    public void RepeatedMsgContainsOriginalMsg_is_accepted_with_a_warning_that_it_changes_nothing()
    {
        Build("$RepeatedMsgContainsOriginalMsg off\n*.* /tmp/x\n");
        Assert.Contains(_log.Lines, e => e.Text.StartsWith("test.conf:1:1: $RepeatedMsgContainsOriginalMsg has no effect", StringComparison.Ordinal));
        Assert.Equal("test.conf:1:33: directive '$RepeatedMsgContainsOriginalMsg' must be \"on\" or \"off\", not \"perhaps\"",
            string.Join("\n", Errors("$RepeatedMsgContainsOriginalMsg perhaps\n*.* /tmp/x\n")));
    }
}
