using Sluice.Engine.Config.Schema;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Modifiers;

/// <summary>mmrm1stspace (rsyslog's plugins/mmrm1stspace): no parameters.</summary>
public sealed class Rm1stSpaceModule : MessageModifierModuleDefinition
{
    public override string Name => "mmrm1stspace";

    public override ParamSchema InstanceParams => ParamSchema.Empty;

    public override MessageModifier CreateModifier(ParamSet moduleParams, ParamSet actionParams, EngineServices services) =>
        FirstSpaceRemover.Instance;
}
