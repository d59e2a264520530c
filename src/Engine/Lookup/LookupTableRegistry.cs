namespace Sluice.Engine.Lookup;

/// <summary>The lookup tables of a configuration by name (case-sensitive, as rsyslog compares them).</summary>
public sealed class LookupTableRegistry
{
    private readonly Dictionary<string, LookupTable> _tables = new(StringComparer.Ordinal);

    public LookupTable? Find(string name) => _tables.TryGetValue(name, out var t) ? t : null;

    public IEnumerable<string> Names => _tables.Keys;

    public IEnumerable<LookupTable> All => _tables.Values;

    /// <summary>False when a table of that name exists already.</summary>
    public bool TryAdd(LookupTable table) => _tables.TryAdd(table.Name, table);

    /// <summary>SIGHUP: every table with reloadOnHUP="on" reads its file again.</summary>
    public void ReloadOnHup()
    {
        foreach (var t in _tables.Values)
            if (t.ReloadOnHup) t.Reload();
    }
}
