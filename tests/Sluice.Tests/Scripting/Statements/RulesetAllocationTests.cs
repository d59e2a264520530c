using Sluice.Engine.Scripting;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Scripting.Statements;

/// <summary>The hot path of a ruleset — selectors, property filters, if on properties, set of a local variable — allocates nothing.</summary>
public sealed class RulesetAllocationTests
{
    [Fact]
    public void Nineteen_rules_over_messages_allocate_nothing_once_warm()
    {
        using var p = new ScriptPlan(RulesetCorpus.NineteenRules);
        var messages = RulesetCorpus.Messages.Select(m => SampleMessages.Parse(m)).ToArray();
        var statements = p.Plan.DefaultRuleset.Statements;
        Assert.Equal(19, statements.Length);
        for (int round = 0; round < 50; round++) RunAll(statements, messages, p);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 200; round++) RunAll(statements, messages, p);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);

        // The rules did run: the first message matched these.
        Statement.ExecuteAll(statements, messages[0], p.Context);
        Assert.True(messages[0].Variables!.Locals.Find(Sluice.Engine.Messages.Variables.VariablePath.Parse(".r6")) is not null);
        Assert.True(messages[0].Variables!.Locals.Find(Sluice.Engine.Messages.Variables.VariablePath.Parse(".r7")) is not null);
        Assert.Null(messages[0].Variables!.Locals.Find(Sluice.Engine.Messages.Variables.VariablePath.Parse(".r9")));
    }

    private static void RunAll(Statement[] statements, Sluice.Engine.Messages.Message[] messages, ScriptPlan p)
    {
        foreach (var m in messages)
        {
            Statement.ExecuteAll(statements, m, p.Context);
            m.Variables?.Clear(); // what the next use of a pooled message does
        }
    }
}
