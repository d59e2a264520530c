namespace Sluice.Engine.Config.Ast;

/// <summary>
/// A declarative object: global(), module(), input(), template(), main_queue(), ruleset(), parser() …
/// (action() and include() are statements, see <see cref="ActionNode"/> and <see cref="IncludeNode"/>).
/// </summary>
public sealed class ObjectNode : ConfigItem
{
    public ObjectNode(ObjectKind kind, IReadOnlyList<ParameterNode> parameters, SourceLocation location) : base(location)
    {
        Kind = kind;
        Parameters = parameters;
    }

    public ObjectKind Kind { get; }
    public IReadOnlyList<ParameterNode> Parameters { get; }

    /// <summary>A list template's property() and constant() objects (template(…) { … }).</summary>
    public IReadOnlyList<ObjectNode> SubObjects { get; init; } = Array.Empty<ObjectNode>();

    /// <summary>A ruleset's statements (ruleset(…) { … }); null for other objects.</summary>
    public IReadOnlyList<StatementNode>? Script { get; init; }

    /// <summary>True when the object was followed by a { … } body.</summary>
    public bool HasBody { get; init; }
}
