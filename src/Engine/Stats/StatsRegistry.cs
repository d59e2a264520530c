namespace Sluice.Engine.Stats;

/// <summary>Every stats object of the running engine (what impstats will report). Registration is a cold path.</summary>
public sealed class StatsRegistry
{
    private readonly List<StatsObject> _objects = new();
    private readonly object _lock = new();

    public StatsObject Create(string name, string origin)
    {
        var o = new StatsObject(name, origin);
        lock (_lock) _objects.Add(o);
        return o;
    }

    public void Remove(StatsObject o)
    {
        lock (_lock) _objects.Remove(o);
    }

    public IReadOnlyList<StatsObject> Snapshot()
    {
        lock (_lock) return _objects.ToArray();
    }

    public StatsObject? Find(string name)
    {
        lock (_lock)
            foreach (var o in _objects)
                if (o.Name == name) return o;
        return null;
    }
}
