namespace Sluice.Engine.Messages.Variables;

/// <summary>
/// Recycles <see cref="JsonNode"/>s (with their buffers) so that a pooled message that uses variables stops
/// allocating once its trees have reached their usual shape. Not thread-safe: each owner (a message's variables, the
/// global variables under their lock, an evaluation context) has its own.
/// </summary>
public sealed class JsonNodePool
{
    /// <summary>Free nodes kept at most; a message that once parsed a huge document does not pin it forever.</summary>
    private const int MaxFree = 1024;

    private readonly Stack<JsonNode> _free = new();
    private readonly Stack<JsonNode> _work = new();

    public JsonNode Rent(JsonKind kind)
    {
        var node = _free.Count > 0 ? _free.Pop() : new JsonNode();
        node.Reset(kind);
        return node;
    }

    public JsonNode RentString(ReadOnlySpan<byte> value)
    {
        var node = Rent(JsonKind.String);
        node.SetText(value);
        return node;
    }

    public JsonNode RentInteger(long value)
    {
        var node = Rent(JsonKind.Integer);
        node.SetInteger(value);
        return node;
    }

    /// <summary>Takes back <paramref name="root"/> and everything below it.</summary>
    public void Return(JsonNode root)
    {
        _work.Push(root);
        while (_work.Count > 0)
        {
            var node = _work.Pop();
            for (int i = 0; i < node.SlotCount; i++)
                if (node.Slot(i) is { } child) _work.Push(child);
            node.ClearChildren();
            if (_free.Count < MaxFree) _free.Push(node);
        }
    }

    /// <summary>A copy of <paramref name="source"/> (from any pool) made of this pool's nodes.</summary>
    public JsonNode DeepCopy(JsonNode source)
    {
        var copy = Rent(source.Kind);
        copy.SetInteger(source.Integer);
        copy.SetDouble(source.Double);
        copy.SetText(source.Text);
        copy.SetKey(source.Key);
        for (int i = 0; i < source.SlotCount; i++)
        {
            var child = source.Slot(i);
            // Holes are squeezed out: libfastjson's deep copy re-adds the members one by one.
            if (child is not null) copy.Append(DeepCopy(child));
        }
        return copy;
    }
}
