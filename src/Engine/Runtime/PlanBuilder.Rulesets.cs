using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Objects;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Scripting;

namespace Sluice.Engine.Runtime;

/// <summary>
/// Rulesets: ruleset(name=… queue.*=…) { … } objects, the legacy "$Ruleset name" (top-level statements after it go to
/// that ruleset) and "$RulesetCreateMainQueue on", and the references to rulesets (call, inputs' ruleset=), which may
/// come before the definition. Names compare ASCII case-insensitively, as rsyslog's ruleset list does (strcasecmp;
/// checked with rsyslogd 8.2302: "call sub" and call_indirect "SUB" both reach ruleset(name="Sub")).
/// </summary>
public sealed partial class PlanBuilder
{
    private static readonly ParamSchema RulesetSchema = new(new[]
    {
        new ParamDef("name", ParamType.String) { Required = true },
        new ParamDef("parser", ParamType.String) { NotSupported = true },
    }.Concat(QueueParams.ActionDefinitions()));

    private Scripting.Expressions.ExpressionBindContext _expressions = null!;
    private List<Statement> _currentStatements = null!;
    private readonly Dictionary<Ruleset, List<Statement>> _rulesetBodies = new();
    private readonly Dictionary<string, Ruleset> _declaredRulesets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Ruleset, SourceLocation> _rulesetObjects = new();

    private void BeginRulesets()
    {
        _rulesetBodies.Clear();
        _declaredRulesets.Clear();
        _rulesetObjects.Clear();
        _currentStatements = BodyOf(_plan.DefaultRuleset);
    }

    /// <summary>The ruleset called <paramref name="name"/>, defined or not yet (call before ruleset() is allowed).</summary>
    private Ruleset DeclareRuleset(string name)
    {
        if (_plan.Rulesets.TryGetValue(name, out var defined)) return defined;
        if (!_declaredRulesets.TryGetValue(name, out var declared)) _declaredRulesets[name] = declared = new Ruleset(name);
        return declared;
    }

    /// <summary>Makes <paramref name="name"/> a defined ruleset (keeping the object calls already point to).</summary>
    private Ruleset DefineRulesetName(string name)
    {
        var ruleset = DeclareRuleset(name);
        _declaredRulesets.Remove(name);
        _plan.Rulesets[ruleset.Name] = ruleset;
        return ruleset;
    }

    private List<Statement> BodyOf(Ruleset ruleset)
    {
        if (!_rulesetBodies.TryGetValue(ruleset, out var body)) _rulesetBodies[ruleset] = body = new List<Statement>();
        return body;
    }

    private void DefineRuleset(ObjectNode o)
    {
        var set = ParamBinder.Bind(RulesetSchema, o.Parameters, o.Location, "ruleset()", _errors);
        string? name = set.GetString("name");
        var body = new List<Statement>();
        if (o.Script is not null)
            foreach (var s in o.Script) BindStatement(s, body);
        if (string.IsNullOrEmpty(name)) return; // reported by the schema

        if (_plan.Rulesets.TryGetValue(name, out var existing) && _rulesetObjects.TryGetValue(existing, out var first))
        {
            Error(set.LocationOf("name"), $"ruleset '{name}' is defined more than once (first at {first})");
            return;
        }
        var ruleset = DefineRulesetName(name);
        _rulesetObjects[ruleset] = o.Location;
        BodyOf(ruleset).AddRange(body);
        if (set.SetNames.Any(QueueParams.IsQueueParam))
        {
            var queue = ApplyQueue(Queues.QueueSettings.RulesetQueue, set, $"ruleset '{name}'");
            var warnings = new List<string>();
            queue.Corrected(name, warnings);
            foreach (var w in warnings) _services.Log.Log(Diagnostics.LogLevel.Warning, w);
            ruleset.QueueSettings = queue;
        }
    }

    /// <summary>"$Ruleset name": the top-level statements that follow go to this ruleset (created if new).</summary>
    private void BindLegacyRuleset(DirectiveNode d)
    {
        if (!TryDirectiveValue(d, out var name, out _)) return;
        _currentStatements = BodyOf(DefineRulesetName(name));
    }

    /// <summary>
    /// "$RulesetCreateMainQueue on": the current ruleset ($Ruleset) gets its own queue, set up like the main queue
    /// (rsyslog's rulesetCreateQueue → createMainQueue with the main queue's settings).
    /// </summary>
    private void BindRulesetCreateMainQueue(DirectiveNode d)
    {
        if (!TryDirectiveValue(d, out var value, out var location)) return;
        bool? on = value.ToLowerInvariant() switch
        {
            "on" or "yes" or "1" => true,
            "off" or "no" or "0" => false,
            _ => null,
        };
        if (on is null)
        {
            Error(location, $"$RulesetCreateMainQueue must be \"on\" or \"off\", not \"{value}\"");
            return;
        }
        var current = CurrentRuleset();
        if (current is null || ReferenceEquals(current, _plan.DefaultRuleset))
        {
            // rsyslog's wording for the same mistake.
            Error(d.Location, "$RulesetCreateMainQueue: currently no specific ruleset specified, thus a queue can not be added to it");
            return;
        }
        if (current.QueueSettings is not null)
        {
            Error(d.Location, $"$RulesetCreateMainQueue: ruleset '{current.Name}' already has a main queue, can not add another one");
            return;
        }
        // rsyslog creates this queue on the spot, from the $MainMsgQueue… values set so far.
        if (on.Value) current.QueueSettings = ApplyMainQueueDirectives(_document, Queues.QueueSettings.LegacyMainQueue, d);
    }

    private Ruleset? CurrentRuleset()
    {
        foreach (var (ruleset, body) in _rulesetBodies)
            if (ReferenceEquals(body, _currentStatements)) return ruleset;
        return null;
    }

    private void EndRulesets()
    {
        foreach (var (ruleset, body) in _rulesetBodies) ruleset.Statements = body.ToArray();
        foreach (var (name, location) in _rulesetReferences)
        {
            if (_plan.Rulesets.ContainsKey(name)) continue;
            string? closest = NameSuggester.Closest(name, _plan.Rulesets.Keys);
            Error(location, $"ruleset '{name}' does not exist" + (closest is null ? "" : $" (did you mean '{closest}'?)"));
        }
        _plan.RulesetTable.All = _plan.Rulesets.Values.ToArray();
    }
}
