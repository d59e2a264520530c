namespace Sluice.Engine.Config.Schema;

/// <summary>
/// Validated, typed parameter values of one config object, with defaults from its schema filled in.
/// Built by the config binder; modules only read it.
/// </summary>
public sealed class ParamSet
{
    private readonly Dictionary<string, (object Value, SourceLocation Location)> _set = new(StringComparer.OrdinalIgnoreCase);

    public ParamSet(ParamSchema schema, SourceLocation objectLocation)
    {
        Schema = schema;
        Location = objectLocation;
    }

    public ParamSchema Schema { get; }
    /// <summary>Where the object (module(), input(), action() …) starts.</summary>
    public SourceLocation Location { get; }

    /// <summary>Stores a typed value (bool, long, string, string[]) for a parameter of the schema.</summary>
    public void Set(string name, object value, SourceLocation location)
    {
        var def = Schema.Find(name) ?? throw new ArgumentException($"'{name}' is not in the schema");
        _set[def.Name] = (value, location);
    }

    public bool IsSet(string name) => _set.ContainsKey(name);

    /// <summary>Where the parameter's value was written (ParamBinder stores the value's location), or the object's location when it was not given.</summary>
    public SourceLocation LocationOf(string name) => _set.TryGetValue(name, out var v) ? v.Location : Location;

    public IEnumerable<string> SetNames => _set.Keys;

    private object? Get(string name)
    {
        if (_set.TryGetValue(name, out var v)) return v.Value;
        var def = Schema.Find(name) ?? throw new ArgumentException($"'{name}' is not in the schema");
        return def.Default;
    }

    public string? GetString(string name) => Get(name) switch
    {
        null => null,
        string s => s,
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "on" : "off",
        string[] a => string.Join(",", a),
        var o => o.ToString(),
    };

    public long GetLong(string name) => Get(name) switch
    {
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        null => throw new InvalidOperationException($"parameter '{name}' has no value and no default"),
        var o => throw new InvalidOperationException($"parameter '{name}' is {o.GetType().Name}, not a number"),
    };

    public int GetInt(string name) => checked((int)GetLong(name));

    public bool GetBool(string name) => Get(name) switch
    {
        bool b => b,
        long l => l != 0,
        null => false,
        var o => throw new InvalidOperationException($"parameter '{name}' is {o.GetType().Name}, not binary"),
    };

    public string[] GetStringArray(string name) => Get(name) switch
    {
        null => Array.Empty<string>(),
        string[] a => a,
        string s => new[] { s },
        var o => throw new InvalidOperationException($"parameter '{name}' is {o.GetType().Name}, not an array"),
    };
}
