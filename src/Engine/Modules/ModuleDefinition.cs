using Sluice.Engine.Config.Schema;
using Sluice.Engine.Inputs;
using Sluice.Engine.Outputs;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Modules;

public enum ModuleKind { Input, Output }

/// <summary>
/// A module as rsyslog names it ("imtcp", "omfile"), with the parameter schemas of module(load=…) and of its
/// input()/action() instances. The schemas drive validation and defaults.
/// </summary>
public abstract class ModuleDefinition
{
    public abstract string Name { get; }
    public abstract ModuleKind Kind { get; }
    public virtual ParamSchema ModuleParams => ParamSchema.Empty;
    public abstract ParamSchema InstanceParams { get; }
    /// <summary>Built in (loaded without module(load=…)), like rsyslog's builtin:omfile.</summary>
    public virtual bool IsBuiltIn => false;
}

public abstract class InputModuleDefinition : ModuleDefinition
{
    public sealed override ModuleKind Kind => ModuleKind.Input;
    /// <summary>Creates one input() instance. Throws ConfigException for semantic errors (with locations).</summary>
    public abstract IInput CreateInput(ParamSet moduleParams, ParamSet inputParams, EngineServices services);
}

public abstract class OutputModuleDefinition : ModuleDefinition
{
    public sealed override ModuleKind Kind => ModuleKind.Output;
    /// <summary>The template used when the action names none (module(template=…) first, then the module default).</summary>
    public abstract string DefaultTemplate(ParamSet moduleParams, EngineServices services);
    /// <summary>The same for one action, for modules whose default depends on the action's parameters (omusrmsg: users="*").</summary>
    public virtual string DefaultTemplate(ParamSet moduleParams, ParamSet actionParams, EngineServices services) =>
        DefaultTemplate(moduleParams, services);
    /// <summary>Creates one action() instance rendering with <paramref name="template"/>.</summary>
    public abstract OutputInstance CreateOutput(ParamSet moduleParams, ParamSet actionParams, Templates.Template template, EngineServices services);
}

/// <summary>
/// A message modification module (rsyslog's mm*: mmrm1stspace, mmutf8fix …). rsyslog builds them as output modules
/// that run in the action slot and change the message instead of writing it, so they are used with action() and
/// take effect, in rule order, for every action after them. They render no template (rsyslog's OMSR_TPL_AS_MSG).
/// </summary>
public abstract class MessageModifierModuleDefinition : ModuleDefinition
{
    public sealed override ModuleKind Kind => ModuleKind.Output;
    /// <summary>Creates one action() instance. Throws ConfigException for semantic errors (with locations).</summary>
    public abstract Modifiers.MessageModifier CreateModifier(ParamSet moduleParams, ParamSet actionParams, EngineServices services);
}
