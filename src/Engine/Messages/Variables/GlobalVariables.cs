using Sluice.Engine.Templates;

namespace Sluice.Engine.Messages.Variables;

/// <summary>
/// <c>$/</c>: variables shared by every message of a running configuration, guarded by one lock as rsyslog guards
/// them with glblVars_lock. Readers get copies (rsyslog deep-copies too), so nothing outside the lock ever points
/// into the tree and its nodes are recycled at once.
/// </summary>
public sealed class GlobalVariables
{
    private readonly Lock _lock = new();
    private readonly JsonNodePool _pool = new();
    private readonly VariableTree _tree;

    public GlobalVariables() => _tree = new VariableTree(_pool, deferRelease: false);

    /// <summary>
    /// The running configuration's $/ variables. rsyslog keeps them in one process-wide tree (msg.c global_var_root),
    /// read by scripts and templates alike; templates, compiled before any plan exists, render $/ from this one.
    /// </summary>
    public static GlobalVariables Process { get; } = new();

    /// <summary>set/reset with a value from any pool (it is copied in).</summary>
    public void Set(VariablePath path, JsonNode value, bool reset)
    {
        lock (_lock) _tree.Set(path, _pool.DeepCopy(value), reset);
    }

    /// <summary>set/reset with a string value.</summary>
    public void SetString(VariablePath path, ReadOnlySpan<byte> value, bool reset)
    {
        lock (_lock) _tree.Set(path, _pool.RentString(value), reset);
    }

    /// <summary>set/reset with a number value.</summary>
    public void SetInteger(VariablePath path, long value, bool reset)
    {
        lock (_lock) _tree.Set(path, _pool.RentInteger(value), reset);
    }

    public void Unset(VariablePath path)
    {
        lock (_lock) _tree.Unset(path);
    }

    public bool Exists(VariablePath path)
    {
        lock (_lock) return _tree.Exists(path);
    }

    /// <summary>
    /// Reads a variable: a string is appended to <paramref name="text"/> (returns <see cref="JsonKind.String"/>), any
    /// other value is deep-copied into <paramref name="copies"/> and returned in <paramref name="copy"/>. Returns
    /// <see cref="JsonKind.Null"/> when the variable is absent.
    /// </summary>
    public JsonKind Read(VariablePath path, ByteBuffer text, JsonNodePool copies, out JsonNode? copy)
    {
        lock (_lock)
        {
            copy = null;
            var node = _tree.Find(path);
            if (node is null) return JsonKind.Null;
            if (node.Kind == JsonKind.String)
            {
                text.Append(node.Text);
                return JsonKind.String;
            }
            copy = copies.DeepCopy(node);
            return node.Kind;
        }
    }

    /// <summary>Appends the variable as a template renders it (strings raw, anything else as JSON, absent as nothing).</summary>
    public void Render(VariablePath path, ByteBuffer dest)
    {
        lock (_lock)
        {
            if (_tree.Find(path) is { } node) JsonWriter.WriteValue(dest, node);
        }
    }

    /// <summary>The tree rendered as JSON ("" when empty), for diagnostics and tests.</summary>
    public string ToJson()
    {
        var buffer = new ByteBuffer(256);
        lock (_lock)
        {
            if (_tree.Root is { } root) JsonWriter.Write(buffer, root);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
