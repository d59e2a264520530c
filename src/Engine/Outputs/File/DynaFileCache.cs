namespace Sluice.Engine.Outputs.File;

/// <summary>
/// The open files of a dynaFile action, by path: a hash map for the lookup and a list in order of use for the
/// eviction of the least recently used file (rsyslog keeps an array it scans with a logical clock; the order of
/// eviction is the same, without the scan). The file used last is checked first, as rsyslog's "level 0".
/// Sinks that leave the cache are kept for reuse with their buffers. Caller holds the output's lock.
/// </summary>
internal sealed class DynaFileCache
{
    private readonly Dictionary<byte[], FileSink> _map;
    private readonly Dictionary<byte[], FileSink>.AlternateLookup<ReadOnlySpan<byte>> _byPath;
    private readonly Stack<FileSink> _spare = new();
    private FileSink? _newest;
    private FileSink? _oldest;

    public DynaFileCache(int capacity)
    {
        Capacity = capacity;
        _map = new Dictionary<byte[], FileSink>(Math.Min(capacity, 4096), PathKeyComparer.Instance);
        _byPath = _map.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public int Capacity { get; }
    public int Count => _map.Count;
    public bool IsFull => _map.Count >= Capacity;

    /// <summary>The sink open for <paramref name="path"/>, now the most recently used; <paramref name="level0"/> when it was already.</summary>
    public FileSink? Find(ReadOnlySpan<byte> path, out bool level0)
    {
        if (_newest is not null && path.SequenceEqual(_newest.Key))
        {
            level0 = true;
            return _newest;
        }
        level0 = false;
        if (!_byPath.TryGetValue(path, out var sink)) return null;
        Unlink(sink);
        LinkNewest(sink);
        return sink;
    }

    /// <summary>Adds a sink (assigned to its path) as the most recently used.</summary>
    public void Add(FileSink sink)
    {
        _map.Add(sink.Key, sink);
        LinkNewest(sink);
    }

    /// <summary>The least recently used sink, taken out of the cache; null when empty.</summary>
    public FileSink? RemoveOldest()
    {
        var sink = _oldest;
        if (sink is not null) Remove(sink);
        return sink;
    }

    public void Remove(FileSink sink)
    {
        _map.Remove(sink.Key);
        Unlink(sink);
    }

    /// <summary>The least recently used sink (walk with <see cref="FileSink.Newer"/>).</summary>
    public FileSink? Oldest => _oldest;

    /// <summary>A closed, empty sink for reuse, if one was returned.</summary>
    public FileSink? TakeSpare() => _spare.Count > 0 ? _spare.Pop() : null;

    /// <summary>Keeps a sink that left the cache (closed, nothing buffered) for reuse.</summary>
    public void ReturnSpare(FileSink sink) => _spare.Push(sink);

    private void LinkNewest(FileSink sink)
    {
        sink.Older = _newest;
        sink.Newer = null;
        if (_newest is not null) _newest.Newer = sink;
        _newest = sink;
        _oldest ??= sink;
    }

    private void Unlink(FileSink sink)
    {
        if (sink.Newer is not null) sink.Newer.Older = sink.Older;
        else _newest = sink.Older;
        if (sink.Older is not null) sink.Older.Newer = sink.Newer;
        else _oldest = sink.Newer;
        sink.Newer = sink.Older = null;
    }
}
