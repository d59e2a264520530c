using Sluice.Engine.Actions;
using Sluice.Engine.Inputs;
using Sluice.Engine.Messages.Variables;
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
    /// <summary>
    /// Ruleset names compare case-insensitively, as rsyslog's ruleset list (strcasecmp; checked with rsyslogd 8.2302).
    /// </summary>
    public Dictionary<string, Ruleset> Rulesets { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The same rulesets, for call_indirect's lookup at run time (filled when binding ends).</summary>
    public RulesetTable RulesetTable { get; } = new();

    /// <summary>The configuration's $/ variables, shared by every worker and by templates (process-wide, as in rsyslog).</summary>
    public GlobalVariables Variables => GlobalVariables.Process;
    public Ruleset DefaultRuleset { get; }
    public List<IInput> Inputs { get; } = new();
    public List<ActionInstance> Actions { get; } = new();
    /// <summary>The lookup_table()s (reloaded on HUP when they ask for it).</summary>
    public Lookup.LookupTableRegistry LookupTables { get; set; } = new();
}
