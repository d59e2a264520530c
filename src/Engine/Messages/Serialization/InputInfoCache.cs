using System.Text;

namespace Sluice.Engine.Messages.Serialization;

/// <summary>
/// The default <see cref="IInputInfoResolver"/>: one <see cref="InputInfo"/> per (input name, ruleset name,
/// parse-hostname), made on first sight and reused, so reading allocates nothing once every input was seen. Live
/// objects can be registered with <see cref="Add"/> (they are then returned as they are, their ruleset binding
/// kept); <see cref="InputInfo.Internal"/> is registered from the start. The ruleset of an object made here is
/// bound by the runtime by its name, as for any input (RulesetRunner). Thread-safe: lookups read an immutable
/// array, additions replace it under a lock.
/// </summary>
public sealed class InputInfoCache : IInputInfoResolver
{
    private sealed class Entry
    {
        public Entry(InputInfo info)
        {
            Info = info;
            Ruleset = info.RulesetName is { } r ? Encoding.UTF8.GetBytes(r) : null;
        }

        public readonly InputInfo Info;
        public readonly byte[]? Ruleset;
    }

    private readonly object _lock = new();
    private Entry[] _entries;

    public InputInfoCache()
    {
        _entries = [new Entry(InputInfo.Internal)];
    }

    /// <summary>Registers a live input, so messages read back get this very object.</summary>
    public void Add(InputInfo info)
    {
        lock (_lock)
        {
            var bigger = new Entry[_entries.Length + 1];
            _entries.CopyTo(bigger, 1);
            bigger[0] = new Entry(info); // newest first: a live object wins over one made earlier
            Volatile.Write(ref _entries, bigger);
        }
    }

    public InputInfo Resolve(ReadOnlySpan<byte> inputName, ReadOnlySpan<byte> rulesetName, bool hasRuleset, bool parseHostname)
    {
        var found = Find(Volatile.Read(ref _entries), inputName, rulesetName, hasRuleset, parseHostname);
        if (found != null) return found;
        lock (_lock)
        {
            found = Find(_entries, inputName, rulesetName, hasRuleset, parseHostname);
            if (found != null) return found;
            var info = new InputInfo(Encoding.UTF8.GetString(inputName), hasRuleset ? Encoding.UTF8.GetString(rulesetName) : null, parseHostname);
            var bigger = new Entry[_entries.Length + 1];
            _entries.CopyTo(bigger, 0);
            bigger[^1] = new Entry(info);
            Volatile.Write(ref _entries, bigger);
            return info;
        }
    }

    private static InputInfo? Find(Entry[] entries, ReadOnlySpan<byte> inputName, ReadOnlySpan<byte> rulesetName, bool hasRuleset, bool parseHostname)
    {
        foreach (var e in entries)
        {
            if (e.Info.ParseHostname != parseHostname || (e.Ruleset != null) != hasRuleset) continue;
            if (!e.Info.InputNameBytes.AsSpan().SequenceEqual(inputName)) continue;
            if (hasRuleset && !e.Ruleset.AsSpan().SequenceEqual(rulesetName)) continue;
            return e.Info;
        }
        return null;
    }
}
