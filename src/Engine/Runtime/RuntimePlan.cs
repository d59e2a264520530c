using Sluice.Engine.Actions;
using Sluice.Engine.Inputs;
using Sluice.Engine.Queues;
using Sluice.Engine.Scripting;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Runtime;

/// <summary>
/// A bound configuration, ready to start: what the config front end produces from the AST. Immutable once
/// the engine runs.
/// </summary>
public sealed class RuntimePlan
{
    public RuntimePlan(GlobalSettings globals, QueueSettings mainQueue, TemplateRegistry templates)
    {
        Globals = globals;
        MainQueue = mainQueue;
        Templates = templates;
        DefaultRuleset = new Ruleset(Ruleset.DefaultName);
        Rulesets[DefaultRuleset.Name] = DefaultRuleset;
    }

    public GlobalSettings Globals { get; set; }
    public QueueSettings MainQueue { get; set; }
    public TemplateRegistry Templates { get; }
    /// <summary>Ruleset names are case-sensitive in rsyslog.</summary>
    public Dictionary<string, Ruleset> Rulesets { get; } = new(StringComparer.Ordinal);
    public Ruleset DefaultRuleset { get; }
    public List<IInput> Inputs { get; } = new();
    public List<ActionInstance> Actions { get; } = new();
    /// <summary>The lookup_table()s (reloaded on HUP when they ask for it).</summary>
    public Lookup.LookupTableRegistry LookupTables { get; set; } = new();
}
