using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Diagnostics;
using Sluice.Native;
using static Sluice.Native.SocketConstants;

namespace Sluice.Engine.Inputs.Tcp;

/// <summary>
/// Opens the listening sockets of one input as rsyslog's nsd_ptcp LstnInit does: one per address the bind
/// address resolves to (no address: IPv4 and IPv6 wildcards), SO_REUSEADDR, IPV6_V6ONLY on IPv6, non-blocking.
/// With port 0 the first socket gets a kernel-chosen port, which the others then reuse and which is written
/// to listenPortFileName. A socket that cannot be opened is logged and skipped; none at all is an error.
/// </summary>
internal static class TcpListenerOpener
{
    public static List<TcpListenSocket> Open(TcpInputConfig config, int port, IInternalLog log)
    {
        var listeners = new List<TcpListenSocket>();
        int boundPort = port;
        string? lastError = null;
        foreach (var address in Addresses(config.Address))
        {
            if (listeners.Count >= config.MaxListeners)
            {
                log.Error(TcpLogText.CouldNotCreateListener(config.Port, address.ToString(), $"MaxListeners={config.MaxListeners} reached"));
                break;
            }
            try
            {
                var l = OpenOne(address, boundPort, config.EffectiveBacklog);
                if (boundPort == 0)
                {
                    boundPort = l.Port;
                    if (config.ListenPortFileName != null) WritePortFile(config.ListenPortFileName, boundPort);
                }
                listeners.Add(l);
            }
            catch (NativeException ex) when (address.AddressFamily == AddressFamily.InterNetworkV6 && config.Address == null
                                             && ex.Errno is Errno.EAFNOSUPPORT or Errno.EADDRNOTAVAIL)
            {
                // No IPv6 on this host: rsyslog skips the wildcard IPv6 socket silently.
            }
            catch (NativeException ex)
            {
                lastError = ex.Message;
                log.Error(TcpLogText.BindFailed(address.ToString(), ex.Errno));
            }
        }

        if (listeners.Count == 0)
        {
            throw new InvalidOperationException(
                TcpLogText.CouldNotCreateListener(config.Port, config.Address, lastError ?? "no usable address"));
        }
        return listeners;
    }

    private static IEnumerable<IPAddress> Addresses(string? address)
    {
        if (string.IsNullOrEmpty(address) || address == "*")
            return new[] { IPAddress.Any, IPAddress.IPv6Any };
        if (IPAddress.TryParse(address, out var literal))
            return new[] { literal };
        // A host name: every address it resolves to (cold path, at startup).
        var resolved = Dns.GetHostAddresses(address);
        var unique = new List<IPAddress>();
        foreach (var a in resolved)
            if (!unique.Contains(a) && a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                unique.Add(a);
        if (unique.Count == 0) throw new InvalidOperationException($"imtcp: bind address '{address}' does not resolve to an IP address");
        return unique;
    }

    private static TcpListenSocket OpenOne(IPAddress address, int port, int backlog)
    {
        bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        int fd = Sockets.Create(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK);
        try
        {
            if (v6) Sockets.SetOption(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1);
            Sockets.SetOption(fd, SOL_SOCKET, SO_REUSEADDR, 1);
            Sockets.Bind(fd, SockAddr.FromIPAddress(address, port));
            try
            {
                Sockets.Listen(fd, backlog);
            }
            catch (NativeException)
            {
                Sockets.Listen(fd, 32); // rsyslog's fallback when the backlog is refused
            }
            var local = Sockets.GetSockName(fd);
            return new TcpListenSocket(fd, local, NumericHost(local));
        }
        catch
        {
            Sockets.Close(fd);
            throw;
        }
    }

    internal static string NumericHost(in SockAddr address)
    {
        Span<byte> buf = stackalloc byte[64];
        int n = NameInfo.NumericHost(address, buf);
        return n > 0 ? System.Text.Encoding.ASCII.GetString(buf[..n]) : address.ToIPAddress().ToString();
    }

    private static void WritePortFile(string path, int port)
    {
        // rsyslog writes the bare number ("%d", no newline).
        File.WriteAllText(path, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
