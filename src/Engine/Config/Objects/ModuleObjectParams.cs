using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Config.Objects;

/// <summary>The parameters module() and input() have besides their module's own.</summary>
public static class ModuleObjectParams
{
    public const string Load = "load";
    public const string Type = "type";

    /// <summary>module(load=…).</summary>
    public static readonly ParamSchema ModuleSchema = new(new[] { new ParamDef(Load, ParamType.String) { Required = true } });

    /// <summary>input(type=…).</summary>
    public static readonly ParamSchema InputSchema = new(new[] { new ParamDef(Type, ParamType.String) { Required = true } });
}
