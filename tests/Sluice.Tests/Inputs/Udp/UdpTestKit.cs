using System.Net;
using System.Net.Sockets;
using System.Text;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Inputs.Udp;
using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;
using Sluice.Tests.Inputs.Tcp;

namespace Sluice.Tests.Inputs.Udp;

/// <summary>An imudp input running in-process on 127.0.0.1 (kernel-chosen port) with a recording submitter and log.</summary>
public sealed class UdpTestKit : IDisposable
{
    public UdpTestKit(UdpInputConfig config, RecordingSubmitter? submitter = null, GlobalSettings? globals = null)
    {
        Log = new RecordingLog();
        Stats = new StatsRegistry();
        Services = new EngineServices(globals ?? new GlobalSettings { EnableDns = false }, Log, new MessagePool(), Stats, new TemplateRegistry());
        Submitter = submitter ?? new RecordingSubmitter();
        // maxMessageSize comes from the globals, as UdpInputModule does it.
        Input = new UdpInput(config with { MaxMessageSize = Services.Globals.MaxMessageSize }, Services);
        Input.Start(Submitter);
        Port = Input.BoundPorts[0];
    }

    /// <summary>127.0.0.1, a kernel-chosen port, a receive buffer big enough for the tests' bursts.</summary>
    public static UdpInputConfig Config() => new()
    {
        Ports = new[] { "0" },
        Address = "127.0.0.1",
        RcvBufSize = 8 * 1024 * 1024,
    };

    public RecordingLog Log { get; }
    public StatsRegistry Stats { get; }
    public EngineServices Services { get; }
    public RecordingSubmitter Submitter { get; }
    public UdpInput Input { get; }
    public int Port { get; }
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>A sending socket bound to its own ephemeral port on 127.0.0.1.</summary>
    public static Socket Sender(AddressFamily family = AddressFamily.InterNetwork)
    {
        var s = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback, 0));
        return s;
    }

    public void Send(Socket s, string text) => s.SendTo(Encoding.UTF8.GetBytes(text), EndPoint);

    public void Send(Socket s, byte[] data) => s.SendTo(data, EndPoint);

    public static string LocalPort(Socket s) => ((IPEndPoint)s.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public long Counter(StatsObject o, string name) => o.Find(name)?.Value ?? throw new InvalidOperationException($"no counter {name} in {o.Name}");

    public long Submitted => Counter(Input.ListenerStats[0], "submitted");

    public long WorkerSum(string name)
    {
        long sum = 0;
        foreach (var w in Input.WorkerStats) sum += Counter(w, name);
        return sum;
    }

    public static bool WaitFor(Func<bool> condition, TimeSpan? timeout = null) => TcpTestKit.WaitFor(condition, timeout);

    public void Dispose() => Input.Dispose();
}
