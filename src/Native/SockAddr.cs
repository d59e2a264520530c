using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;

namespace Sluice.Native;

/// <summary>struct sockaddr_in (16 bytes). Port and address are in network byte order.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SockAddrIn
{
    public ushort Family;
    public ushort PortNetworkOrder;
    public uint AddressNetworkOrder;
    public ulong Zero;
}

/// <summary>struct sockaddr_in6 (28 bytes). Port is in network byte order.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct SockAddrIn6
{
    public ushort Family;
    public ushort PortNetworkOrder;
    public uint FlowInfo;
    public fixed byte Address[16];
    public uint ScopeId;
}

/// <summary>An IPv4 or IPv6 socket address, laid out as the kernel expects (a union of the two).</summary>
[StructLayout(LayoutKind.Explicit, Size = 28)]
public unsafe struct SockAddr
{
    [FieldOffset(0)] public ushort Family;
    [FieldOffset(0)] public SockAddrIn V4;
    [FieldOffset(0)] public SockAddrIn6 V6;

    /// <summary>The length to pass to bind/connect: 16 for IPv4, 28 for IPv6.</summary>
    public readonly uint Length => Family == SocketConstants.AF_INET ? (uint)sizeof(SockAddrIn) : (uint)sizeof(SockAddrIn6);

    public readonly bool IsIPv6 => Family == SocketConstants.AF_INET6;

    /// <summary>The port in host byte order.</summary>
    public readonly int Port
    {
        get
        {
            ushort n = Family == SocketConstants.AF_INET ? V4.PortNetworkOrder : V6.PortNetworkOrder;
            return BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(n) : n;
        }
    }

    public static SockAddr FromIPAddress(IPAddress address, int port)
    {
        if ((uint)port > 65535) throw new ArgumentOutOfRangeException(nameof(port));
        var sa = default(SockAddr);
        ushort portN = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness((ushort)port) : (ushort)port;
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            sa.V4.Family = SocketConstants.AF_INET;
            sa.V4.PortNetworkOrder = portN;
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            sa.V4.AddressNetworkOrder = MemoryMarshal.Read<uint>(b); // bytes are already in network order
        }
        else if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            sa.V6.Family = SocketConstants.AF_INET6;
            sa.V6.PortNetworkOrder = portN;
            address.TryWriteBytes(new Span<byte>(sa.V6.Address, 16), out _);
            sa.V6.ScopeId = (uint)address.ScopeId;
        }
        else
        {
            throw new ArgumentException($"unsupported address family {address.AddressFamily}", nameof(address));
        }
        return sa;
    }

    /// <summary>The address as an <see cref="IPAddress"/> (allocates; not for per-message use).</summary>
    public readonly IPAddress ToIPAddress()
    {
        if (Family == SocketConstants.AF_INET)
        {
            uint a = V4.AddressNetworkOrder;
            return new IPAddress(new ReadOnlySpan<byte>(&a, 4));
        }
        if (Family == SocketConstants.AF_INET6)
        {
            fixed (byte* p = V6.Address)
                return new IPAddress(new ReadOnlySpan<byte>(p, 16), V6.ScopeId);
        }
        throw new InvalidOperationException($"address family {Family} is not IPv4 or IPv6");
    }

    public override readonly string ToString() =>
        Family == SocketConstants.AF_INET6 ? $"[{ToIPAddress()}]:{Port}" : $"{ToIPAddress()}:{Port}";
}
