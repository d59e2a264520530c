using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Modules;

namespace Sluice.Engine.Runtime;

/// <summary>
/// imtcp's and imudp's legacy directives, as rsyslog 8.2302 applies them (checked with the real rsyslogd): the
/// per-listener settings ($InputTCPServerInputName, $InputTCPServerBindRuleset, $UDPServerAddress …) apply to the
/// $InputTCPServerRun / $UDPServerRun lines after them; the module-wide ones ($InputTCPMaxSessions,
/// $UDPServerTimeRequery …) apply to the module wherever they stand (rsyslog copies them at the end of the config),
/// and only when it was loaded with $ModLoad ("currently not permitted" after module()). Like in rsyslog, they exist
/// only once their module is loaded.
/// </summary>
public sealed partial class PlanBuilder
{
    /// <summary>Module-wide input settings (imtcp.c / imudp.c endCnfLoad copies them into the module's config).</summary>
    private static readonly Dictionary<string, (string Module, string Param)> LegacyModuleDirectives = new(StringComparer.OrdinalIgnoreCase)
    {
        ["InputTCPMaxSessions"] = ("imtcp", "maxSessions"),
        ["InputTCPMaxListeners"] = ("imtcp", "maxListeners"),
        ["InputTCPServerNotifyOnConnectionClose"] = ("imtcp", "notifyOnConnectionClose"),
        ["InputTCPServerAddtlFrameDelimiter"] = ("imtcp", "addtlFrameDelimiter"),
        ["InputTCPServerDisableLFDelimiter"] = ("imtcp", "disableLFDelimiter"),
        ["InputTCPFlowControl"] = ("imtcp", "flowControl"),
        ["InputTCPServerKeepAlive"] = ("imtcp", "keepAlive"),
        ["InputTCPServerKeepAlive_probes"] = ("imtcp", "keepAlive.probes"),
        ["InputTCPServerKeepAlive_intvl"] = ("imtcp", "keepAlive.interval"),
        ["InputTCPServerKeepAlive_time"] = ("imtcp", "keepAlive.time"),
        ["InputTCPServerPreserveCase"] = ("imtcp", "preserveCase"),
        ["InputTCPServerStreamDriverMode"] = ("imtcp", "streamDriver.mode"),
        ["InputTCPServerStreamDriverAuthMode"] = ("imtcp", "streamDriver.authMode"),
        ["InputTCPServerStreamDriverPermittedPeer"] = ("imtcp", "permittedPeer"),
        ["UDPServerTimeRequery"] = ("imudp", "timeRequery"),
        ["IMUDPSchedulingPolicy"] = ("imudp", "schedulingPolicy"),
        ["IMUDPSchedulingPriority"] = ("imudp", "schedulingPriority"),
    };

    /// <summary>Per-listener settings, taken by the next $…Run line (imtcp.c / imudp.c addInstance / addListner).</summary>
    private static readonly Dictionary<string, (string Module, string Param)> LegacyListenerDirectives = new(StringComparer.OrdinalIgnoreCase)
    {
        ["InputTCPServerInputName"] = ("imtcp", "name"),
        ["InputTCPServerBindRuleset"] = ("imtcp", "ruleset"),
        ["InputTCPServerSupportOctetCountedFraming"] = ("imtcp", "supportOctetCountedFraming"),
        ["InputTCPServerListenPortFile"] = ("imtcp", "listenPortFileName"),
        ["UDPServerAddress"] = ("imudp", "address"),
        ["InputUDPServerBindRuleset"] = ("imudp", "ruleset"),
    };

    /// <summary>The lines that create a listener, and the port rsyslog uses when none is given.</summary>
    private static readonly Dictionary<string, (string Module, string DefaultPort)> LegacyRunDirectives = new(StringComparer.OrdinalIgnoreCase)
    {
        ["InputTCPServerRun"] = ("imtcp", "10514"),
        ["UDPServerRun"] = ("imudp", "514"),
    };

    /// <summary>Per module name: its per-listener settings so far.</summary>
    private readonly Dictionary<string, Dictionary<string, LegacyValue>> _legacyListenerSettings = new(StringComparer.Ordinal);
    /// <summary>Per module name: the final values of its module-wide directives (found before binding starts).</summary>
    private readonly Dictionary<string, Dictionary<string, LegacyValue>> _legacyModuleSettings = new(StringComparer.Ordinal);
    /// <summary>Modules loaded with $ModLoad (whose module-wide $-settings are permitted).</summary>
    private readonly HashSet<ModuleDefinition> _loadedByModLoad = new();

    /// <summary>Resets the input state and collects the final values of the module-wide directives.</summary>
    private void PrepareLegacyInputDirectives(ConfigDocument document)
    {
        _legacyListenerSettings.Clear();
        _legacyModuleSettings.Clear();
        _loadedByModLoad.Clear();
        foreach (var item in document.Items)
        {
            if (item is not DirectiveNode d) continue;
            // $ResetConfigVariables resets the module-wide values set before it too (imtcp.c / imudp.c resetConfigVariables).
            if (d.Name.Equals("ResetConfigVariables", StringComparison.OrdinalIgnoreCase)) _legacyModuleSettings.Clear();
            if (!LegacyModuleDirectives.TryGetValue(d.Name, out var target)) continue;
            if (_modules.Find(target.Module) is not { } module || module.ModuleParams.Find(target.Param) is not { NotSupported: false } def) continue;
            // Errors are reported where the directive is bound, in file order.
            if (!TryLegacyValue(d, def, report: false, out var value, out var location)) continue;
            Settings(_legacyModuleSettings, module.Name)[def.Name] = new LegacyValue(value, location);
        }
    }

