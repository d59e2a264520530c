using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Inputs.Tcp;

/// <summary>rsyslog's imtcp: plain TCP syslog reception. Register with <c>registry.Register(TcpInputModule.Instance)</c>.</summary>
public sealed class TcpInputModule : InputModuleDefinition
{
    public static readonly TcpInputModule Instance = new();

    public override string Name => "imtcp";
    public override ParamSchema ModuleParams => TcpInputParams.Module;
    public override ParamSchema InstanceParams => TcpInputParams.Input;

    /// <summary>Reverse-DNS cache shared by every network input (rsyslog's dnscache is process-wide).</summary>
    public PeerNameResolver Resolver => PeerNameResolver.Shared;

    public override Inputs.IInput CreateInput(ParamSet moduleParams, ParamSet inputParams, EngineServices services)
    {
        RejectUnsupported(moduleParams, "module");
        RejectUnsupported(inputParams, "input");
        var config = TcpInputConfig.From(moduleParams, inputParams, services.Globals.MaxMessageSize);
        return new TcpInput(config, services, Resolver);
    }

    /// <summary>A second line of defence behind the config binder: NotSupported parameters never start.</summary>
    private static void RejectUnsupported(ParamSet set, string where)
    {
        var errors = new List<ConfigError>();
        foreach (var name in set.SetNames)
        {
            var def = set.Schema.Find(name);
            if (def is { NotSupported: true })
                errors.Add(new ConfigError(set.LocationOf(name), $"imtcp: {where} parameter '{def.Name}' is not supported by sluiced"));
        }
        if (errors.Count > 0) throw new ConfigException(errors);
    }
}
