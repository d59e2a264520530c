namespace Sluice.Engine.Scripting;

/// <summary>A named list of statements (rsyslog ruleset). The default one is RSYSLOG_DefaultRuleset.</summary>
public sealed class Ruleset
{
    public const string DefaultName = "RSYSLOG_DefaultRuleset";

    public Ruleset(string name) => Name = name;

    public string Name { get; }

    /// <summary>Filled by the config binder; immutable once the engine runs.</summary>
    public Statement[] Statements { get; set; } = Array.Empty<Statement>();
}
