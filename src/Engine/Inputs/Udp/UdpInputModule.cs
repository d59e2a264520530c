using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Inputs.Udp;

/// <summary>rsyslog's imudp: syslog over UDP.</summary>
public sealed class UdpInputModule : InputModuleDefinition
{
    public override string Name => "imudp";
    public override ParamSchema ModuleParams => UdpInputParams.Module;
    public override ParamSchema InstanceParams => UdpInputParams.Input;

    public override IInput CreateInput(ParamSet moduleParams, ParamSet inputParams, EngineServices services)
    {
        RejectUnsupported(moduleParams, "module");
        RejectUnsupported(inputParams, "input");
        var config = UdpInputConfig.From(moduleParams, inputParams, services.Globals.MaxMessageSize, services.Log);
        return new UdpInput(config, services, PeerNameResolver.Shared);
    }

    /// <summary>A second line of defence behind the config binder: NotSupported parameters never start.</summary>
    private static void RejectUnsupported(ParamSet set, string where)
    {
        var errors = new List<ConfigError>();
        foreach (var name in set.SetNames)
        {
            var def = set.Schema.Find(name);
            if (def is { NotSupported: true })
                errors.Add(new ConfigError(set.LocationOf(name), $"imudp: {where} parameter '{def.Name}' is not supported by sluiced"));
        }
        if (errors.Count > 0) throw new ConfigException(errors);
    }
}
