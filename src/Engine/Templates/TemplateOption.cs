namespace Sluice.Engine.Templates;

/// <summary>
/// A template's format option (rsyslog optFormatEscape): option.sql, option.stdsql, option.json, option.jsonf, or the
/// legacy ", sql" / ", stdsql" / ", json" / ", jsonf" after a $template. At most one applies.
/// </summary>
public enum TemplateOption : byte
{
    None,
    /// <summary>MySQL style: every property value's ' becomes \' and \ becomes \\.</summary>
    Sql,
    /// <summary>Standard SQL: every property value's ' becomes ''.</summary>
    StdSql,
    /// <summary>Every property value's " and \ get a backslash.</summary>
    Json,
    /// <summary>The entries become one JSON object: "{", the non-empty ones joined by ", ", "}" and a line end.</summary>
    JsonF,
}
