namespace Sluice.Engine.Config.Ast;

/// <summary>A legacy "$Directive arguments" line, including "$Ruleset" and "$IncludeConfig".</summary>
public sealed class DirectiveNode : ConfigItem
{
    public DirectiveNode(string name, RawText arguments, SourceLocation location) : base(location)
    {
        Name = name;
        Arguments = arguments;
    }

    /// <summary>The directive name without '$', as written (compare case-insensitively).</summary>
    public string Name { get; }
    /// <summary>Everything after the name, as written.</summary>
    public RawText Arguments { get; }
}

/// <summary>A BSD-style block start: "!prog" (tag selector) or "+host" / "-host" / "+*" (host selector).</summary>
public sealed class BsdSelectorNode : ConfigItem
{
    public BsdSelectorNode(bool isHostSelector, RawText text, SourceLocation location) : base(location)
    {
        IsHostSelector = isHostSelector;
        Text = text;
    }

    public bool IsHostSelector { get; }
    public RawText Text { get; }
}

/// <summary>A parsed config file: its items in file order and the syntax errors found.</summary>
public sealed class ConfigDocument
{
    public ConfigDocument(string fileName, IReadOnlyList<ConfigItem> items, IReadOnlyList<ConfigError> errors)
    {
        FileName = fileName;
        Items = items;
        Errors = errors;
    }

    public string FileName { get; }
    public IReadOnlyList<ConfigItem> Items { get; }
    /// <summary>Syntax errors; binding adds its own and reports them all together.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }
}
