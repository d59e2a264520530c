using System.Net;
using System.Net.Sockets;
using System.Text;
using Sluice.Engine.Diagnostics;
using Sluice.Native;
using static Sluice.Native.SocketConstants;

namespace Sluice.Engine.Inputs.Udp;

/// <summary>A UDP socket opened for one port of an input, before it becomes a listener.</summary>
internal readonly record struct OpenedUdpSocket(int Fd, SockAddr Local, string ConfiguredPort, bool IsIPv6);

/// <summary>
/// Opens an input's UDP sockets as rsyslog's net.c create_udp_socket does: one per address the bind address
/// stands for (none or "*": the IPv4 and IPv6 wildcards), IPV6_V6ONLY on IPv6, SO_BINDTODEVICE when a device is
/// set, SO_REUSEADDR, non-blocking, the receive buffer (SO_RCVBUFFORCE, else SO_RCVBUF, then checked and
/// reported), and bind — retried with IP_FREEBIND when the address is not available and ipfreebind allows it.
/// A socket that cannot be opened is logged and skipped.
/// </summary>
internal static class UdpSocketOpener
{
    public static List<OpenedUdpSocket> Open(UdpInputConfig config, string configuredPort, IInternalLog log)
    {
        var sockets = new List<OpenedUdpSocket>();
        int port = int.Parse(configuredPort, System.Globalization.CultureInfo.InvariantCulture);
        int boundPort = port;
        foreach (var address in Addresses(config.Address))
        {
            try
            {
                var s = OpenOne(config, address, boundPort, configuredPort, log);
                // With port 0 the kernel picks one; the other address families get the same, as for imtcp.
                if (boundPort == 0) boundPort = s.Local.Port;
                sockets.Add(s);
            }
            catch (NativeException ex) when (address.AddressFamily == AddressFamily.InterNetworkV6 && IsWildcard(config.Address)
                                             && ex.Errno is Errno.EAFNOSUPPORT or Errno.EADDRNOTAVAIL)
            {
                // No IPv6 on this host: getaddrinfo would not have offered it to rsyslog either.
            }
            catch (NativeException ex)
            {
                log.Error(UdpLogText.SocketFailed(ex.Call, address.ToString(), configuredPort, ex.Errno));
            }
        }
        if (sockets.Count == 0) log.Error(UdpLogText.CouldNotCreateListener(configuredPort, config.Address));
        return sockets;
    }

    private static bool IsWildcard(string? address) => string.IsNullOrEmpty(address) || address == "*";

    private static IEnumerable<IPAddress> Addresses(string? address)
    {
        if (IsWildcard(address)) return new[] { IPAddress.Any, IPAddress.IPv6Any };
        if (IPAddress.TryParse(address, out var literal)) return new[] { literal };
        var unique = new List<IPAddress>();
        foreach (var a in Dns.GetHostAddresses(address!))
            if (!unique.Contains(a) && a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                unique.Add(a);
        if (unique.Count == 0) throw new InvalidOperationException($"imudp: bind address '{address}' does not resolve to an IP address");
        return unique;
    }

    private static OpenedUdpSocket OpenOne(UdpInputConfig config, IPAddress address, int port, string configuredPort, IInternalLog log)
    {
        bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        int fd = Sockets.Create(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK);
        try
        {
            if (v6) Sockets.SetOption(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1);
            if (config.Device != null)
            {
                var name = Encoding.ASCII.GetBytes(config.Device + "\0");
                var e = UdpSockets.TrySetOption(fd, SOL_SOCKET, UdpSockets.SO_BINDTODEVICE, name);
                if (e != Errno.None)
                {
                    log.Error(UdpLogText.DeviceFailed);
                    throw new NativeException("setsockopt(SO_BINDTODEVICE)", e);
                }
            }
            Sockets.SetOption(fd, SOL_SOCKET, SO_REUSEADDR, 1);
            if (config.RcvBufSize > 0) SetReceiveBuffer(fd, config.RcvBufSize, log);
            Bind(fd, address, port, config, log);
            return new OpenedUdpSocket(fd, Sockets.GetSockName(fd), configuredPort, v6);
        }
        catch
        {
            Sockets.Close(fd);
            throw;
        }
    }

    private static void SetReceiveBuffer(int fd, int size, IInternalLog log)
    {
        // SO_RCVBUFFORCE goes past net.core.rmem_max but needs CAP_NET_ADMIN; without it, the plain option.
        if (Sockets.TrySetOption(fd, SOL_SOCKET, UdpSockets.SO_RCVBUFFORCE, size) != Errno.None)
            Sockets.TrySetOption(fd, SOL_SOCKET, SO_RCVBUF, size);
        int actual = Sockets.GetOption(fd, SOL_SOCKET, SO_RCVBUF);
        log.Info(UdpLogText.RcvBufSize(fd, actual));
        // The kernel doubles the value for its bookkeeping, hence the halving, as in rsyslog.
        if (actual / 2 != size) log.Error(UdpLogText.RcvBufNotSet(size, fd, actual / 2));
    }

    private static void Bind(int fd, IPAddress address, int port, UdpInputConfig config, IInternalLog log)
    {
        var sa = SockAddr.FromIPAddress(address, port);
        try
        {
            Sockets.Bind(fd, sa);
        }
        catch (NativeException ex) when (ex.Errno == Errno.EADDRNOTAVAIL && config.IpFreeBind != 0)
        {
            var e = Sockets.TrySetOption(fd, UdpSockets.IPPROTO_IP, UdpSockets.IP_FREEBIND, 1);
            if (e != Errno.None) throw new NativeException("setsockopt(IP_FREEBIND)", e);
            Sockets.Bind(fd, sa);
            if (config.IpFreeBind >= 2) log.Warning(UdpLogText.BoundIpFree(config.Address));
        }
    }
}
