using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Legacy;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Modules;

namespace Sluice.Engine.Runtime;

/// <summary>
/// The legacy $-directives of omfile, omfwd, imtcp and imudp, and $RepeatedMsgReduction / $Umask, applied the way
/// rsyslog 8.2302 applies them (checked with the real rsyslogd):
/// - omfile's $FileOwner, $FileCreateMode, $CreateDirs … set up every legacy file action after them ("*.* /path"),
///   not action() objects, until changed or $ResetConfigVariables;
/// - $ActionFileDefaultTemplate / $ActionForwardDefaultTemplate change the default template of every omfile / omfwd
///   action after them, action() ones included, unless module(template=…) set it ("can no longer be changed");
/// - imtcp's and imudp's directives: see PlanBuilder.LegacyInputDirectives.cs.
/// </summary>
public sealed partial class PlanBuilder
{
    /// <summary>omfile's legacy settings (tools/omfile.c) and the action parameters they set.</summary>
    private static readonly Dictionary<string, string> LegacyFileDirectives = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FileOwner"] = "fileOwner", ["FileOwnerNum"] = "fileOwnerNum", ["FileGroup"] = "fileGroup", ["FileGroupNum"] = "fileGroupNum",
        ["DirOwner"] = "dirOwner", ["DirOwnerNum"] = "dirOwnerNum", ["DirGroup"] = "dirGroup", ["DirGroupNum"] = "dirGroupNum",
        ["FileCreateMode"] = "fileCreateMode", ["DirCreateMode"] = "dirCreateMode", ["CreateDirs"] = "createDirs",
        ["FailOnChownFailure"] = "failOnChOwnFailure", ["DynaFileCacheSize"] = "dynaFileCacheSize",
        ["OMFileFlushInterval"] = "flushInterval", ["OMFileASyncWriting"] = "asyncWriting", ["OMFileFlushOnTXEnd"] = "flushOnTXEnd",
        ["OMFileIOBufferSize"] = "ioBufferSize", ["ActionFileEnableSync"] = "sync", ["OMFileZipLevel"] = "zipLevel",
    };

    /// <summary>Directives that set an output module's default template (omfile.c / omfwd.c setLegacyDfltTpl).</summary>
    private static readonly Dictionary<string, string> LegacyDefaultTemplateDirectives = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ActionFileDefaultTemplate"] = "omfile",
        ["ActionForwardDefaultTemplate"] = "omfwd",
    };

    private readonly record struct LegacyValue(object Value, SourceLocation Location);

    private readonly Dictionary<string, LegacyValue> _legacyFileSettings = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LegacyValue> _legacyDefaultTemplates = new(StringComparer.Ordinal);

    /// <summary>Before binding: resets the legacy state and collects what must be known before (see the input part).</summary>
    private void PrepareLegacyDirectives(ConfigDocument document)
    {
        _legacyFileSettings.Clear();
        _legacyDefaultTemplates.Clear();
        PrepareLegacyInputDirectives(document);
    }

    /// <summary>$ResetConfigVariables: omfile's settings and default templates and the listeners' settings go back to the defaults.</summary>
    private void ResetLegacyDirectives()
    {
        _legacyFileSettings.Clear();
        _legacyDefaultTemplates.Clear();
        _legacyListenerSettings.Clear();
    }

    /// <summary>Binds one of the directives this file handles; false when <paramref name="d"/> is none of them.</summary>
    private bool TryBindLegacyDirective(DirectiveNode d)
    {
        if (LegacyFileDirectives.TryGetValue(d.Name, out var fileParam))
        {
            if (_modules.Find("omfile") is not OutputModuleDefinition omfile || omfile.InstanceParams.Find(fileParam) is not { } def || def.NotSupported)
            {
                NotSupported(d.Location, $"legacy directive '${d.Name}' is not supported yet");
                return true;
            }
            if (TryLegacyValue(d, def, report: true, out var value, out var location))
                _legacyFileSettings[def.Name] = new LegacyValue(value, location);
            return true;
        }
        if (LegacyDefaultTemplateDirectives.TryGetValue(d.Name, out var outputName))
        {
            BindLegacyDefaultTemplate(d, outputName);
            return true;
        }
        if (TryBindLegacyInputDirective(d)) return true;
        switch (d.Name.ToLowerInvariant())
        {
            case "repeatedmsgreduction":
                var binary = new ParamDef("RepeatedMsgReduction", ParamType.Binary);
                // Global in rsyslogd 8.2302: the inputs' rate limiters read it after the whole config is loaded, so
                // the last value wins wherever it stands (checked against the installed binary).
                if (TryLegacyValue(d, binary, report: true, out var on, out _))
                {
                    _plan.Globals = _plan.Globals with { ReduceRepeatMessages = (bool)on };
                    _services.Globals = _plan.Globals;
                }
                return true;
            case "repeatedmsgcontainsoriginalmsg":
                // rsyslogd 8.2302 accepts it and changes nothing: its repeat summary always quotes the message
                // (runtime/ratelimit.c; checked against the installed binary). Sluice says so instead of staying silent.
                if (TryLegacyValue(d, new ParamDef("RepeatedMsgContainsOriginalMsg", ParamType.Binary), report: true, out _, out _))
                    _services.Log.Warning($"{d.Location}: $RepeatedMsgContainsOriginalMsg has no effect: \"message repeated n times: [...]\" always quotes the message (as in rsyslogd 8)");
                return true;
            case "umask":
                var mode = new ParamDef("Umask", ParamType.FileMode);
                if (TryLegacyValue(d, mode, report: true, out var mask, out _))
                {
                    _plan.Globals = _plan.Globals with { Umask = (int)(long)mask };
                    _services.Globals = _plan.Globals;
                }
                return true;
        }
        return false;
    }

    private void BindLegacyDefaultTemplate(DirectiveNode d, string outputName)
    {
        if (!TryLegacyValue(d, new ParamDef(d.Name, ParamType.String), report: true, out var value, out var location)) return;
        var module = _modules.Find(outputName) as OutputModuleDefinition;
        if (module is null)
        {
            NotSupported(d.Location, $"legacy directive '${d.Name}' is not supported yet ({outputName} is not built)");
            return;
        }
        if (_loaded.TryGetValue(module, out var loaded) && loaded.Params.IsSet("template"))
        {
            // rsyslog's text (omfile.c / omfwd.c setLegacyDfltTpl).
            Error(d.Location, $"{outputName}: default template already set via module global parameter - can no longer be changed " +
                              $"(module(template=…) at {loaded.Params.LocationOf("template")})");
            return;
        }
        _legacyDefaultTemplates[module.Name] = new LegacyValue(value, location);
    }

    /// <summary>module(load="omfile" template=…) after $ActionFileDefaultTemplate: rsyslog's warning (the module's wins).</summary>
    private void WarnIfLegacyDefaultTemplate(ModuleDefinition module, ParamSet moduleParams)
    {
        if (moduleParams.IsSet("template") && _legacyDefaultTemplates.ContainsKey(module.Name))
            _services.Log.Warning($"{module.Name}: warning: default template was already set via legacy directive - may lead to inconsistent results.");
    }

    /// <summary>
    /// The template an action of <paramref name="module"/> uses when it names none: module(template=…), else the latest
    /// $Action…DefaultTemplate, else the module's own default.
    /// </summary>
    private string DefaultTemplateFor(OutputModuleDefinition module, ParamSet moduleParams)
    {
        if (!moduleParams.IsSet("template") && _legacyDefaultTemplates.TryGetValue(module.Name, out var legacy)) return (string)legacy.Value;
        return module.DefaultTemplate(moduleParams, _services);
    }

    /// <summary>
    /// omfile's legacy settings on a legacy file action's parameters. "-/path" never syncs; "/path" syncs when
    /// $ActionFileEnableSync is on (omfile.c parseSelectorAct).
    /// </summary>
    private void ApplyLegacyFileSettings(ParamSet set, bool syncAllowed)
    {
        foreach (var (name, v) in _legacyFileSettings)
        {
            if (!syncAllowed && name.Equals("sync", StringComparison.OrdinalIgnoreCase)) continue;
            if (set.Schema.Find(name) is not null && !set.IsSet(name)) set.Set(name, v.Value, v.Location);
        }
    }

    /// <summary>The directive's single value converted as <paramref name="def"/> says; errors named after the directive.</summary>
    private bool TryLegacyValue(DirectiveNode d, ParamDef def, bool report, out object value, out SourceLocation location)
    {
        value = null!;
        if (report)
        {
            if (!TryDirectiveValue(d, out var text, out location)) return false;
            var converted = ParamConverter.Convert(def, text, "$" + d.Name, out var error);
            if (converted is null)
            {
                Error(location, error!.Replace("parameter '$", "directive '$", StringComparison.Ordinal));
                return false;
            }
            value = converted;
            return true;
        }
        var quiet = new List<ConfigError>();
        var saved = _errors;
        _errors = quiet;
        try
        {
            return TryLegacyValue(d, def, report: true, out value, out location);
        }
        finally
        {
            _errors = saved;
        }
    }

    /// <summary>rsyslog's answer to a directive nobody registered, with the closest known one.</summary>
    private void UnknownDirective(DirectiveNode d)
    {
        if (LegacyDirectiveNames.IsKnown(d.Name))
        {
            NotSupported(d.Location, $"legacy directive '${d.Name}' is not supported yet");
            return;
        }
        var candidates = LegacyFileDirectives.Keys.Concat(LegacyDefaultTemplateDirectives.Keys).Concat(LegacyModuleDirectives.Keys)
            .Concat(LegacyListenerDirectives.Keys).Concat(LegacyRunDirectives.Keys).Concat(GlobalDirectives.Keys).Concat(ActionDirectives.Keys).Concat(MainQueueDirectives.Keys)
            .Concat(new[] { "ModLoad", "Template", "RepeatedMsgReduction", "RepeatedMsgContainsOriginalMsg", "Umask", "ResetConfigVariables", "IncludeConfig", "Ruleset", "WorkDirectory" })
            .Concat(LegacyDirectiveNames.Known);
        string? closest = NameSuggester.Closest(d.Name, candidates);
        Error(d.Location, $"invalid or yet-unknown config file command '{d.Name}' - have you forgotten to load a module?"
                          + (closest is null ? "" : $" (did you mean '${closest}'?)"));
    }
}
