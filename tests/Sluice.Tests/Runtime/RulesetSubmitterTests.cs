using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Queues;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Submit;
using Sluice.Tests.Properties;
using Sluice.Tests.Scripting.Statements;

namespace Sluice.Tests.Runtime;

public sealed class RulesetSubmitterTests
{
    [Fact]
    public void Messages_go_to_the_queue_of_their_inputs_ruleset_and_mixed_batches_are_split()
    {
        using var p = new ScriptPlan("ruleset(name=\"q\" queue.type=\"LinkedList\") { stop }\nruleset(name=\"plain\") { stop }\n");
        var log = new EngineLog(toStderr: false);
        var queueEnv = new QueueEnvironment(null, p.Services.MessagePool, new Sluice.Engine.Messages.Serialization.MessageReadContext(), p.Services.Stats, log);
        var queued = new RulesetQueue(p.Plan.Rulesets["q"], p.Plan, "h"u8.ToArray(), p.Services, queueEnv, log);
        p.Plan.Rulesets["q"].Inbox = queued; // as Start does, without starting its workers
        var main = new MessageQueue("main Q", p.Plan.MainQueue, new StatsRegistry(), new RecordingLog());
        var submitter = new RulesetSubmitter(p.Plan, new Submitter(main, p.Plan.Globals));

        var toQ = new InputInfo("a", "Q"); // ruleset names compare case-insensitively
        var toPlain = new InputInfo("b", "plain");
        var toDefault = new InputInfo("c", null);

        var whole = new MessageBatch(4);
        whole.Add(Message(toQ));
        whole.Add(Message(toQ));
        submitter.Submit(whole, FlowControl.NoDelay);
        Assert.Equal(2, queued.Queue.Count);
        Assert.Equal(0, main.Count);

        var mixed = new MessageBatch(4);
        mixed.Add(Message(toPlain));
        mixed.Add(Message(toQ));
        mixed.Add(Message(toDefault));
        submitter.Submit(mixed, FlowControl.NoDelay);
        Assert.Equal(3, queued.Queue.Count);
        Assert.Equal(2, main.Count);
        Assert.Equal(0, mixed.Count); // the submitter took every message
    }

    private static Message Message(InputInfo input)
    {
        var m = SampleMessages.Parse("<13>Oct  1 10:00:00 h p: x");
        m.Input = input;
        return m;
    }
}
