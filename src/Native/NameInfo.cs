namespace Sluice.Native;

/// <summary>getnameinfo(3) for socket addresses: numeric text of an address, or its reverse-DNS name.</summary>
public static unsafe class NameInfo
{
    private const int NI_NUMERICHOST = 1;
    private const int NI_NAMEREQD = 8;
    /// <summary>NI_MAXHOST: the largest host name getnameinfo returns, with its NUL.</summary>
    public const int MaxHost = 1025;

    /// <summary>The address as text exactly as libc formats it ("192.0.2.1", "2001:db8::1"). Returns the length, or -1.</summary>
    public static int NumericHost(in SockAddr address, Span<byte> destination) => Query(address, destination, NI_NUMERICHOST);

    /// <summary>The reverse-DNS name of the address (blocking lookup). Returns the length, or -1 when there is none.</summary>
    public static int HostName(in SockAddr address, Span<byte> destination) => Query(address, destination, NI_NAMEREQD);

    private static int Query(in SockAddr address, Span<byte> destination, int flags)
    {
        fixed (SockAddr* sa = &address)
        fixed (byte* host = destination)
        {
            int rc = Libc.getnameinfo(sa, address.Length, host, (uint)destination.Length, null, 0, flags);
            if (rc != 0) return -1;
            int len = destination.IndexOf((byte)0);
            return len < 0 ? -1 : len;
        }
    }
}
