namespace Sluice.Engine.Scripting;

/// <summary>Every ruleset of a configuration, for lookups by a name known only at run time (call_indirect).</summary>
public sealed class RulesetTable
{
    /// <summary>Set by the binder once all rulesets are defined; not changed while the engine runs.</summary>
    public Ruleset[] All { get; set; } = Array.Empty<Ruleset>();
}
