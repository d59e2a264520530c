using Sluice.Engine.Messages;
using Sluice.Engine.Queues;
using Sluice.Engine.Runtime;
using Sluice.Tests.Properties;
using Sluice.Tests.Scripting.Statements;

namespace Sluice.Tests.Runtime;

public sealed class RulesetBindingTests
{
    [Fact]
    public void Ruleset_queue_parameters_start_from_rsyslogs_ruleset_queue_defaults()
    {
        using var p = new ScriptPlan("ruleset(name=\"q\" queue.type=\"LinkedList\" queue.workerThreads=\"2\") { stop }\nruleset(name=\"plain\") { stop }\n");
        var q = p.Plan.Rulesets["q"].QueueSettings!;
        Assert.Equal(QueueType.LinkedList, q.Type);
        Assert.Equal(2, q.WorkerThreads);
        Assert.Equal(QueueSettings.RulesetQueue.Size, q.Size);
        Assert.Equal(QueueSettings.RulesetQueue.DequeueBatchSize, q.DequeueBatchSize);
        Assert.Null(p.Plan.Rulesets["plain"].QueueSettings);
    }

    [Fact]
    public void Legacy_ruleset_create_main_queue_gives_the_current_ruleset_the_main_queue_settings()
    {
        using var p = new ScriptPlan("$Ruleset remote\n$RulesetCreateMainQueue on\n*.* stop\n$Ruleset other\n$RulesetCreateMainQueue off\n");
        Assert.Equal(p.Plan.MainQueue, p.Plan.Rulesets["remote"].QueueSettings);
        Assert.Null(p.Plan.Rulesets["other"].QueueSettings);
        Assert.Single(p.Plan.Rulesets["remote"].Statements);
    }

    [Fact]
    public void Ruleset_errors()
    {
        Assert.Equal(new[]
        {
            "test.conf:1:1: $RulesetCreateMainQueue: currently no specific ruleset specified, thus a queue can not be added to it",
            "test.conf:3:25: $RulesetCreateMainQueue must be \"on\" or \"off\", not \"maybe\"",
            "test.conf:4:18: parameter 'parser' of ruleset() is not supported by Sluice yet",
            "test.conf:5:1: ruleset(): parameter 'name' is required",
        }, ScriptPlan.Errors(
            "$RulesetCreateMainQueue on\n" +
            "$Ruleset r\n" +
            "$RulesetCreateMainQueue maybe\n" +
            "ruleset(name=\"p\" parser=\"rsyslog.rfc5424\") { stop }\n" +
            "ruleset() { stop }\n"));
    }

    [Fact]
    public void A_copied_message_has_its_own_bytes_fields_and_variables()
    {
        var pool = new MessagePool();
        var source = SampleMessages.Parse("<13>Oct  1 10:00:00 host prog[1]: text");
        var variables = source.GetOrCreateVariables();
        Assert.True(variables.AddJson(Sluice.Engine.Messages.Variables.VariablePath.Parse("!"), "{\"a\":[1,2]}"u8));
        Assert.True(variables.AddJson(Sluice.Engine.Messages.Variables.VariablePath.Parse(".l"), "\"x\""u8));
        var copy = MessageCopy.Duplicate(source, pool);
        Assert.Equal(" text", Sluice.Engine.Properties.MessageProperties.Get(copy, "msg"));
        Assert.Equal("prog", Sluice.Engine.Properties.MessageProperties.Get(copy, "programname"));
        Assert.Equal(source.Pri, copy.Pri);
        variables.Clear();
        var buffer = new Sluice.Engine.Templates.ByteBuffer(64);
        copy.Variables!.Render(Sluice.Engine.Messages.Variables.VariablePath.Parse("!"), buffer);
        buffer.Append((byte)'|');
        copy.Variables.Render(Sluice.Engine.Messages.Variables.VariablePath.Parse("."), buffer);
        Assert.Equal("{ \"a\": [ 1, 2 ] }|{ \"l\": \"x\" }", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        copy.Release();
    }
}
