using Sluice.Engine.Actions;
using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Legacy;
using Sluice.Engine.Config.Objects;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Modules;
using Sluice.Engine.Outputs;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Runtime;

public sealed partial class PlanBuilder
{
    private ActionInstance? CreateAction(ActionNode a)
    {
        int errorsBefore = _errors.Count;
        var generic = ParamBinder.Bind(ActionParams.Schema, a.Parameters.Where(p => ActionParams.Schema.Find(p.Name) is not null),
            a.Location, "action()", _errors);
        if (generic.IsSet(QueueParams.Type) && generic.GetString(QueueParams.Type) != "Direct")
            NotSupported(generic.LocationOf(QueueParams.Type),
                $"action queues of type \"{generic.GetString(QueueParams.Type)}\" are not supported by Sluice yet (only \"Direct\")");
        if (!generic.IsSet(ActionParams.Type)) return null;
        string name = generic.IsSet(ActionParams.Name) ? generic.GetString(ActionParams.Name)! : "";
        if (name.Any(char.IsWhiteSpace))
            Error(generic.LocationOf(ActionParams.Name), $"action(): parameter 'name' must not contain white space, not \"{name}\"");

        var typeLocation = generic.LocationOf(ActionParams.Type);
        var module = ResolveModule(generic.GetString(ActionParams.Type)!, typeLocation);
        if (module is null) return null;
        if (module is MessageModifierModuleDefinition modifier)
            return CreateModifierAction(modifier, a, generic, typeLocation, errorsBefore, generic.IsSet(ActionParams.Name) ? name : null);
        if (module is not OutputModuleDefinition output)
        {
            Error(typeLocation, $"'{module.Name}' is an input module; use it with input(type=\"{module.Name}\")");
            return null;
        }
        if (!output.IsBuiltIn && !_loaded.ContainsKey(output))
            Error(typeLocation, $"output module '{output.Name}' is not loaded: add module(load=\"{output.Name}\") before this action()");
        var moduleParams = ModuleParamsFor(output);
        var instanceParams = ParamBinder.Bind(output.InstanceParams, a.Parameters, a.Location, output.Name, _errors,
            n => ActionParams.Schema.Find(n) is not null);

        var template = generic.IsSet(ActionParams.Template)
            ? ResolveTemplate(generic.GetString(ActionParams.Template)!, generic.LocationOf(ActionParams.Template), null)
            : ResolveTemplate(output.DefaultTemplate(moduleParams, _services), a.Location, output.Name);
        if (template is null || _errors.Count != errorsBefore) return null;
        return MakeAction(output, moduleParams, instanceParams, template, generic.IsSet(ActionParams.Name) ? name : null);
    }

    private ActionInstance? MakeAction(OutputModuleDefinition module, ParamSet moduleParams, ParamSet instanceParams,
        Template template, string? name)
    {
        OutputInstance instance;
        try
        {
            instance = module.CreateOutput(moduleParams, instanceParams, template, _services);
        }
        catch (ConfigException e)
        {
            _errors.AddRange(e.Errors);
            return null;
        }
        return Register(instance, module, name);
    }

    private ActionInstance Register(OutputInstance instance, ModuleDefinition module, string? name)
    {
        _created.Add(instance);
        // rsyslog's default name (action.c actionConstructFinalize) is "action-N-<module>", N counting
        // every action of the config from 0 and built-in modules named "builtin:omfile" etc.
        int index = _plan.Actions.Count;
        name ??= $"action-{index}-{(module.IsBuiltIn ? "builtin:" : "")}{module.Name}";
        var action = new ActionInstance(index, name, module.Name, instance, _services.Stats);
        _plan.Actions.Add(action);
        return action;
    }

    /// <summary>A message modification action (mm*): it changes the message in the action slot and renders no template.</summary>
    private ActionInstance? CreateModifierAction(MessageModifierModuleDefinition module, ActionNode a, ParamSet generic,
        Config.SourceLocation typeLocation, int errorsBefore, string? name)
    {
        if (!module.IsBuiltIn && !_loaded.ContainsKey(module))
            Error(typeLocation, $"module '{module.Name}' is not loaded: add module(load=\"{module.Name}\") before this action()");
        // rsyslog: "parameter 'template' not known -- typo in config file?"
        if (generic.IsSet(ActionParams.Template))
            Error(generic.LocationOf(ActionParams.Template), $"{module.Name}: parameter 'template' not known: a message modification module renders no template");
        var moduleParams = ModuleParamsFor(module);
        var instanceParams = ParamBinder.Bind(module.InstanceParams, a.Parameters, a.Location, module.Name, _errors,
            n => ActionParams.Schema.Find(n) is not null);
        if (_errors.Count != errorsBefore) return null;
        OutputInstance instance;
        try
        {
            instance = new Modifiers.ModifierOutput(module.CreateModifier(moduleParams, instanceParams, _services));
        }
        catch (ConfigException e)
        {
            _errors.AddRange(e.Errors);
            return null;
        }
        return Register(instance, module, name);
    }

    /// <summary>"/path", "-/path", "/path;Template" (omfile), "~" (stop); the rest is not built yet.</summary>
    private void BindLegacyAction(LegacyActionNode node, List<Scripting.Statement> into)
    {
        var text = node.Text;
        if (Outputs.Forward.LegacyForwardAction.IsForwarding(text.Value) && _modules.Find("omfwd") is OutputModuleDefinition)
        {
            BindLegacyForward(node, into);
            return;
        }
        var legacy = LegacyAction.Parse(text.Value);
        switch (legacy.Kind)
        {
            case LegacyActionKind.Discard:
                into.Add(Scripting.StopStatement.Instance);
                return;
            case LegacyActionKind.NotSupported:
            case LegacyActionKind.Invalid:
                Error(text.LocationAt(legacy.MessageOffset), legacy.Message!);
                return;
        }

        if (_modules.Find("omfile") is not OutputModuleDefinition omfile)
        {
            NotSupported(node.Location, "legacy file actions need the omfile module, which this build does not have");
            return;
        }
        var schema = omfile.InstanceParams;
        if (schema.Find("file") is null)
        {
            Error(node.Location, "omfile has no 'file' parameter, so legacy file actions cannot be used");
            return;
        }
        int errorsBefore = _errors.Count;
        var set = new ParamSet(schema, node.Location);
        set.Set("file", legacy.Path!, text.LocationAt(legacy.PathOffset));
        if (legacy.Template is not null && schema.Find(ActionParams.Template) is not null)
            set.Set(ActionParams.Template, legacy.Template, text.LocationAt(legacy.TemplateOffset));
        foreach (var def in schema.All)
            if (def.Required && !set.IsSet(def.Name))
                Error(node.Location, $"omfile: parameter '{def.Name}' is required, which a legacy action line cannot give");

        var moduleParams = ModuleParamsFor(omfile);
        var template = legacy.Template is not null
            ? ResolveTemplate(legacy.Template, text.LocationAt(legacy.TemplateOffset), null)
            : ResolveTemplate(omfile.DefaultTemplate(moduleParams, _services), node.Location, omfile.Name);
        if (template is null || _errors.Count != errorsBefore) return;
        var action = MakeAction(omfile, moduleParams, set, template, null);
        if (action is not null) into.Add(new Scripting.ActionStatement(action));
    }
}
