namespace Sluice.Engine.Config.Ast;

/// <summary>Every node of the config AST knows where it was written.</summary>
public abstract class SyntaxNode
{
    protected SyntaxNode(SourceLocation location) => Location = location;

    public SourceLocation Location { get; }
}

/// <summary>Something that may stand at the top level of a config file: an object, a statement, a $-line.</summary>
public abstract class ConfigItem : SyntaxNode
{
    protected ConfigItem(SourceLocation location) : base(location) { }
}
