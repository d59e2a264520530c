using Sluice.Engine.Config.Schema;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Config.Objects;

/// <summary>template() parameters (rsyslog runtime/template.c cnfparamdescr).</summary>
public static class TemplateParams
{
    public const string Name = "name";
    public const string Type = "type";
    public const string String = "string";
    public const string Plugin = "plugin";
    public const string Subtree = "subtree";

    /// <summary>The format options, of which at most one may be on.</summary>
    public static readonly (string Param, TemplateOption Option)[] FormatOptions =
    {
        ("option.stdsql", TemplateOption.StdSql),
        ("option.sql", TemplateOption.Sql),
        ("option.json", TemplateOption.Json),
        ("option.jsonf", TemplateOption.JsonF),
    };

    public static readonly ParamSchema Schema = new(new[]
    {
        new ParamDef(Name, ParamType.String) { Required = true },
        new ParamDef(Type, ParamType.Choice) { Required = true, Allowed = new[] { "string", "list", "subtree", "plugin" } },
        new ParamDef(String, ParamType.String),
        new ParamDef(Plugin, ParamType.String),
        new ParamDef(Subtree, ParamType.String),
        new ParamDef("option.stdsql", ParamType.Binary),
        new ParamDef("option.sql", ParamType.Binary),
        new ParamDef("option.json", ParamType.Binary),
        new ParamDef("option.jsonf", ParamType.Binary),
        // Newer rsyslog releases; rsyslogd 8.2302 does not know it.
        new ParamDef("option.jsonftree", ParamType.Binary) { NotSupported = true },
        // Only changes how $! variable names are matched; Sluice has no message variables yet, so it changes nothing.
        new ParamDef("option.casesensitive", ParamType.Binary),
    });
}
