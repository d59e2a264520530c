using System.Text;

namespace Sluice.Engine.Messages.Variables;

/// <summary>
/// A variable name compiled once at config time: "$!a!b!c" is the tree $!, the parent path a → b and the leaf c.
/// Parsed as rsyslog's msg.c does it (jsonPathGetLeaf / jsonPathFindNext / jsonVarExtract): only '!' separates
/// (so "$.a.b" is one name "a.b"), an empty component ("$!a!!b") stays where it is, and a component "name[N]"
/// selects element N of the array "name" — falling back to a member literally called "name[N]" when "name" is not
/// an array. The bare "$!", "$." and "$/" stand for the whole tree.
/// </summary>
public sealed class VariablePath
{
    private VariablePath(string name, VariableScope scope, PathComponent[] parents, PathComponent leaf, bool isRoot)
    {
        Name = name;
        Scope = scope;
        Parents = parents;
        Leaf = leaf;
        IsRoot = isRoot;
    }

    /// <summary>The name as written, without the '$' (for example "!a!b").</summary>
    public string Name { get; }

    public VariableScope Scope { get; }

    /// <summary>"$!", "$." or "$/": the whole tree.</summary>
    public bool IsRoot { get; }

    internal PathComponent[] Parents { get; }

    internal PathComponent Leaf { get; }

    /// <summary>
    /// The path for <paramref name="name"/> (without '$'), or null when it does not start with '!', '.' or '/' and
    /// is therefore a message property, not a variable.
    /// </summary>
    public static VariablePath? TryParse(string name)
    {
        if (name.Length == 0) return null;
        VariableScope scope;
        switch (name[0])
        {
            case '!': scope = VariableScope.Message; break;
            case '.': scope = VariableScope.Local; break;
            case '/': scope = VariableScope.Global; break;
            default: return null;
        }
        if (name.Length == 1) return new VariablePath(name, scope, [], default, isRoot: true);

        int leafStart = name.LastIndexOf('!') is var bang and >= 1 ? bang + 1 : 1;
        var parents = new List<PathComponent>();
        if (leafStart - 1 > 1)
            foreach (string part in name[1..(leafStart - 1)].Split('!'))
                parents.Add(PathComponent.From(part));
        return new VariablePath(name, scope, parents.ToArray(), PathComponent.From(name[leafStart..]), isRoot: false);
    }

    public static VariablePath Parse(string name) =>
        TryParse(name) ?? throw new ArgumentException($"'{name}' is not a $!, $. or $/ variable", nameof(name));

    public override string ToString() => "$" + Name;
}

/// <summary>One step of a <see cref="VariablePath"/>.</summary>
internal readonly struct PathComponent
{
    private PathComponent(byte[] key, byte[]? arrayName, long index)
    {
        Key = key;
        ArrayName = arrayName;
        Index = index;
    }

    /// <summary>The component as written: the member name used when it is created or removed.</summary>
    public byte[] Key { get; }

    /// <summary>For "name[N]": "name" (and <see cref="Index"/> = N), else null.</summary>
    public byte[]? ArrayName { get; }

    public long Index { get; }

    public bool IsEmpty => Key.Length == 0;

    public static PathComponent From(string text)
    {
        byte[] key = Encoding.UTF8.GetBytes(text);
        // jsonVarExtract: the first '[' and the first ']' after it, which must end the name, around a number that
        // strtol(…, 10) reads completely (it skips leading blanks and takes a sign).
        int open = text.IndexOf('[');
        if (open >= 0)
        {
            int close = text.IndexOf(']', open);
            if (close == text.Length - 1 && TryStrtol(text.AsSpan(open + 1, close - open - 1), out long index))
                return new PathComponent(key, Encoding.UTF8.GetBytes(text[..open]), unchecked((int)index));
        }
        return new PathComponent(key, null, 0);
    }

    private static bool TryStrtol(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        int i = 0;
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r') i++;
        bool negative = false;
        if (i < s.Length && s[i] is '+' or '-') negative = s[i++] == '-';
        int digits = i;
        long v = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (v > (long.MaxValue - (s[i] - '0')) / 10) return false; // ERANGE
            v = v * 10 + (s[i] - '0');
        }
        if (i == digits || i != s.Length) return false;
        value = negative ? -v : v;
        return true;
    }

    /// <summary>
    /// jsonVarExtract: the value this component names below <paramref name="node"/>, or null when there is none.
    /// A JSON null counts as none (libfastjson's NULL pointer). A negative index finds nothing (rsyslog 8.2302
    /// crashes on "$!arr[-1]").
    /// </summary>
    public JsonNode? Find(JsonNode node)
    {
        if (ArrayName is not null && node.Member(ArrayName) is { Kind: JsonKind.Array } array)
            return Present(array.Element(Index));
        return Present(node.Member(Key));
    }

    private static JsonNode? Present(JsonNode? node) => node is { Kind: not JsonKind.Null } ? node : null;
}
