using Sluice.Engine.Messages;
using Sluice.Engine.Scripting;
using Sluice.Engine.Submit;

namespace Sluice.Engine.Runtime;

/// <summary>
/// The submit path when some rulesets have their own queue: each message goes to the queue of the ruleset its input
/// is bound to (rsyslog's ruleset.GetRulesetQueue), everything else to the main queue. A batch from one input (the
/// usual case) is passed on whole.
/// </summary>
public sealed class RulesetSubmitter : IMessageSubmitter
{
    private readonly RuntimePlan _plan;
    private readonly Submitter _main;

    public RulesetSubmitter(RuntimePlan plan, Submitter main)
    {
        _plan = plan;
        _main = main;
    }

    public void Submit(MessageBatch batch, FlowControl flowControl)
    {
        var items = batch.AsSpan();
        if (items.Length == 0) return;
        var first = Target(items[0]);
        bool mixed = false;
        for (int i = 1; i < items.Length && !mixed; i++) mixed = !ReferenceEquals(Target(items[i]), first);
        if (!mixed)
        {
            first.Submit(batch, flowControl);
            return;
        }
        // Inputs whose messages carry different rulesets in one batch are rare: split by target.
        var parts = new Dictionary<Submitter, MessageBatch>();
        foreach (var m in items)
        {
            var target = Target(m);
            if (!parts.TryGetValue(target, out var part)) parts[target] = part = new MessageBatch(items.Length);
            part.Add(m);
        }
        batch.Clear();
        foreach (var (target, part) in parts) target.Submit(part, flowControl);
    }

    private Submitter Target(Message m)
    {
        var ruleset = RulesetRunner.RulesetOf(m.Input, _plan);
        return ruleset.Inbox is RulesetQueue queue ? queue.Submitter : _main;
    }
}
