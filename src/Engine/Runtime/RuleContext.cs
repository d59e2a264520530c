using Sluice.Engine.Actions;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;

namespace Sluice.Engine.Runtime;

/// <summary>
/// A queue worker's state while it runs rulesets over one batch: each action's transaction (created on
/// first use, reused afterwards) and which actions the batch touched, so the commit visits only those.
/// </summary>
public sealed class RuleContext
{
    private readonly OutputTransaction?[] _transactions;
    private readonly int[] _added;
    private readonly int[] _touched;
    private readonly ActionInstance[] _actions;
    private int _touchedCount;

    public RuleContext(IReadOnlyList<ActionInstance> actions)
    {
        _actions = actions.ToArray();
        _transactions = new OutputTransaction?[_actions.Length];
        _added = new int[_actions.Length];
        _touched = new int[_actions.Length];
    }

    public RenderContext Render { get; set; }

    /// <summary>Renders the message into the action's transaction (the statement's turn).</summary>
    public void RunAction(ActionInstance action, Message message)
    {
        int i = action.Index;
        var tx = _transactions[i] ??= action.Output.CreateTransaction();
        if (_added[i]++ == 0) _touched[_touchedCount++] = i;
        var result = tx.Add(message, Render);
        if (result != ActionResult.Ok)
        {
            _added[i]--;
            action.Failed.Increment();
        }
    }

    /// <summary>Delivers every touched action's transaction; called in batch order.</summary>
    public void CommitAll()
    {
        for (int t = 0; t < _touchedCount; t++)
        {
            int i = _touched[t];
            var action = _actions[i];
            int n = _added[i];
            _added[i] = 0;
            var result = _transactions[i]!.Commit();
            if (result == ActionResult.Ok) action.Processed.Add(n);
            else action.Failed.Add(n);
        }
        _touchedCount = 0;
    }
}
