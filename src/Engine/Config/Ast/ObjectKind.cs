namespace Sluice.Engine.Config.Ast;

/// <summary>The RainerScript objects (lexer.l: a keyword followed by '(').</summary>
public enum ObjectKind
{
    Global,
    Module,
    Input,
    Action,
    Template,
    MainQueue,
    Ruleset,
    Parser,
    Timezone,
    LookupTable,
    DynStats,
    PercentileStats,
    /// <summary>ratelimit() exists only in rsyslog releases newer than 8.2302.</summary>
    RateLimit,
    Include,
    /// <summary>property() inside a list template's braces.</summary>
    Property,
    /// <summary>constant() inside a list template's braces.</summary>
    Constant,
}

public static class ObjectKinds
{
    /// <summary>The keyword as rsyslog spells it, e.g. "main_queue".</summary>
    public static string Keyword(this ObjectKind kind) => kind switch
    {
        ObjectKind.Global => "global",
        ObjectKind.Module => "module",
        ObjectKind.Input => "input",
        ObjectKind.Action => "action",
        ObjectKind.Template => "template",
        ObjectKind.MainQueue => "main_queue",
        ObjectKind.Ruleset => "ruleset",
        ObjectKind.Parser => "parser",
        ObjectKind.Timezone => "timezone",
        ObjectKind.LookupTable => "lookup_table",
        ObjectKind.DynStats => "dyn_stats",
        ObjectKind.PercentileStats => "percentile_stats",
        ObjectKind.RateLimit => "ratelimit",
        ObjectKind.Include => "include",
        ObjectKind.Property => "property",
        ObjectKind.Constant => "constant",
        _ => kind.ToString(),
    };

    /// <summary>All kinds in the order the lexer tries their keywords.</summary>
    internal static readonly ObjectKind[] LexerOrder =
    {
        ObjectKind.MainQueue, ObjectKind.Timezone, ObjectKind.Parser, ObjectKind.Global, ObjectKind.Template,
        ObjectKind.Ruleset, ObjectKind.Property, ObjectKind.Constant, ObjectKind.Input, ObjectKind.Module,
        ObjectKind.LookupTable, ObjectKind.DynStats, ObjectKind.PercentileStats, ObjectKind.RateLimit,
        ObjectKind.Include, ObjectKind.Action,
    };
}
