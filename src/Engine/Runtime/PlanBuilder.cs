using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Modules;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Runtime;

/// <summary>
/// Binds a parsed config (<see cref="ConfigDocument"/>) into a <see cref="RuntimePlan"/>: global settings,
/// the main queue, modules, inputs, templates, actions and the default ruleset's statements. Every problem
/// is collected with its file:line:column and reported together in one <see cref="ConfigException"/>, so
/// that `sluiced -N1` lists all of them. Nothing rsyslog accepts is silently ignored: what Sluice does not
/// implement yet is an error saying so.
/// </summary>
public sealed partial class PlanBuilder
{
    private readonly ModuleRegistry _modules;
    private readonly ITemplateFactory _templateFactory;

    // State of the Build call in progress (Build is not re-entrant).
    private List<ConfigError> _errors = new();
    private EngineServices _services = null!;
    private RuntimePlan _plan = null!;
    private ConfigDocument _document = null!;
    private readonly Dictionary<ModuleDefinition, LoadedModule> _loaded = new();
    private readonly Dictionary<ModuleDefinition, Config.Schema.ParamSet> _defaultModuleParams = new();
    private readonly List<IDisposable> _created = new();
    private readonly Dictionary<string, SourceLocation> _templateDefinitions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failedTemplates = new(StringComparer.Ordinal);
    private readonly List<(string Name, SourceLocation Location)> _rulesetReferences = new();

    public PlanBuilder(ModuleRegistry modules, ITemplateFactory templateFactory)
    {
        _modules = modules;
        _templateFactory = templateFactory;
    }

    private sealed record LoadedModule(Config.Schema.ParamSet Params, SourceLocation Location);

    /// <summary>
    /// Builds the plan. <paramref name="services"/> must be fresh: its template registry receives the
    /// built-in and configured templates, and its Globals are replaced by the config's.
    /// </summary>
    /// <exception cref="ConfigException">With every syntax and binding error of the document.</exception>
    public RuntimePlan Build(ConfigDocument document, EngineServices services)
    {
        Reset(services);
        _document = document;
        _errors.AddRange(document.Errors);

        // rsyslog applies global settings and creates the main queue after reading the whole file, so
        // their position does not matter; they are bound first so every module sees the final values.
        var globals = BindGlobals(document);
        services.Globals = globals;
        var mainQueue = BindMainQueue(document);
        _plan = new RuntimePlan(globals, mainQueue, services.Templates);
        PrepareLegacyDirectives(document);
        _lookupTables = new Lookup.LookupTableRegistry();
        _plan.LookupTables = _lookupTables;
        _expressions = new Scripting.Expressions.ExpressionBindContext(services.Templates) { LookupTables = _lookupTables };

        try
        {
            _templateFactory.AddBuiltIns(services.Templates);
        }
        catch (ConfigException e)
        {
            _errors.AddRange(e.Errors);
        }
        IndexTemplateDefinitions(document);

        // Everything else in file order, as rsyslog does: a module must be loaded before its inputs, and a
        // template defined before the actions that use it.
        BeginRulesets();
        foreach (var item in document.Items)
        {
            switch (item)
            {
                case ObjectNode o:
                    BindObject(o);
                    break;
                case StatementNode s:
                    BindStatement(s, _currentStatements);
                    break;
                case DirectiveNode d:
                    BindDirective(d);
                    break;
                case BsdSelectorNode b:
                    NotSupported(b.Location, b.IsHostSelector
                        ? $"BSD-style host selectors ('{b.Text.Value.Trim()}') are not supported yet"
                        : $"BSD-style program selectors ('{b.Text.Value.Trim()}') are not supported yet");
                    break;
            }
        }
        EndRulesets();
        _errors.AddRange(_expressions.Errors);

        if (_errors.Count > 0)
        {
            foreach (var d in _created) d.Dispose();
            throw new ConfigException(Ordered(_errors));
        }
        return _plan;
    }

    private void Reset(EngineServices services)
    {
        _errors = new List<ConfigError>();
        _services = services;
        _loaded.Clear();
        _defaultModuleParams.Clear();
        _created.Clear();
        _templateDefinitions.Clear();
        _failedTemplates.Clear();
        _rulesetReferences.Clear();
        _legacyAction = LegacyActionSetup.Initial;
        _expressions = new Scripting.Expressions.ExpressionBindContext(services.Templates);
    }

    private void BindObject(ObjectNode o)
    {
        switch (o.Kind)
        {
            case ObjectKind.Global:
            case ObjectKind.MainQueue:
                return; // bound first
            case ObjectKind.Module:
                LoadModule(o);
                return;
            case ObjectKind.Input:
                CreateInput(o);
                return;
            case ObjectKind.Template:
                DefineTemplate(o);
                return;
            case ObjectKind.LookupTable:
                BindLookupTable(o);
                return;
            case ObjectKind.Ruleset:
                DefineRuleset(o);
                return;
            default:
                NotSupported(o.Location, $"{o.Kind.Keyword()}() is not supported yet");
                return;
        }
    }

    private void Error(SourceLocation location, string message) => _errors.Add(new ConfigError(location, message));

    private void NotSupported(SourceLocation location, string message) => Error(location, message);

    /// <summary>By file position; the same error found twice (e.g. a parameter checked by two schemas) once.</summary>
    private static List<ConfigError> Ordered(List<ConfigError> errors)
    {
        var seen = new HashSet<ConfigError>();
        var unique = new List<ConfigError>(errors.Count);
        foreach (var e in errors)
            if (seen.Add(e)) unique.Add(e);
        return unique
            .OrderBy(e => e.Location.File, StringComparer.Ordinal)
            .ThenBy(e => e.Location.Line)
            .ThenBy(e => e.Location.Column)
            .ToList();
    }
}
