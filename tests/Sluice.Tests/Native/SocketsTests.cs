using System.Net;
using System.Net.Sockets;
using System.Text;
using Sluice.Native;
using static Sluice.Native.SocketConstants;

namespace Sluice.Tests.Native;

public class SocketsTests
{
    private static int ListenOn(IPAddress address, out int port)
    {
        int fd = Sockets.Create(address.AddressFamily == AddressFamily.InterNetworkV6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK);
        Sockets.SetOption(fd, SOL_SOCKET, SO_REUSEADDR, 1);
        Sockets.Bind(fd, SockAddr.FromIPAddress(address, 0));
        Sockets.Listen(fd, 16);
        port = Sockets.GetSockName(fd).Port;
        return fd;
    }

    private static int AcceptWithin(int listenFd, out SockAddr peer)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            int fd = Sockets.Accept(listenFd, out peer, out var err);
            if (fd >= 0) return fd;
            Assert.Equal(Errno.EAGAIN, err);
            Assert.True(DateTime.UtcNow < deadline, "no connection arrived");
            Thread.Sleep(5);
        }
    }

    [Fact]
    public void ListenAcceptReceiveAndCloseOverIpv4()
    {
        int lfd = ListenOn(IPAddress.Loopback, out int port);
        try
        {
            Assert.NotEqual(0, port);
            Assert.Equal(-1, Sockets.Accept(lfd, out _, out var none));
            Assert.Equal(Errno.EAGAIN, none); // non-blocking listener, nothing pending

            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(IPAddress.Loopback, port);
            int fd = AcceptWithin(lfd, out var peer);
            try
            {
                Assert.Equal(AF_INET, peer.Family);
                Assert.Equal(IPAddress.Loopback, peer.ToIPAddress());
                Assert.Equal(((IPEndPoint)client.LocalEndPoint!).Port, peer.Port);
                Assert.Equal(peer.Port, Sockets.GetPeerName(fd).Port);

                var buf = new byte[64];
                Assert.Equal(-1, Sockets.Receive(fd, buf, MSG_DONTWAIT, out var err));
                Assert.Equal(Errno.EAGAIN, err);

                client.Send("hello"u8);
                nint n = 0;
                Assert.True(SpinUntil(() => (n = Sockets.Receive(fd, buf, MSG_DONTWAIT, out _)) > 0));
                Assert.Equal("hello", Encoding.ASCII.GetString(buf, 0, (int)n));

                Assert.Equal(3, Sockets.Send(fd, "abc"u8, 0, out _));
                var got = new byte[3];
                Assert.Equal(3, client.Receive(got));
                Assert.Equal("abc", Encoding.ASCII.GetString(got));

                client.Shutdown(SocketShutdown.Send);
                Assert.True(SpinUntil(() => Sockets.Receive(fd, buf, MSG_DONTWAIT, out _) == 0)); // orderly close
            }
            finally
            {
                Assert.Equal(Errno.None, Sockets.Close(fd));
            }
        }
        finally
        {
            Sockets.Close(lfd);
        }
    }

    [Fact]
    public void Ipv6ListenerAcceptsIpv6Peers()
    {
        int lfd = Sockets.Create(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK);
        try
        {
            Sockets.SetOption(lfd, IPPROTO_IPV6, IPV6_V6ONLY, 1);
            Assert.Equal(1, Sockets.GetOption(lfd, IPPROTO_IPV6, IPV6_V6ONLY));
            Sockets.Bind(lfd, SockAddr.FromIPAddress(IPAddress.IPv6Loopback, 0));
            Sockets.Listen(lfd, 4);
            var local = Sockets.GetSockName(lfd);
            Assert.True(local.IsIPv6);
            Assert.Equal(28u, local.Length);

            using var client = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(IPAddress.IPv6Loopback, local.Port);
            int fd = AcceptWithin(lfd, out var peer);
            Assert.Equal(IPAddress.IPv6Loopback, peer.ToIPAddress());
            Span<byte> text = stackalloc byte[64];
            int len = NameInfo.NumericHost(peer, text);
            Assert.Equal("::1", Encoding.ASCII.GetString(text[..len]));
            Sockets.Close(fd);
        }
        finally
        {
            Sockets.Close(lfd);
        }
    }

    [Fact]
    public void ErrorsBecomeTypedExceptionsNamingTheCall()
    {
        int a = ListenOn(IPAddress.Loopback, out int port);
        int b = Sockets.Create(AF_INET, SOCK_STREAM);
        try
        {
            var ex = Assert.Throws<NativeException>(() => Sockets.Bind(b, SockAddr.FromIPAddress(IPAddress.Loopback, port)));
            Assert.Equal("bind", ex.Call);
            Assert.Equal(Errno.EADDRINUSE, ex.Errno);
            Assert.Contains("Address already in use", ex.Message);
            Assert.Contains($"127.0.0.1:{port}", ex.Message);
        }
        finally
        {
            Sockets.Close(a);
            Sockets.Close(b);
        }
        Assert.Equal(Errno.EBADF, Sockets.Close(b)); // already closed: a result value, not an exception
        Assert.Equal(Errno.EBADF, Sockets.TrySetOption(b, SOL_SOCKET, SO_KEEPALIVE, 1));
        Assert.Throws<NativeException>(() => Sockets.GetOption(b, SOL_SOCKET, SO_KEEPALIVE));
    }

    [Fact]
    public void SocketOptionsRoundTrip()
    {
        int fd = Sockets.Create(AF_INET, SOCK_STREAM);
        try
        {
            Sockets.SetOption(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
            Sockets.SetOption(fd, IPPROTO_TCP, TCP_KEEPCNT, 4);
            Sockets.SetOption(fd, IPPROTO_TCP, TCP_KEEPIDLE, 60);
            Sockets.SetOption(fd, IPPROTO_TCP, TCP_KEEPINTVL, 9);
            Assert.Equal(1, Sockets.GetOption(fd, SOL_SOCKET, SO_KEEPALIVE));
            Assert.Equal(4, Sockets.GetOption(fd, IPPROTO_TCP, TCP_KEEPCNT));
            Assert.Equal(60, Sockets.GetOption(fd, IPPROTO_TCP, TCP_KEEPIDLE));
            Assert.Equal(9, Sockets.GetOption(fd, IPPROTO_TCP, TCP_KEEPINTVL));
        }
        finally
        {
            Sockets.Close(fd);
        }
    }

    [Theory]
    [InlineData("192.0.2.1", 514)]
    [InlineData("2001:db8::7", 6514)]
    [InlineData("0.0.0.0", 0)]
    public void SockAddrRoundTripsAddressesAndPorts(string text, int port)
    {
        var ip = IPAddress.Parse(text);
        var sa = SockAddr.FromIPAddress(ip, port);
        Assert.Equal(ip, sa.ToIPAddress());
        Assert.Equal(port, sa.Port);
        Assert.Equal(ip.AddressFamily == AddressFamily.InterNetwork ? 16u : 28u, sa.Length);
        Span<byte> buf = stackalloc byte[64];
        int n = NameInfo.NumericHost(sa, buf);
        Assert.Equal(text, Encoding.ASCII.GetString(buf[..n]));
    }

    [Fact]
    public unsafe void StructsHaveTheKernelsSizes()
    {
        Assert.Equal(16, sizeof(SockAddrIn));
        Assert.Equal(28, sizeof(SockAddrIn6));
        Assert.Equal(28, sizeof(SockAddr));
        // Port 514 is 0x0202 in either byte order; 6514 is not.
        var sa = SockAddr.FromIPAddress(IPAddress.Loopback, 6514);
        Assert.Equal((ushort)IPAddress.HostToNetworkOrder((short)6514), sa.V4.PortNetworkOrder);
    }

    [Fact]
    public void ReverseLookupOfLoopbackFindsLocalhost()
    {
        var sa = SockAddr.FromIPAddress(IPAddress.Loopback, 0);
        Span<byte> buf = stackalloc byte[NameInfo.MaxHost];
        int n = NameInfo.HostName(sa, buf);
        Assert.Equal("localhost", Encoding.ASCII.GetString(buf[..n])); // /etc/hosts
    }

    private static bool SpinUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            Thread.Sleep(5);
        }
        return false;
    }
}