    private static Dictionary<string, LegacyValue> Settings(Dictionary<string, Dictionary<string, LegacyValue>> all, string module)
    {
        if (!all.TryGetValue(module, out var settings)) all[module] = settings = new(StringComparer.OrdinalIgnoreCase);
        return settings;
    }

    /// <summary>$ModLoad: the module's parameters are its module-wide legacy settings.</summary>
    private ParamSet LegacyModuleParams(ModuleDefinition module, SourceLocation location)
    {
        var set = new ParamSet(module.ModuleParams, location);
        if (_legacyModuleSettings.TryGetValue(module.Name, out var settings))
            foreach (var (name, v) in settings) set.Set(name, v.Value, v.Location);
        _loadedByModLoad.Add(module);
        return set;
    }

    /// <summary>Binds an imtcp/imudp directive; false when <paramref name="d"/> is none.</summary>
    private bool TryBindLegacyInputDirective(DirectiveNode d)
    {
        if (LegacyModuleDirectives.TryGetValue(d.Name, out var moduleTarget))
        {
            if (LoadedFor(d, moduleTarget.Module) is not { } module) return true;
            if (!_loadedByModLoad.Contains(module))
            {
                // rsyslog's text (error 2222).
                Error(d.Location, $"command '{d.Name}' is currently not permitted - did you already set it via a RainerScript command (v6+ config)? " +
                                  $"({module.Name} was loaded with module() at {_loaded[module].Location}: set '{moduleTarget.Param}' there)");
                return true;
            }
            if (module.ModuleParams.Find(moduleTarget.Param) is not { } def || def.NotSupported)
            {
                NotSupported(d.Location, $"legacy directive '${d.Name}' is not supported yet");
                return true;
            }
            TryLegacyValue(d, def, report: true, out _, out _); // applied at $ModLoad; checked here, in file order
            return true;
        }
        if (LegacyListenerDirectives.TryGetValue(d.Name, out var listenerTarget))
        {
            if (LoadedFor(d, listenerTarget.Module) is not { } module) return true;
            if (module.InstanceParams.Find(listenerTarget.Param) is not { } def || def.NotSupported)
            {
                NotSupported(d.Location, $"legacy directive '${d.Name}' is not supported yet");
                return true;
            }
            if (TryLegacyValue(d, def, report: true, out var value, out var location))
                Settings(_legacyListenerSettings, module.Name)[def.Name] = new LegacyValue(value, location);
            return true;
        }
        if (LegacyRunDirectives.TryGetValue(d.Name, out var run))
        {
            if (LoadedFor(d, run.Module) is { } module) CreateLegacyListener(d, (InputModuleDefinition)module, run.DefaultPort);
            return true;
        }
        return false;
    }

    /// <summary>The input module a directive belongs to when it is loaded; otherwise rsyslog's "unknown command" error and null.</summary>
    private ModuleDefinition? LoadedFor(DirectiveNode d, string moduleName)
    {
        var module = _modules.Find(moduleName);
        if (module is null)
        {
            NotSupported(d.Location, $"legacy directive '${d.Name}' belongs to module '{moduleName}', which is not supported by Sluice yet");
            return null;
        }
        if (_loaded.ContainsKey(module)) return module;
        Error(d.Location, $"invalid or yet-unknown config file command '{d.Name}' - have you forgotten to load a module? " +
                          $"(it belongs to {moduleName}: put \"$ModLoad {moduleName}\" before this line)");
        return null;
    }

    /// <summary>$InputTCPServerRun [port] / $UDPServerRun [port]: a listener with the per-listener settings so far.</summary>
    private void CreateLegacyListener(DirectiveNode d, InputModuleDefinition input, string defaultPort)
    {
        string args = d.Arguments.Value.Trim();
        int space = args.IndexOfAny([' ', '\t']);
        string port = space < 0 ? args : args[..space];
        var portLocation = d.Arguments.LocationAt(d.Arguments.Value.IndexOf(port, StringComparison.Ordinal));
        if (space >= 0 && args[space..].TrimStart() is { Length: > 0 } rest && rest[0] != '#')
        {
            Error(d.Location, $"${d.Name}: unexpected text after the port: '{rest}'");
            return;
        }
        if (port.Length == 0)
        {
            port = defaultPort;
            portLocation = d.Location;
        }
        var set = new ParamSet(input.InstanceParams, d.Location);
        var portDef = input.InstanceParams.Find("port");
        if (portDef is null)
        {
            Error(d.Location, $"{input.Name} has no 'port' parameter, so ${d.Name} cannot be used");
            return;
        }
        set.Set(portDef.Name, portDef.Type == ParamType.StringArray ? new[] { port } : port, portLocation);
        if (_legacyListenerSettings.TryGetValue(input.Name, out var settings))
        {
            foreach (var (name, v) in settings)
            {
                // rsyslog: an empty name or ruleset, or the address "*", means "not set".
                if (v.Value is string s && (s.Length == 0 || (name == "address" && s == "*"))) continue;
                set.Set(name, v.Value, v.Location);
            }
        }
        if (set.IsSet("ruleset")) _rulesetReferences.Add((set.GetString("ruleset")!, set.LocationOf("ruleset")));
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
}
