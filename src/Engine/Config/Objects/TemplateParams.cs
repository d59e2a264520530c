using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Config.Objects;

/// <summary>template() parameters (rsyslog runtime/template.c cnfparamdescr).</summary>
public static class TemplateParams
{
    public const string Name = "name";
    public const string Type = "type";
    public const string String = "string";

    public static readonly ParamSchema Schema = new(new[]
    {
        new ParamDef(Name, ParamType.String) { Required = true },
        new ParamDef(Type, ParamType.Choice) { Required = true, Allowed = new[] { "string", "list", "subtree", "plugin" } },
        new ParamDef(String, ParamType.String),
        new ParamDef("plugin", ParamType.String),
        new ParamDef("subtree", ParamType.String),
        new ParamDef("option.stdsql", ParamType.Binary) { NotSupported = true },
        new ParamDef("option.sql", ParamType.Binary) { NotSupported = true },
        new ParamDef("option.json", ParamType.Binary) { NotSupported = true },
        new ParamDef("option.jsonf", ParamType.Binary) { NotSupported = true },
        new ParamDef("option.jsonftree", ParamType.Binary) { NotSupported = true },
        new ParamDef("option.casesensitive", ParamType.Binary) { NotSupported = true },
    });
}
