using System.Net.Security;
using System.Net.Sockets;
using Sluice.Engine.Inputs.Tcp;
using Sluice.Native;
using static Sluice.Native.SocketConstants;

namespace Sluice.Tests.Inputs.Tcp;

public class TcpInputSessionTests
{
    [Fact]
    public void SessionsOverMaxSessionsAreAcceptedAndClosedAtOnce()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config() with { MaxSessions = 5 });
        var served = new List<Socket>();
        var rejected = new List<Socket>();
        try
        {
            for (int i = 0; i < 5; i++) served.Add(kit.Connect());
            Assert.True(TcpTestKit.WaitFor(() => kit.Input.SessionCount == 5));
            for (int i = 0; i < 3; i++) rejected.Add(kit.Connect());

            foreach (var r in rejected) Assert.True(TcpTestKit.ServerClosed(r));
            Assert.True(TcpTestKit.WaitFor(() => kit.Log.Lines.Count(l => l.Text == "too many tcp sessions - dropping incoming request") == 3));
            Assert.Contains(kit.Log.Lines, l => l.Text.StartsWith("tcpsrv listener (inputname: 'imtcp') failed to process incoming connection from 127.0.0.1:", StringComparison.Ordinal)
                                                && l.Text.EndsWith(" with error -2079", StringComparison.Ordinal));

            for (int i = 0; i < 5; i++) TcpTestKit.Send(served[i], $"served {i}\n");
            Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 5));
            Assert.Equal(5, kit.Input.SessionCount);
            var ports = kit.Submitter.Messages.Select(m => m.FromHostPort).ToHashSet();
            Assert.Equal(served.Select(TcpTestKit.LocalPort).ToHashSet(), ports);
        }
        finally
        {
            foreach (var s in served.Concat(rejected)) s.Dispose();
        }
    }

    [Fact]
    public void ClosedSessionsFreeTheirPlace()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config() with { MaxSessions = 2 });
        for (int round = 0; round < 5; round++)
        {
            using var a = kit.Connect();
            using var b = kit.Connect();
            TcpTestKit.Send(a, $"a{round}\n");
            TcpTestKit.Send(b, $"b{round}\n");
            Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Contains($"a{round}") && kit.Submitter.Contains($"b{round}")));
            a.Shutdown(SocketShutdown.Both);
            b.Shutdown(SocketShutdown.Both);
            Assert.True(TcpTestKit.WaitFor(() => kit.Input.SessionCount == 0));
        }
        Assert.False(kit.Log.Contains("too many tcp sessions"));
    }

    [Fact]
    public void TlsClientHelloIsDetectedLoggedAndTheSessionClosed()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config());
        using var plain = kit.Connect();
        TcpTestKit.Send(plain, "<13>before\n");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Contains("<13>before")));

        using var tlsSocket = kit.Connect();
        string tlsPort = TcpTestKit.LocalPort(tlsSocket);
        using (var ssl = new SslStream(new NetworkStream(tlsSocket, ownsSocket: false), false, (_, _, _, _) => true))
        {
            var handshake = ssl.AuthenticateAsClientAsync("localhost");
            Assert.True(TcpTestKit.WaitFor(() => handshake.IsCompleted));
            Assert.True(handshake.IsFaulted); // the server hung up instead of answering
        }

        string expected = $"imtcp: TLS handshake detected from 127.0.0.1 (127.0.0.1:{tlsPort}) but listener is not TLS-enabled. " +
                          "Enable TLS on this listener or disable TLS on the client. " +
                          "See https://www.rsyslog.com/doc/faq/imtcp-tls-gibberish.html for troubleshooting.";
        Assert.True(TcpTestKit.WaitFor(() => kit.Log.Contains(expected)));
        Assert.True(kit.Log.Contains($"Tearing down TCP Session from 127.0.0.1:{tlsPort}"));
        Assert.Empty(kit.Submitter.RawFrom(tlsPort)); // no gibberish reached the engine
        Assert.True(TcpTestKit.WaitFor(() => kit.Input.SessionCount == 1));

        TcpTestKit.Send(plain, "<13>after\n");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Contains("<13>after")));
    }

    [Fact]
    public void TlsProbeGathersTheFirstFiveBytesAcrossReads()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config());
        using var c = kit.Connect();
        string port = TcpTestKit.LocalPort(c);
        TcpTestKit.SendAll(c, new byte[] { 0x16, 0x03 });
        Thread.Sleep(200); // very likely a separate read; the verdict is the same either way
        TcpTestKit.SendAll(c, new byte[] { 0x01, 0x00, 0xc8, 0x01, 0x00 });

        Assert.True(TcpTestKit.ServerClosed(c));
        Assert.True(kit.Log.Contains($"imtcp: TLS handshake detected from 127.0.0.1 (127.0.0.1:{port})"));
    }

    [Fact]
    public void DataThatOnlyResemblesTlsIsSyslog()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config());
        using var c = kit.Connect();
        // 0x16 0x03 but version byte 0x05 is not TLS: processed as an ordinary LF frame.
        TcpTestKit.SendAll(c, new byte[] { 0x16, 0x03, 0x05, 0x00, 0x50, (byte)'x', (byte)'\n' });
        TcpTestKit.Send(c, "<13>ok\n");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 2));
        Assert.False(kit.Log.Contains("TLS handshake detected"));
    }

    [Fact]
    public void RandomBytesDoNotStopOtherSenders()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config());
        var noise = new List<Task>();
        for (int n = 0; n < 4; n++)
        {
            int seed = n;
            noise.Add(Task.Factory.StartNew(() =>
            {
                var rnd = new Random(1000 + seed);
                var chunk = new byte[64 * 1024];
                using var s = kit.Connect();
                try
                {
                    for (int i = 0; i < 48; i++) // 3 MiB per connection
                    {
                        rnd.NextBytes(chunk);
                        TcpTestKit.SendAll(s, chunk);
                    }
                }
                catch (SocketException)
                {
                    // the server may legitimately close a noise session (e.g. it looked like TLS)
                }
            }, TaskCreationOptions.LongRunning));
        }

        using (var good = kit.Connect())
        {
            string port = TcpTestKit.LocalPort(good);
            for (int i = 0; i < 500; i++) TcpTestKit.Send(good, $"<13>good {i}\n");
            Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.RawFrom(port).Count == 500));
            Assert.Equal(Enumerable.Range(0, 500).Select(i => $"<13>good {i}"), kit.Submitter.RawFrom(port));
        }
        Assert.True(Task.WaitAll(noise.ToArray(), TcpTestKit.Patience));

        // Still serving after the noise.
        using var later = kit.Connect();
        TcpTestKit.Send(later, "<13>still alive\n");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Contains("<13>still alive")));
    }

    [Fact]
    public void PortZeroWritesTheBoundPortToListenPortFileName()
    {
        var cfg = TcpTestKit.Config();
        using var kit = new TcpTestKit(cfg);
        string text = File.ReadAllText(cfg.ListenPortFileName!);
        Assert.Equal(kit.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), text); // bare number, no newline
        Assert.NotEqual(0, kit.Port);
        using var c = kit.Connect();
        TcpTestKit.Send(c, "x\n");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 1));
    }

    [Fact]
    public void Ipv6ListenerReceivesFromIpv6Peers()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config() with { Address = "::1" });
        using var c = kit.Connect(AddressFamily.InterNetworkV6);
        TcpTestKit.Send(c, "<13>over v6\n");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 1));
        var m = kit.Submitter.Messages[0];
        Assert.Equal("::1", m.FromHostIp);
        Assert.Equal("::1", m.FromHost);
    }

    [Fact]
    public void KeepAliveOptionsAreAppliedToSessions()
    {
        var cfg = TcpTestKit.Config() with { KeepAlive = true, KeepAliveProbes = 7, KeepAliveTime = 33, KeepAliveInterval = 11 };
        using var kit = new TcpTestKit(cfg);
        using var c = kit.Connect();
        Assert.True(TcpTestKit.WaitFor(() => kit.Input.SessionDescriptors().Count == 1));
        int fd = Assert.Single(kit.Input.SessionDescriptors());
        Assert.Equal(1, Sockets.GetOption(fd, SOL_SOCKET, SO_KEEPALIVE));
        Assert.Equal(7, Sockets.GetOption(fd, IPPROTO_TCP, TCP_KEEPCNT));
        Assert.Equal(33, Sockets.GetOption(fd, IPPROTO_TCP, TCP_KEEPIDLE));
        Assert.Equal(11, Sockets.GetOption(fd, IPPROTO_TCP, TCP_KEEPINTVL));
    }

    [Fact]
    public void KeepAliveIsOffByDefault()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config());
        using var c = kit.Connect();
        Assert.True(TcpTestKit.WaitFor(() => kit.Input.SessionDescriptors().Count == 1));
        int fd = Assert.Single(kit.Input.SessionDescriptors());
        Assert.Equal(0, Sockets.GetOption(fd, SOL_SOCKET, SO_KEEPALIVE));
    }

    [Fact]
    public void ConnectionOpenAndCloseNotificationsUseRsyslogsTexts()
    {
        var cfg = TcpTestKit.Config() with { NotifyOnConnectionOpen = true, NotifyOnConnectionClose = true };
        using var kit = new TcpTestKit(cfg);
        var c = kit.Connect();
        string port = TcpTestKit.LocalPort(c);
        Assert.True(TcpTestKit.WaitFor(() => kit.Log.Contains($"imtcp: connection established with host: 127.0.0.1 (127.0.0.1:{port})")));
        c.Shutdown(SocketShutdown.Both);
        c.Dispose();
        Assert.True(TcpTestKit.WaitFor(() => kit.Log.Lines.Any(l =>
            l.Text.StartsWith("Netstream session 0x", StringComparison.Ordinal) &&
            l.Text.EndsWith($" closed by remote peer 127.0.0.1:{port}.", StringComparison.Ordinal))));
    }

    [Fact]
    public void ABrokenSessionIsClosedAndTheInputKeepsServing()
    {
        var submitter = new RecordingSubmitter { ThrowOn = "<13>boom" };
        using var kit = new TcpTestKit(TcpTestKit.Config(), submitter);
        using var bad = kit.Connect();
        using var good = kit.Connect();
        TcpTestKit.Send(bad, "<13>boom\n");
        Assert.True(TcpTestKit.ServerClosed(bad));
        Assert.True(kit.Log.Contains("imtcp: session from 127.0.0.1:" + TcpTestKit.LocalPort(bad) + " failed and is closed"));

        TcpTestKit.Send(good, "<13>fine\n");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Contains("<13>fine")));
        using var later = kit.Connect();
        TcpTestKit.Send(later, "<13>later\n");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Contains("<13>later")));
    }
}
