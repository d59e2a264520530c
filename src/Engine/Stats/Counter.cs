namespace Sluice.Engine.Stats;

/// <summary>
/// A named statistics counter as rsyslog's impstats reports it. Writers add once per batch or event (not
/// per message where avoidable); readers sum. Thread-safe.
/// </summary>
public sealed class Counter
{
    private long _value;

    public Counter(string name, bool resettable = true)
    {
        Name = name;
        Resettable = resettable;
    }

    public string Name { get; }
    public bool Resettable { get; }
    public long Value => Volatile.Read(ref _value);

    public void Increment() => Interlocked.Increment(ref _value);
    public void Add(long n) { if (n != 0) Interlocked.Add(ref _value, n); }
    /// <summary>For gauges like a queue's size and high-water mark.</summary>
    public void Set(long n) => Volatile.Write(ref _value, n);
    public void SetMax(long n)
    {
        long cur;
        while (n > (cur = Volatile.Read(ref _value)) && Interlocked.CompareExchange(ref _value, n, cur) != cur) { }
    }
}
