using System.Text;
using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Modifiers;

/// <summary>mmjsonparse (rsyslog's plugins/mmjsonparse, 8.2302): cookie (default "@cee:"), container (default "$!"), useRawMsg.</summary>
public sealed class JsonParseModule : MessageModifierModuleDefinition
{
    public override string Name => "mmjsonparse";

    public override ParamSchema InstanceParams { get; } = new(new[]
    {
        new ParamDef("cookie", ParamType.String) { Default = "@cee:" },
        new ParamDef("container", ParamType.String) { Default = "$!" },
        new ParamDef("useRawMsg", ParamType.Binary) { Default = false },
    });

    public override MessageModifier CreateModifier(ParamSet moduleParams, ParamSet actionParams, EngineServices services)
    {
        string container = actionParams.GetString("container")!;
        // Before 8.35 the container was written without its '$'; rsyslog still takes both forms.
        string name = container.StartsWith('$') ? container[1..] : container;
        if (name.Length == 0 || name[0] is not ('!' or '.' or '/'))
            throw new ConfigException(actionParams.LocationOf("container"),
                $"mmjsonparse: invalid container name '{name}', name must start with either '$!', '$.', or '$/'");
        if (name[0] == '/')
            throw new ConfigException(actionParams.LocationOf("container"),
                $"mmjsonparse: a container among the global variables ('${name}') is not supported yet");
        return new JsonParser(Encoding.UTF8.GetBytes(actionParams.GetString("cookie")!), VariablePath.Parse(name),
            actionParams.GetBool("useRawMsg"));
    }
}
