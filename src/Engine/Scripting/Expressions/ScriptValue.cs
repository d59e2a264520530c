using Sluice.Engine.Messages.Variables;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>rsyslog's three value types (struct svar datatype 'N', 'S', 'J').</summary>
public enum ScriptValueKind : byte
{
    Number,
    String,
    /// <summary>A JSON value that is not a string (number, boolean, double, object, array) read from a variable.</summary>
    Json,
}

/// <summary>
/// The result of evaluating an expression, without allocating: a number, a string as bytes (pointing into the
/// message, a variable, a constant or the context's scratch buffer) or a JSON node. Valid until the next evaluation
/// on the same <see cref="EvaluationContext"/>.
/// </summary>
public readonly ref struct ScriptValue
{
    private ScriptValue(ScriptValueKind kind, long number, ReadOnlySpan<byte> text, JsonNode? json)
    {
        Kind = kind;
        Number = number;
        Text = text;
        Json = json;
    }

    public ScriptValueKind Kind { get; }

    /// <summary>For <see cref="ScriptValueKind.Number"/>.</summary>
    public long Number { get; }

    /// <summary>For <see cref="ScriptValueKind.String"/>.</summary>
    public ReadOnlySpan<byte> Text { get; }

    /// <summary>For <see cref="ScriptValueKind.Json"/> (never a string or a JSON null).</summary>
    public JsonNode? Json { get; }

    public bool IsString => Kind == ScriptValueKind.String;

    public static ScriptValue FromNumber(long number) => new(ScriptValueKind.Number, number, default, null);

    public static ScriptValue FromString(ReadOnlySpan<byte> text) => new(ScriptValueKind.String, 0, text, null);

    public static ScriptValue Empty => new(ScriptValueKind.String, 0, default, null);

    /// <summary>A node read from a tree: strings become <see cref="ScriptValueKind.String"/>, JSON null the empty string.</summary>
    public static ScriptValue FromNode(JsonNode? node) => node switch
    {
        null or { Kind: JsonKind.Null } => Empty,
        { Kind: JsonKind.String } => FromString(node.Text),
        _ => new(ScriptValueKind.Json, 0, default, node),
    };

    public static ScriptValue FromBool(bool value) => FromNumber(value ? 1 : 0);
}
