using System.Net;
using System.Net.Sockets;
using Sluice.Native;

namespace Sluice.Engine.Outputs.Forward;

/// <summary>
/// Turns omfwd's target (a numeric address or a host name) into socket addresses. Numeric addresses are parsed
/// without DNS; names are resolved with the system resolver each time a connection or socket is (re)made,
/// as rsyslog calls getaddrinfo in doTryResume: a cold path, never per message.
/// </summary>
internal static class TargetResolver
{
    public static SockAddr[]? Resolve(string host, int port, out string? error)
    {
        error = null;
        string literal = host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        if (IPAddress.TryParse(literal, out var ip)) return [SockAddr.FromIPAddress(ip, port)];
        try
        {
            var list = new List<SockAddr>();
            foreach (var a in Dns.GetHostAddresses(host))
                if (a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                    list.Add(SockAddr.FromIPAddress(a, port));
            if (list.Count > 0) return list.ToArray();
            error = "no IPv4 or IPv6 address";
            return null;
        }
        catch (SocketException e)
        {
            error = e.Message;
            return null;
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }
}
