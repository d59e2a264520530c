namespace Sluice.Engine.Config.Ast;

/// <summary>The value of an object parameter: a string or an array of strings.</summary>
public abstract class ValueNode : SyntaxNode
{
    protected ValueNode(SourceLocation location) : base(location) { }
}

public sealed class StringValue : ValueNode
{
    public StringValue(string value, SourceLocation location, bool quoted = true) : base(location)
    {
        Value = value;
        Quoted = quoted;
    }

    /// <summary>The decoded value (escapes resolved, backticks expanded).</summary>
    public string Value { get; }

    /// <summary>False for an unquoted value, which rsyslog rejects (kept so that binding can go on).</summary>
    public bool Quoted { get; }

    public override string ToString() => Value;
}

public sealed class ArrayValue : ValueNode
{
    public ArrayValue(IReadOnlyList<StringValue> items, SourceLocation location) : base(location) => Items = items;

    public IReadOnlyList<StringValue> Items { get; }
}

/// <summary>name="value" or name=["a","b"]; the location is the name's.</summary>
public sealed class ParameterNode : SyntaxNode
{
    public ParameterNode(string name, ValueNode value, SourceLocation location) : base(location)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }
    public ValueNode Value { get; }
}
