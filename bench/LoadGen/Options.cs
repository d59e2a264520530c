namespace Sluice.LoadGen;

/// <summary>"--name value" command-line options; unknown names are an error so typos never pass silently.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    public Options(ReadOnlySpan<string> args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new UsageException($"expected '--name value', got '{a}'");
            _values[a[2..]] = args[++i];
        }
    }

    public string Text(string name, string? fallback = null)
    {
        _used.Add(name);
        if (_values.TryGetValue(name, out string? v)) return v;
        return fallback ?? throw new UsageException($"missing --{name}");
    }

    public long Number(string name, long? fallback = null)
    {
        _used.Add(name);
        if (_values.TryGetValue(name, out string? v))
            return long.TryParse(v, out long n) && n >= 0 ? n : throw new UsageException($"--{name} needs a non-negative integer, got '{v}'");
        return fallback ?? throw new UsageException($"missing --{name}");
    }

    public bool Flag(string name, bool fallback)
    {
        _used.Add(name);
        if (!_values.TryGetValue(name, out string? v)) return fallback;
        return v switch
        {
            "1" or "true" or "yes" or "on" => true,
            "0" or "false" or "no" or "off" => false,
            _ => throw new UsageException($"--{name} needs true/false, got '{v}'"),
        };
    }

    /// <summary>Call after reading every option: rejects names the command does not know.</summary>
    public void RejectUnknown()
    {
        foreach (string k in _values.Keys)
            if (!_used.Contains(k)) throw new UsageException($"unknown option --{k}");
    }
}

internal sealed class UsageException(string message) : Exception(message);
