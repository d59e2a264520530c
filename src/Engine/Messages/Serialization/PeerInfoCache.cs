namespace Sluice.Engine.Messages.Serialization;

/// <summary>
/// Gives messages read back from disk a shared <see cref="PeerInfo"/> per sender, as live sessions do: a
/// direct-mapped table keyed by a hash of (fromhost, fromhost-ip, port), so a spool full of messages from a few
/// hundred senders allocates once per sender. A collision just replaces the slot. Thread-safe: slots are single
/// references and a stale read only costs an allocation.
/// </summary>
public sealed class PeerInfoCache
{
    private const int Slots = 1024;
    private readonly PeerInfo?[] _slots = new PeerInfo?[Slots];
    /// <summary>The sender returned last: a spool holds runs of messages from one sender, checked before hashing.</summary>
    private PeerInfo? _last;

    public PeerInfoCache()
    {
        var local = PeerInfo.Local;
        _slots[SlotOf(local.FromHost, local.FromHostIp, local.FromHostPort)] = local;
    }

    public PeerInfo Get(ReadOnlySpan<byte> fromHost, ReadOnlySpan<byte> fromHostIp, ReadOnlySpan<byte> port)
    {
        var last = Volatile.Read(ref _last);
        if (last != null && Is(last, fromHost, fromHostIp, port)) return last;
        int slot = SlotOf(fromHost, fromHostIp, port);
        var p = Volatile.Read(ref _slots[slot]);
        if (p == null || !Is(p, fromHost, fromHostIp, port))
        {
            p = new PeerInfo(fromHost.ToArray(), fromHostIp.ToArray(), port.ToArray());
            Volatile.Write(ref _slots[slot], p);
        }
        Volatile.Write(ref _last, p);
        return p;
    }

    private static bool Is(PeerInfo p, ReadOnlySpan<byte> fromHost, ReadOnlySpan<byte> fromHostIp, ReadOnlySpan<byte> port) =>
        p.FromHost.AsSpan().SequenceEqual(fromHost) && p.FromHostIp.AsSpan().SequenceEqual(fromHostIp)
        && p.FromHostPort.AsSpan().SequenceEqual(port);

    private static int SlotOf(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c)
    {
        var h = new HashCode();
        h.AddBytes(a);
        h.Add(a.Length);
        h.AddBytes(b);
        h.Add(b.Length);
        h.AddBytes(c);
        return h.ToHashCode() & (Slots - 1);
    }
}
