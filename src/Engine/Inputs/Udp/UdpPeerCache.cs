using System.Globalization;
using System.Text;
using Sluice.Engine.Messages;
using Sluice.Native;

namespace Sluice.Engine.Inputs.Udp;

/// <summary>
/// fromhost, fromhost-ip and fromhost-port for datagram senders, one <see cref="PeerInfo"/> per sender address
/// and port, kept per worker thread (no locking). A known sender costs one dictionary lookup on a struct key and
/// allocates nothing; a new one is resolved once (reverse DNS through the shared <see cref="PeerNameResolver"/>,
/// as imtcp does per connection). Bounded: when full the cache is emptied and refills from live traffic.
/// </summary>
internal sealed class UdpPeerCache
{
    public const int DefaultCapacity = 4096;

    private readonly Dictionary<PeerKey, PeerInfo> _peers = new();
    private readonly PeerNameResolver _resolver;
    private readonly bool _enableDns;
    private readonly bool _preserveFqdn;
    private readonly bool _preserveCase;
    private readonly int _capacity;

    public UdpPeerCache(PeerNameResolver resolver, bool enableDns, bool preserveFqdn, bool preserveCase, int capacity = DefaultCapacity)
    {
        _resolver = resolver;
        _enableDns = enableDns;
        _preserveFqdn = preserveFqdn;
        _preserveCase = preserveCase;
        _capacity = capacity;
    }

    public int Count => _peers.Count;

    public PeerInfo Get(in SockAddr from)
    {
        var key = PeerKey.From(from);
        if (_peers.TryGetValue(key, out var peer)) return peer;
        peer = Create(from);
        if (_peers.Count >= _capacity) _peers.Clear();
        _peers[key] = peer;
        return peer;
    }

    private PeerInfo Create(in SockAddr from)
    {
        Span<byte> buf = stackalloc byte[64];
        int n = NameInfo.NumericHost(from, buf);
        string ip = n > 0 ? Encoding.ASCII.GetString(buf[..n]) : from.ToIPAddress().ToString();
        string host = _enableDns ? _resolver.Resolve(from, ip, _preserveFqdn) : ip;
        // imudp lower-cases fromhost unless its module parameter preserveCase is on.
        if (!_preserveCase) host = host.ToLowerInvariant();
        return new PeerInfo(Encoding.UTF8.GetBytes(host), Encoding.ASCII.GetBytes(ip),
            Encoding.ASCII.GetBytes(from.Port.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>A sender's family, address and port as plain numbers, so that lookups neither allocate nor box.</summary>
    private readonly struct PeerKey : IEquatable<PeerKey>
    {
        private readonly ulong _high;
        private readonly ulong _low;
        private readonly uint _familyPort;

        private PeerKey(ulong high, ulong low, uint familyPort)
        {
            _high = high;
            _low = low;
            _familyPort = familyPort;
        }

        public static unsafe PeerKey From(in SockAddr a)
        {
            uint fp = ((uint)a.Family << 16) | (uint)a.Port;
            if (a.IsIPv6)
            {
                SockAddr copy = a; // a local: its fixed buffer needs no pinning
                byte* p = copy.V6.Address;
                return new PeerKey(*(ulong*)p, *(ulong*)(p + 8), fp);
            }
            return new PeerKey(a.V4.AddressNetworkOrder, 0, fp);
        }

        public bool Equals(PeerKey other) => _high == other._high && _low == other._low && _familyPort == other._familyPort;
        public override bool Equals(object? obj) => obj is PeerKey k && Equals(k);
        public override int GetHashCode() => HashCode.Combine(_high, _low, _familyPort);
    }
}
