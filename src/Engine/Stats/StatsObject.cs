namespace Sluice.Engine.Stats;

/// <summary>A group of counters under one name and origin, e.g. "w0/imtcp" (origin imtcp) or "main Q" (core.queue).</summary>
public sealed class StatsObject
{
    private readonly List<Counter> _counters = new();

    public StatsObject(string name, string origin)
    {
        Name = name;
        Origin = origin;
    }

    public string Name { get; }
    public string Origin { get; }
    public IReadOnlyList<Counter> Counters => _counters;

    /// <summary>Adds a counter; counters are reported in the order added (rsyslog registration order).</summary>
    public Counter Add(string name, bool resettable = true)
    {
        var c = new Counter(name, resettable);
        _counters.Add(c);
        return c;
    }

    public Counter? Find(string name)
    {
        foreach (var c in _counters)
            if (c.Name == name) return c;
        return null;
    }

    /// <summary>rsyslog's legacy impstats line: "name: origin=o k1=v1 k2=v2 " (note the trailing space).</summary>
    public string ToLegacyLine()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(Name).Append(": origin=").Append(Origin).Append(' ');
        foreach (var c in _counters) sb.Append(c.Name).Append('=').Append(c.Value).Append(' ');
        return sb.ToString();
    }
}
