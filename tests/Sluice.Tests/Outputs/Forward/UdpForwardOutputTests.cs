using System.Net;
using System.Net.Sockets;
using System.Text;
using Sluice.Engine.Outputs;
using Sluice.Engine.Outputs.Forward;
using Sluice.Engine.Runtime;

namespace Sluice.Tests.Outputs.Forward;

/// <summary>omfwd over UDP against a local socket: one datagram per message, size limits, rebind, counters.</summary>
public sealed class UdpForwardOutputTests
{
    private sealed class Receiver : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        public Receiver()
        {
            _socket.ReceiveBufferSize = 4 << 20;
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _socket.ReceiveTimeout = 30_000;
            Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        }

        public int Port { get; }

        public (byte[] Data, int SourcePort) Next()
        {
            var buf = new byte[70_000];
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int n = _socket.ReceiveFrom(buf, ref from);
            return (buf[..n], ((IPEndPoint)from).Port);
        }

        public void Dispose() => _socket.Dispose();
    }

    private static UdpForwardOutput Output(ForwardTestKit kit, int port, params (string, object)[] extra) =>
        (UdpForwardOutput)kit.Create(ForwardTestKit.RawTemplate, [("target", "127.0.0.1"), ("port", port.ToString()), .. extra]);

    [Fact]
    public void EachMessageIsOneDatagramWithoutFraming()
    {
        var kit = new ForwardTestKit();
        using var rx = new Receiver();
        using var output = Output(kit, rx.Port);
        var lines = ForwardTestKit.Lines("udp", 0, 20);
        Assert.Equal(ActionResult.Ok, ForwardTestKit.Commit(output, lines));
        foreach (var l in lines) Assert.Equal(l, Encoding.ASCII.GetString(rx.Next().Data));

        Assert.Same(output.StatsObject, kit.Stats.Find($"UDP-127.0.0.1-{rx.Port}"));
        Assert.Equal(20, output.MessagesSent.Value);
        Assert.Equal(lines.Sum(l => l.Length), output.BytesSent.Value);
        Assert.Equal(1, output.Connects.Value);
    }

    [Fact]
    public void SingleCompressionAppliesToUdpToo()
    {
        var kit = new ForwardTestKit();
        using var rx = new Receiver();
        using var output = Output(kit, rx.Port, ("zipLevel", 6L));
        string longLine = "<13>Oct 11 22:14:15 host app: " + string.Concat(Enumerable.Repeat("again and again ", 10));
        ForwardTestKit.Commit(output, longLine, "<13>Oct 11 22:14:15 host app: short");
        var first = rx.Next().Data;
        Assert.Equal((byte)'z', first[0]);
        Assert.Equal(longLine, Encoding.ASCII.GetString(Sluice.Tests.Compression.ZlibDecode.Inflate(first[1..])));
        Assert.Equal("<13>Oct 11 22:14:15 host app: short", Encoding.ASCII.GetString(rx.Next().Data));
    }

    [Fact]
    public void DatagramsAreCutAt65507BytesWithRsyslogsError()
    {
        var kit = new ForwardTestKit(new GlobalSettings { MaxMessageSize = 100_000 });
        using var rx = new Receiver();
        using var output = Output(kit, rx.Port);
        string huge = "<13>Oct 11 22:14:15 host app: " + new string('H', 70_000);
        Assert.Equal(ActionResult.Ok, ForwardTestKit.Commit(output, huge));
        var got = rx.Next().Data;
        Assert.Equal(65507, got.Length);
        Assert.Equal(huge[..65507], Encoding.ASCII.GetString(got));
        Assert.True(kit.Log.Contains($"omfwd/udp: message is {huge.Length} bytes long, but UDP can send at most 65507 bytes (by RFC limit) - truncating message"));
    }

    [Fact]
    public void RebindIntervalUsesANewSourcePortEveryNMessages()
    {
        var kit = new ForwardTestKit();
        using var rx = new Receiver();
        using var output = Output(kit, rx.Port, ("rebindInterval", 3L));
        var lines = ForwardTestKit.Lines("rebind", 0, 9);
        ForwardTestKit.Commit(output, lines[..4]);
        ForwardTestKit.Commit(output, lines[4..]);
        var ports = lines.Select(l =>
        {
            var (data, port) = rx.Next();
            Assert.Equal(l, Encoding.ASCII.GetString(data));
            return port;
        }).ToArray();
        Assert.Equal([ports[0], ports[0], ports[0]], ports[..3]);
        Assert.Equal([ports[3], ports[3], ports[3]], ports[3..6]);
        Assert.Equal([ports[6], ports[6], ports[6]], ports[6..]);
        Assert.NotEqual(ports[0], ports[3]);
        Assert.NotEqual(ports[3], ports[6]);
        Assert.Equal(3, output.Connects.Value);
    }

    [Fact]
    public void SourceAddressIsBound()
    {
        var kit = new ForwardTestKit();
        using var rx = new Receiver();
        using var output = Output(kit, rx.Port, ("address", "127.0.0.1"));
        Assert.Equal(ActionResult.Ok, output.TryResume());
        Assert.NotEqual(0, output.LocalPort); // bound (port 0 → an ephemeral port) before the first send
        ForwardTestKit.Commit(output, "<13>Oct 11 22:14:15 host app: bound");
        Assert.Equal(output.LocalPort, rx.Next().SourcePort);
    }

    [Fact]
    public void ANonLocalBindAddressIsBoundIpFreeOrRefusedWithIpFreeBindOff()
    {
        var kit = new ForwardTestKit();
        using var rx = new Receiver();
        using (var free = Output(kit, rx.Port, ("address", "192.0.2.55"))) // TEST-NET: not an address of this host
        {
            Assert.Equal(ActionResult.Ok, free.TryResume());
            Assert.True(kit.Log.Contains("omfwd: bound address 192.0.2.55 IP free"), string.Join("\n", kit.Log.Lines));
        }
        using var strict = Output(kit, rx.Port, ("address", "192.0.2.55"), ("ipfreebind", 0L));
        Assert.Equal(ActionResult.Suspended, ForwardTestKit.Commit(strict, "<13>Oct 11 22:14:15 host app: x"));
        Assert.True(kit.Log.Contains("omfwd: cannot create UDP socket for 127.0.0.1"), string.Join("\n", kit.Log.Lines));
    }
}
