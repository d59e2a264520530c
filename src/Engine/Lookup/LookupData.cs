namespace Sluice.Engine.Lookup;

/// <summary>
/// The contents of one version of a lookup table: immutable, so readers use it without locks while a reload builds
/// the next one. Keys and values are bytes (values are returned as spans, nothing is allocated per lookup).
/// </summary>
public sealed class LookupData
{
    private readonly byte[][] _stringKeys;
    private readonly uint[] _numberKeys;
    private readonly byte[][] _values;

    private LookupData(LookupKind kind, byte[][] stringKeys, uint[] numberKeys, byte[][] values, byte[] noMatch, bool isStub)
    {
        Kind = kind;
        _stringKeys = stringKeys;
        _numberKeys = numberKeys;
        _values = values;
        NoMatch = noMatch;
        IsStub = isStub;
    }

    public LookupKind Kind { get; }

    /// <summary>What a key without an entry gives ("nomatch", default empty).</summary>
    public byte[] NoMatch { get; }

    /// <summary>A stub left by reload_lookup_table("t", "stub") after a failed reload: every key gives the stub value.</summary>
    public bool IsStub { get; }

    public int Count => _values.Length;

    /// <summary>Keys sorted bytewise (ordinal); duplicate keys keep the first entry in file order.</summary>
    public static LookupData ForStrings(IReadOnlyList<(byte[] Key, byte[] Value)> entries, byte[] noMatch)
    {
        var sorted = entries.Select((e, i) => (e.Key, e.Value, Order: i)).ToList();
        sorted.Sort(static (a, b) =>
        {
            int c = a.Key.AsSpan().SequenceCompareTo(b.Key);
            return c != 0 ? c : a.Order.CompareTo(b.Order);
        });
        var keys = new List<byte[]>(sorted.Count);
        var values = new List<byte[]>(sorted.Count);
        foreach (var e in sorted)
        {
            if (keys.Count > 0 && keys[^1].AsSpan().SequenceEqual(e.Key)) continue;
            keys.Add(e.Key);
            values.Add(e.Value);
        }
        return new LookupData(LookupKind.String, keys.ToArray(), Array.Empty<uint>(), values.ToArray(), noMatch, isStub: false);
    }

    /// <summary>For Array tables the caller has checked that the sorted keys are contiguous.</summary>
    public static LookupData ForNumbers(LookupKind kind, IReadOnlyList<(uint Key, byte[] Value)> entries, byte[] noMatch)
    {
        var sorted = entries.Select((e, i) => (e.Key, e.Value, Order: i)).ToList();
        sorted.Sort(static (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Order.CompareTo(b.Order));
        var keys = new List<uint>(sorted.Count);
        var values = new List<byte[]>(sorted.Count);
        foreach (var e in sorted)
        {
            if (keys.Count > 0 && keys[^1] == e.Key) continue;
            keys.Add(e.Key);
            values.Add(e.Value);
        }
        return new LookupData(kind, Array.Empty<byte[]>(), keys.ToArray(), values.ToArray(), noMatch, isStub: false);
    }

    public static LookupData Stub(LookupKind kind, byte[] value) =>
        new(kind, Array.Empty<byte[]>(), Array.Empty<uint>(), Array.Empty<byte[]>(), value, isStub: true);

    /// <summary>The value for a text key (String tables).</summary>
    public ReadOnlySpan<byte> Find(ReadOnlySpan<byte> key)
    {
        if (IsStub) return NoMatch;
        int lo = 0, hi = _stringKeys.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = _stringKeys[mid].AsSpan().SequenceCompareTo(key);
            if (c == 0) return _values[mid];
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return NoMatch;
    }

    /// <summary>The value for a number key (Array and SparseArray tables).</summary>
    public ReadOnlySpan<byte> Find(uint key)
    {
        if (IsStub || _numberKeys.Length == 0) return NoMatch;
        if (Kind == LookupKind.Array)
        {
            uint offset = key - _numberKeys[0];
            return key >= _numberKeys[0] && offset < (uint)_values.Length ? _values[offset] : NoMatch;
        }
        // rsyslogd 8.2302 finds nothing for keys of 2^31 and more (a negative key like "-1" included) in a sparse
        // array, although they are above every index (its comparison takes the difference as a signed int).
        if (key > int.MaxValue) return NoMatch;
        // The last index not above the key.
        int lo = 0, hi = _numberKeys.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_numberKeys[mid] <= key)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found < 0 ? NoMatch : _values[found];
    }
}
