using Sluice.Engine.Actions;
using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Legacy;
using Sluice.Engine.Config.Objects;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Diagnostics;
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
        var settings = BindActionSettings(generic);
        ResetLegacyActionQueueSettings();
        if (!generic.IsSet(ActionParams.Type)) return null;
        string name = generic.IsSet(ActionParams.Name) ? generic.GetString(ActionParams.Name)! : "";
        if (name.Any(char.IsWhiteSpace))
            Error(generic.LocationOf(ActionParams.Name), $"action(): parameter 'name' must not contain white space, not \"{name}\"");

        var typeLocation = generic.LocationOf(ActionParams.Type);
        var module = ResolveModule(generic.GetString(ActionParams.Type)!, typeLocation);
        if (module is null) return null;
        if (module is MessageModifierModuleDefinition modifier)
            return CreateModifierAction(modifier, a, generic, typeLocation, errorsBefore, generic.IsSet(ActionParams.Name) ? name : null, settings);
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
            : ResolveTemplate(DefaultTemplateFor(output, moduleParams), a.Location, output.Name);
        if (template is null || _errors.Count != errorsBefore) return null;
        return MakeAction(output, moduleParams, instanceParams, template, generic.IsSet(ActionParams.Name) ? name : null, settings);
    }

    /// <summary>action.* and queue.* of action(), over rsyslog's action defaults.</summary>
    private ActionSettings BindActionSettings(ParamSet p)
    {
        var queue = ApplyQueue(Queues.QueueSettings.ActionQueue, p, "action()");
        var s = new ActionSettings { Queue = CheckDiskQueue(queue, p.LocationOf(QueueParams.Type), "action()") };
        if (p.IsSet(ActionParams.ResumeRetryCount)) s = s with { ResumeRetryCount = p.GetInt(ActionParams.ResumeRetryCount) };
        if (p.IsSet(ActionParams.ResumeInterval)) s = s with { ResumeInterval = p.GetInt(ActionParams.ResumeInterval) };
        if (p.IsSet(ActionParams.ResumeIntervalMax)) s = s with { ResumeIntervalMax = p.GetInt(ActionParams.ResumeIntervalMax) };
        if (p.IsSet(ActionParams.ReportSuspension)) s = s with { ReportSuspension = p.GetBool(ActionParams.ReportSuspension) };
        if (p.IsSet(ActionParams.ReportSuspensionContinuation))
            s = s with { ReportSuspensionContinuation = p.GetBool(ActionParams.ReportSuspensionContinuation) };
        if (p.IsSet(ActionParams.ExecOnlyWhenPreviousIsSuspended))
            s = s with { ExecOnlyWhenPreviousIsSuspended = p.GetBool(ActionParams.ExecOnlyWhenPreviousIsSuspended) };
        if (p.IsSet(ActionParams.ExecOnlyEveryNthTime)) s = s with { ExecOnlyEveryNthTime = p.GetInt(ActionParams.ExecOnlyEveryNthTime) };
        if (p.IsSet(ActionParams.ExecOnlyEveryNthTimeTimeout))
            s = s with { ExecOnlyEveryNthTimeTimeout = p.GetInt(ActionParams.ExecOnlyEveryNthTimeTimeout) };
        if (p.IsSet(ActionParams.CopyMsg)) s = s with { CopyMsg = p.GetBool(ActionParams.CopyMsg) };
        if (p.IsSet(ActionParams.ExecOnlyOnceEveryInterval))
            s = s with { ExecOnlyOnceEveryInterval = p.GetInt(ActionParams.ExecOnlyOnceEveryInterval) };
        if (p.IsSet(ActionParams.ErrorFileMaxSize)) s = s with { ErrorFileMaxSize = p.GetLong(ActionParams.ErrorFileMaxSize) };
        if (p.IsSet(ActionParams.ErrorFile))
        {
            string file = p.GetString(ActionParams.ErrorFile)!;
            if (file.Length == 0) Error(p.LocationOf(ActionParams.ErrorFile), "action.errorfile must not be empty");
            else s = s with { ErrorFile = file };
        }
        return s;
    }

    private ActionInstance? MakeAction(OutputModuleDefinition module, ParamSet moduleParams, ParamSet instanceParams,
        Template template, string? name, ActionSettings settings)
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
        return Register(instance, module, name, template, settings);
    }

    private ActionInstance Register(OutputInstance instance, ModuleDefinition module, string? name, Template? template, ActionSettings settings)
    {
        _created.Add(instance);
        // rsyslog's default name (action.c actionConstructFinalize) is "action-N-<module>", N counting
        // every action of the config from 0 and built-in modules named "builtin:omfile" etc.
        int index = _plan.Actions.Count;
        string displayName = (module.IsBuiltIn ? "builtin:" : "") + module.Name;
        name ??= $"action-{index}-{displayName}";
        // rsyslog's qqueueCorrectParams, with its warnings, for the action's queue ("<name> queue").
        var warnings = new List<string>();
        if (!settings.IsDirect) settings = settings with { Queue = settings.Queue.Corrected($"{name} queue", warnings) };
        foreach (var w in warnings) _services.Log.Warning(w);
        var action = new ActionInstance(index, name, module.Name, displayName, instance, template, settings, _services.Stats, _services.Log);
        _plan.Actions.Add(action);
        return action;
    }

    /// <summary>A message modification action (mm*): it changes the message in the action slot and renders no template.</summary>
    private ActionInstance? CreateModifierAction(MessageModifierModuleDefinition module, ActionNode a, ParamSet generic,
        Config.SourceLocation typeLocation, int errorsBefore, string? name, ActionSettings settings)
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
        return Register(instance, module, name, null, settings);
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

        var (legacySettings, legacyName) = TakeLegacyActionSetup(node.Location);
        if (_modules.Find("omfile") is not OutputModuleDefinition omfile)
        {
            NotSupported(node.Location, "legacy file actions need the omfile module, which this build does not have");
            return;
        }
        var schema = omfile.InstanceParams;
        string pathParam = legacy.DynaFile ? "dynaFile" : "file";
        if (schema.Find(pathParam) is null)
        {
            Error(node.Location, $"omfile has no '{pathParam}' parameter, so this legacy file action cannot be used");
            return;
        }
        int errorsBefore = _errors.Count;
        var set = new ParamSet(schema, node.Location);
        set.Set(pathParam, legacy.Path!, text.LocationAt(legacy.PathOffset));
        ApplyLegacyFileSettings(set, legacy.Sync);
        if (legacy.Template is not null && schema.Find(ActionParams.Template) is not null)
            set.Set(ActionParams.Template, legacy.Template, text.LocationAt(legacy.TemplateOffset));
        foreach (var def in schema.All)
            if (def.Required && !set.IsSet(def.Name))
                Error(node.Location, $"omfile: parameter '{def.Name}' is required, which a legacy action line cannot give");

        var moduleParams = ModuleParamsFor(omfile);
        var template = legacy.Template is not null
            ? ResolveTemplate(legacy.Template, text.LocationAt(legacy.TemplateOffset), null)
            : ResolveTemplate(DefaultTemplateFor(omfile, moduleParams), node.Location, omfile.Name);
        if (template is null || _errors.Count != errorsBefore) return;
        var action = MakeAction(omfile, moduleParams, set, template, legacyName, legacySettings);
        if (action is not null) into.Add(new Scripting.ActionStatement(action));
    }
}
