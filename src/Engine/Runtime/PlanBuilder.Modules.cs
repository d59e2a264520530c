using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Objects;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Modules;

namespace Sluice.Engine.Runtime;

public sealed partial class PlanBuilder
{
    /// <summary>The registry's module for <paramref name="name"/>, or null after reporting why there is none.</summary>
    private ModuleDefinition? ResolveModule(string name, SourceLocation location)
    {
        string bare = RsyslogModules.StripBuiltIn(name);
        var module = _modules.Find(name) ?? _modules.Find(bare);
        if (module is not null) return module;
        if (RsyslogModules.IsKnown(bare))
        {
            Error(location, $"module '{bare}' is not supported by Sluice yet");
            return null;
        }
        string? closest = _modules.Closest(bare) ?? NameSuggester.Closest(bare, RsyslogModules.All);
        Error(location, $"module '{bare}' is not known" + (closest is null ? "" : $" (did you mean '{closest}'?)"));
        return null;
    }

    /// <summary>module(load=…) parameters, or the defaults for a module used without module(load=…).</summary>
    private ParamSet ModuleParamsFor(ModuleDefinition module)
    {
        if (_loaded.TryGetValue(module, out var loaded)) return loaded.Params;
        if (!_defaultModuleParams.TryGetValue(module, out var defaults))
        {
            defaults = new ParamSet(module.ModuleParams, SourceLocation.None);
            _defaultModuleParams[module] = defaults;
        }
        return defaults;
    }

    private void LoadModule(ObjectNode o)
    {
        var generic = ParamBinder.Bind(ModuleObjectParams.ModuleSchema, Only(o.Parameters, ModuleObjectParams.Load),
            o.Location, "module()", _errors);
        if (!generic.IsSet(ModuleObjectParams.Load)) return;
        var module = ResolveModule(generic.GetString(ModuleObjectParams.Load)!, generic.LocationOf(ModuleObjectParams.Load));
        if (module is null) return;
        var set = ParamBinder.Bind(module.ModuleParams, o.Parameters, o.Location, module.Name, _errors,
            n => n.Equals(ModuleObjectParams.Load, StringComparison.OrdinalIgnoreCase));
        WarnIfLegacyDefaultTemplate(module, set);
        Register(module, set, o.Location);
    }

    private void Register(ModuleDefinition module, ParamSet set, SourceLocation location)
    {
        // rsyslog: "module 'imtcp' already in this config, cannot be added".
        if (_loaded.TryGetValue(module, out var previous))
        {
            Error(location, $"module '{module.Name}' is already loaded (at {previous.Location}); a module can be loaded only once");
            return;
        }
        _loaded[module] = new LoadedModule(set, location);
    }

    private void CreateInput(ObjectNode o)
    {
        var generic = ParamBinder.Bind(ModuleObjectParams.InputSchema, Only(o.Parameters, ModuleObjectParams.Type),
            o.Location, "input()", _errors);
        if (!generic.IsSet(ModuleObjectParams.Type)) return;
        var typeLocation = generic.LocationOf(ModuleObjectParams.Type);
        var module = ResolveModule(generic.GetString(ModuleObjectParams.Type)!, typeLocation);
        if (module is null) return;
        if (module is not InputModuleDefinition input)
        {
            Error(typeLocation, $"'{module.Name}' is an output module; use it with action(type=\"{module.Name}\")");
            return;
        }
        int errorsBefore = _errors.Count;
        if (!input.IsBuiltIn && !_loaded.ContainsKey(input))
            Error(typeLocation, $"input module '{input.Name}' is not loaded: add module(load=\"{input.Name}\") before this input()");
        // The parameters are checked even then, so that all mistakes show up in one run.
        var set = ParamBinder.Bind(input.InstanceParams, o.Parameters, o.Location, input.Name, _errors,
            n => n.Equals(ModuleObjectParams.Type, StringComparison.OrdinalIgnoreCase));
        if (input.InstanceParams.Find("ruleset") is not null && set.IsSet("ruleset"))
            _rulesetReferences.Add((set.GetString("ruleset")!, set.LocationOf("ruleset")));
        if (_errors.Count != errorsBefore) return;
        try
        {
            var instance = input.CreateInput(ModuleParamsFor(input), set, _services);
            _created.Add(instance);
            _plan.Inputs.Add(instance);
        }
        catch (ConfigException e)
        {
            _errors.AddRange(e.Errors);
        }
    }

    private void BindDirective(DirectiveNode d)
    {
        if (GlobalDirectives.ContainsKey(d.Name)) return; // bound first, with global()
        if (IsMainQueueDirective(d)) return; // bound first, with main_queue()
        if (d.Name.Equals("ResetConfigVariables", StringComparison.OrdinalIgnoreCase)) ResetLegacyDirectives(); // and the $Action… ones below
        if (TryBindActionDirective(d)) return;
        if (TryBindLegacyDirective(d)) return;
        switch (d.Name.ToLowerInvariant())
        {
            case "modload":
                if (!TryDirectiveValue(d, out var name, out var location)) return;
                var module = ResolveModule(name, location);
                if (module is not null) Register(module, LegacyModuleParams(module, d.Location), d.Location);
                return;
            case "template":
                DefineLegacyTemplate(d);
                return;
            case "ruleset":
                BindLegacyRuleset(d);
                return;
            case "rulesetcreatemainqueue":
                BindRulesetCreateMainQueue(d);
                return;
            default:
                UnknownDirective(d);
                return;
        }
    }

    /// <summary>
    /// The single word a $-directive takes. rsyslog (conf.c cfsysline) allows only white space or a '#'
    /// comment after it and complains about anything else.
    /// </summary>
    private bool TryDirectiveValue(DirectiveNode d, out string value, out SourceLocation location)
    {
        string args = d.Arguments.Value;
        int start = 0;
        while (start < args.Length && char.IsWhiteSpace(args[start])) start++;
        int end = start;
        while (end < args.Length && !char.IsWhiteSpace(args[end])) end++;
        value = args[start..end];
        location = d.Arguments.LocationAt(start);
        if (value.Length == 0)
        {
            Error(d.Location, $"${d.Name} needs a value");
            return false;
        }
        int rest = end;
        while (rest < args.Length && char.IsWhiteSpace(args[rest])) rest++;
        if (rest < args.Length && args[rest] != '#')
        {
            Error(d.Arguments.LocationAt(rest), $"${d.Name}: unexpected text after the value: '{args[rest..].TrimEnd()}'");
            return false;
        }
        return true;
    }

    private static IEnumerable<ParameterNode> Only(IEnumerable<ParameterNode> parameters, string name)
        => parameters.Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
