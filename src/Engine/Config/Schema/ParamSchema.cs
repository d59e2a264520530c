namespace Sluice.Engine.Config.Schema;

/// <summary>The parameters one config object accepts. Names are case-insensitive.</summary>
public sealed class ParamSchema
{
    private readonly Dictionary<string, ParamDef> _byName = new(StringComparer.OrdinalIgnoreCase);

    public ParamSchema(IEnumerable<ParamDef> defs)
    {
        foreach (var d in defs)
        {
            if (!_byName.TryAdd(d.Name, d))
                throw new ArgumentException($"duplicate parameter '{d.Name}' in schema");
            All.Add(d);
        }
    }

    public static readonly ParamSchema Empty = new(Array.Empty<ParamDef>());

    public List<ParamDef> All { get; } = new();

    public ParamDef? Find(string name) => _byName.TryGetValue(name, out var d) ? d : null;

    /// <summary>The closest known name (for "did you mean"), or null when nothing is close.</summary>
    public string? Closest(string name) => NameSuggester.Closest(name, _byName.Keys);
}
