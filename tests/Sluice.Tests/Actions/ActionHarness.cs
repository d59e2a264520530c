using System.Text;
using Sluice.Engine.Actions;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Queues;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;

namespace Sluice.Tests.Actions;

/// <summary>
/// Runs actions the way a main-queue worker does: per batch, every message through the listed actions in
/// order (as a ruleset of consecutive action statements), then one commit.
/// </summary>
internal sealed class ActionHarness
{
    private readonly List<ActionInstance> _actions = new();
    private RuleContext? _context;

    public MessagePool Pool { get; } = new();
    public StatsRegistry Stats { get; } = new();
    public RecordingLog Log { get; } = new();
    public FakeActionClock Clock { get; } = new();
    public ShutdownSignal Shutdown { get; } = new();

    public ActionInstance Add(string name, ControllableOutput output, ActionSettings settings)
    {
        var action = new ActionInstance(_actions.Count, name, "omtest", "omtest", output, new RawLineTemplate(), settings, Stats, Log, Clock);
        _actions.Add(action);
        return action;
    }

    private RuleContext Context => _context ??= new RuleContext(_actions, Shutdown, 64);

    /// <summary>One batch through the actions; returns the messages (released afterwards, as the queue does).</summary>
    public void RunBatch(params string[] texts)
    {
        var context = Context;
        context.BeginBatch(new RenderContext(SyslogTime.FromDateTimeOffset(DateTimeOffset.Now), "host"u8.ToArray()));
        var messages = new Message[texts.Length];
        for (int i = 0; i < texts.Length; i++)
        {
            messages[i] = Message(texts[i]);
            foreach (var a in _actions) context.RunAction(a, messages[i]);
        }
        context.CommitAll();
        foreach (var m in messages) m.Release();
    }

    public bool PreviousActionSuspended => Context.PreviousActionSuspended;

    public Message Message(string text)
    {
        var m = Pool.Rent();
        m.SetRaw(Encoding.UTF8.GetBytes(text));
        return m;
    }

    public long Counter(ActionInstance a, string name) => Stats.Find(a.Name)!.Find(name)!.Value;
}
