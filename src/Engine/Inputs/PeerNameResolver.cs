using System.Text;
using Sluice.Native;

namespace Sluice.Engine.Inputs;

/// <summary>
/// fromhost for a connecting peer: its reverse-DNS name, cached per address like rsyslog's dnscache
/// (entries do not expire, as with rsyslog's default reverselookup.cache.ttl.enable=off). When the lookup
/// finds no name, the numeric address is used. Unless global preserveFQDN is on, the local domain is
/// stripped from names inside it. Called once per accepted connection or new UDP sender, never per message.
/// </summary>
public sealed class PeerNameResolver
{
    /// <summary>Bound on cached entries; the cache is simply emptied when full.</summary>
    public const int MaxEntries = 4096;

    private static readonly Lazy<PeerNameResolver> s_shared = new(() => new PeerNameResolver());

    /// <summary>The process-wide cache every network input uses (rsyslog's dnscache is process-wide too).</summary>
    public static PeerNameResolver Shared => s_shared.Value;

    private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);
    private readonly object _lock = new();
    private readonly string? _localDomain;

    public PeerNameResolver(string? localDomain = null)
    {
        _localDomain = localDomain ?? LocalDomainFromHostName();
    }

    public int CachedCount
    {
        get { lock (_lock) return _cache.Count; }
    }

    /// <param name="address">The peer's socket address.</param>
    /// <param name="ip">Its numeric text (the cache key and the fallback name).</param>
    /// <param name="preserveFqdn">global(preserveFQDN).</param>
    public string Resolve(in SockAddr address, string ip, bool preserveFqdn)
    {
        lock (_lock)
        {
            if (_cache.TryGetValue(ip, out var cached)) return cached;
        }

        // The lookup blocks; it runs outside the lock so that other peers are not held up by it.
        Span<byte> buf = stackalloc byte[NameInfo.MaxHost];
        int n = NameInfo.HostName(address, buf);
        string name = n > 0 ? Encoding.ASCII.GetString(buf[..n]) : ip;
        if (n > 0 && !preserveFqdn) name = StripDomain(name, _localDomain);

        lock (_lock)
        {
            if (_cache.Count >= MaxEntries) _cache.Clear();
            _cache[ip] = name;
        }
        return name;
    }

    /// <summary>"box.example.com" → "box" when the local domain is "example.com"; other names unchanged.</summary>
    internal static string StripDomain(string name, string? localDomain)
    {
        if (string.IsNullOrEmpty(localDomain)) return name;
        int cut = name.Length - localDomain.Length - 1;
        if (cut > 0 && name[cut] == '.' && name.EndsWith(localDomain, StringComparison.OrdinalIgnoreCase))
            return name[..cut];
        return name;
    }

    /// <summary>The domain part of this host's name ("example.com" for "box.example.com"), or null.</summary>
    private static string? LocalDomainFromHostName()
    {
        string host;
        try
        {
            host = System.Net.Dns.GetHostName();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null;
        }
        int dot = host.IndexOf('.');
        return dot > 0 && dot < host.Length - 1 ? host[(dot + 1)..] : null;
    }
}
