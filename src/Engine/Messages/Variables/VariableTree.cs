namespace Sluice.Engine.Messages.Variables;

/// <summary>
/// One variable tree ($!, $. or $/) with rsyslog's operations on it, as msg.c implements them (msgAddJSON,
/// msgDelJSON, msgGetJSONPropJSONorString, msgCheckVarExists), quirks included. Every quirk listed here was
/// checked against rsyslogd 8.2302 (tests/Sluice.Tests/Scripting/Expressions/Data/expressions.tsv):
/// <list type="bullet">
/// <item>set creates missing intermediate objects; setting below a value that is not an object does nothing;</item>
/// <item>set on an existing object member with a non-object value does nothing ("container node with a leaf");</item>
/// <item>set with an object value on an existing member merges the value's members into the ROOT of the tree,
///   not into the member (so set $!a = $!c adds c's members next to a); reset replaces;</item>
/// <item>set on the whole tree ($!) merges an object into it, or installs any value if the tree is empty;</item>
/// <item>reading or unsetting never creates anything; unset of a JSON null member leaves it in place.</item>
/// </list>
/// Not thread-safe; <see cref="GlobalVariables"/> adds the lock for $/.
/// </summary>
public sealed class VariableTree
{
    private readonly JsonNodePool _pool;
    private readonly List<JsonNode>? _released;

    /// <param name="pool">Where nodes come from and go back to.</param>
    /// <param name="deferRelease">
    /// Keep removed or replaced nodes until <see cref="Clear"/> instead of recycling them at once, because values read
    /// during an evaluation may still refer to them (message trees). Trees whose readers copy values out (globals)
    /// recycle immediately.
    /// </param>
    public VariableTree(JsonNodePool pool, bool deferRelease)
    {
        _pool = pool;
        _released = deferRelease ? new List<JsonNode>() : null;
    }

    public JsonNode? Root { get; private set; }

    public JsonNodePool Pool => _pool;

    /// <summary>The value at <paramref name="path"/>; null when absent or a JSON null.</summary>
    public JsonNode? Find(VariablePath path)
    {
        if (path.IsRoot) return Root;
        var parent = Walk(path);
        return parent is null ? null : path.Leaf.Find(parent);
    }

    /// <summary>exists(): the variable is there and is not a JSON null.</summary>
    public bool Exists(VariablePath path) => Find(path) is not null;

    /// <summary>
    /// set (<paramref name="reset"/> false) or reset: stores <paramref name="value"/>, which must be made of this
    /// tree's pool nodes and is owned by the tree afterwards (released if the operation does nothing).
    /// </summary>
    public void Set(VariablePath path, JsonNode value, bool reset)
    {
        if (path.IsRoot)
        {
            if (Root is null) Root = value;
            else MergeInto(Root, value);
            return;
        }
        Root ??= _pool.Rent(JsonKind.Object);
        var parent = WalkCreating(path);
        if (parent is not { Kind: JsonKind.Object })
        {
            Release(value);
            return;
        }
        var leaf = path.Leaf;
        var existing = leaf.Find(parent);
        if (reset || existing is null)
        {
            Release(parent.AddMember(leaf.Key, value));
        }
        else if (value.Kind == JsonKind.Object)
        {
            MergeInto(Root, value);
        }
        else if (existing.Kind == JsonKind.Object)
        {
            Release(value);
        }
        else
        {
            Release(parent.AddMember(leaf.Key, value));
        }
    }

    /// <summary>unset: removes the member (by its literal name) or the whole tree.</summary>
    public void Unset(VariablePath path)
    {
        if (Root is null) return;
        if (path.IsRoot)
        {
            Release(Root);
            Root = null;
            return;
        }
        var parent = Walk(path);
        if (parent is null || path.Leaf.Find(parent) is null) return;
        Release(parent.RemoveMember(path.Leaf.Key));
    }

    /// <summary>Drops the whole tree (message reuse); the nodes go back to the pool.</summary>
    public void Clear()
    {
        if (Root is not null) _pool.Return(Root);
        Root = null;
        if (_released is null) return;
        foreach (var node in _released) _pool.Return(node);
        _released.Clear();
    }

    // jsonMerge: every member of an object value is added to the target; anything else adds nothing. Adding to a
    // target that is not an object fails silently in libfastjson.
    private void MergeInto(JsonNode target, JsonNode value)
    {
        if (value.Kind == JsonKind.Object && target.Kind == JsonKind.Object)
        {
            for (int i = 0; i < value.SlotCount; i++)
                if (value.Slot(i) is { } member) Release(target.AddMember(member.Key, member));
            value.ClearChildren();
        }
        Release(value);
    }

    private JsonNode? Walk(VariablePath path)
    {
        var node = Root;
        foreach (var component in path.Parents)
        {
            if (node is null) return null;
            if (component.IsEmpty) continue;
            node = component.Find(node);
        }
        return node;
    }

    // jsonPathFindParent with bCreate: a missing step becomes an empty object. Below a value that is not an object
    // libfastjson cannot add it, so the rest of the path hangs off an orphan and the set has no effect (null here).
    private JsonNode? WalkCreating(VariablePath path)
    {
        var node = Root!;
        foreach (var component in path.Parents)
        {
            if (component.IsEmpty) continue;
            var next = component.Find(node);
            if (next is null)
            {
                if (node.Kind != JsonKind.Object) return null;
                next = _pool.Rent(JsonKind.Object);
                Release(node.AddMember(component.Key, next));
            }
            node = next;
        }
        return node;
    }

    private void Release(JsonNode? node)
    {
        if (node is null) return;
        if (_released is not null) _released.Add(node);
        else _pool.Return(node);
    }
}
