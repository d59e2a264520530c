namespace Sluice.Engine.Messages.Variables;

/// <summary>
/// One value of a variable tree (see <see cref="MessageVariables"/>). Mutable and pooled by <see cref="JsonNodePool"/>:
/// the byte buffers for the key and a string value and the child array keep their capacity when a node is reused.
/// An object keeps its members in slots in insertion order; removing a member leaves a hole that the next new
/// member fills (libfastjson's behaviour, checked with rsyslogd: a, b, c, unset b, set d, set b renders a, d, c, b).
/// </summary>
public sealed class JsonNode
{
    private static readonly byte[] NoBytes = [];
    private static readonly JsonNode?[] NoChildren = [];

    private byte[] _key = NoBytes;
    private int _keyLength;
    private byte[] _text = NoBytes;
    private int _textLength;
    private JsonNode?[] _children = NoChildren;
    private int _slots;

    internal JsonNode() { }

    public JsonKind Kind { get; private set; }

    /// <summary>The member name when the node sits in an object.</summary>
    public ReadOnlySpan<byte> Key => new(_key, 0, _keyLength);

    /// <summary>A string's bytes, or a parsed double's source text (libfastjson prints doubles as they were written).</summary>
    public ReadOnlySpan<byte> Text => new(_text, 0, _textLength);

    /// <summary>An integer's value; 1 or 0 for a boolean.</summary>
    public long Integer { get; private set; }

    public double Double { get; private set; }

    /// <summary>Slots of an object (holes included) or elements of an array.</summary>
    public int SlotCount => _slots;

    /// <summary>The member or element in <paramref name="slot"/>; null for a removed object member.</summary>
    public JsonNode? Slot(int slot) => _children[slot];

    /// <summary>Members of an object (holes skipped) or elements of an array.</summary>
    public int Count
    {
        get
        {
            if (Kind == JsonKind.Array) return _slots;
            int n = 0;
            for (int i = 0; i < _slots; i++)
                if (_children[i] is not null) n++;
            return n;
        }
    }

    /// <summary>libfastjson's json_object_get_int64: doubles truncate (saturating), booleans are 0/1, the rest 0.</summary>
    public long ToInt64() => Kind switch
    {
        JsonKind.Integer or JsonKind.Boolean => Integer,
        JsonKind.Double => Double >= long.MaxValue ? long.MaxValue : Double <= long.MinValue ? long.MinValue : double.IsNaN(Double) ? 0 : (long)Double,
        _ => 0,
    };

    // ---- construction (by the pool and the reader) ----

    internal void Reset(JsonKind kind)
    {
        Kind = kind;
        Integer = 0;
        Double = 0;
        _keyLength = 0;
        _textLength = 0;
        _slots = 0;
    }

    internal void SetKey(ReadOnlySpan<byte> key) => Copy(ref _key, ref _keyLength, key);

    internal void SetText(ReadOnlySpan<byte> text) => Copy(ref _text, ref _textLength, text);

    internal void SetInteger(long value) => Integer = value;

    internal void SetDouble(double value) => Double = value;

    /// <summary>Room for <paramref name="length"/> more text bytes (the reader decodes escapes straight into it).</summary>
    internal Span<byte> AppendText(int length)
    {
        if (_textLength + length > _text.Length)
            Array.Resize(ref _text, Math.Max(_textLength + length, Math.Max(16, _text.Length * 2)));
        var span = new Span<byte>(_text, _textLength, length);
        _textLength += length;
        return span;
    }

    internal void TrimText(int length) => _textLength = length;

    private static void Copy(ref byte[] buffer, ref int length, ReadOnlySpan<byte> value)
    {
        if (value.Length > buffer.Length) buffer = new byte[Math.Max(value.Length, 16)];
        value.CopyTo(buffer);
        length = value.Length;
    }

    // ---- objects ----

    /// <summary>The member called <paramref name="key"/> (compared as <see cref="JsonKeys"/> does), or null.</summary>
    public JsonNode? Member(ReadOnlySpan<byte> key)
    {
        if (Kind != JsonKind.Object) return null;
        for (int i = 0; i < _slots; i++)
        {
            var child = _children[i];
            if (child is not null && JsonKeys.Equal(child.Key, key)) return child;
        }
        return null;
    }

    /// <summary>
    /// json_object_object_add: replaces the value of an existing member in place (keeping the name as first
    /// written), or puts a new member into the first hole, or at the end. Returns the replaced node, if any.
    /// </summary>
    internal JsonNode? AddMember(ReadOnlySpan<byte> key, JsonNode value)
    {
        int hole = -1;
        for (int i = 0; i < _slots; i++)
        {
            var child = _children[i];
            if (child is null)
            {
                if (hole < 0) hole = i;
                continue;
            }
            if (JsonKeys.Equal(child.Key, key))
            {
                value.SetKey(child.Key);
                _children[i] = value;
                return child;
            }
        }
        value.SetKey(key);
        if (hole >= 0) _children[hole] = value;
        else Append(value);
        return null;
    }

    /// <summary>json_object_object_del: removes the member, leaving a hole. Returns it, or null.</summary>
    internal JsonNode? RemoveMember(ReadOnlySpan<byte> key)
    {
        for (int i = 0; i < _slots; i++)
        {
            var child = _children[i];
            if (child is not null && JsonKeys.Equal(child.Key, key))
            {
                _children[i] = null;
                return child;
            }
        }
        return null;
    }

    // ---- arrays ----

    /// <summary>The element at <paramref name="index"/>, or null when out of range or not an array.</summary>
    public JsonNode? Element(long index) =>
        Kind == JsonKind.Array && index >= 0 && index < _slots ? _children[index] : null;

    internal void Append(JsonNode child)
    {
        if (_slots == _children.Length) Array.Resize(ref _children, Math.Max(4, _slots * 2));
        _children[_slots++] = child;
    }

    /// <summary>Forgets all children (the pool takes them back separately).</summary>
    internal void ClearChildren()
    {
        Array.Clear(_children, 0, _slots);
        _slots = 0;
    }
}
