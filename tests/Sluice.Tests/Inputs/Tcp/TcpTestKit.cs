using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Inputs.Tcp;
using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Inputs.Tcp;

/// <summary>An imtcp input running in-process on 127.0.0.1 with a recording submitter and log.</summary>
public sealed class TcpTestKit : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public TcpTestKit(TcpInputConfig config, RecordingSubmitter? submitter = null, GlobalSettings? globals = null)
    {
        Log = new RecordingLog();
        Stats = new StatsRegistry();
        Services = new EngineServices(globals ?? new GlobalSettings { EnableDns = false }, Log, new MessagePool(), Stats, new TemplateRegistry());
        Submitter = submitter ?? new RecordingSubmitter();
        // maxMessageSize comes from the globals, as TcpInputModule does it.
        Input = new TcpInput(config with { Framing = config.Framing with { MaxMessageSize = Services.Globals.MaxMessageSize } }, Services);
        Input.Start(Submitter);
        Port = Input.BoundPorts[0];
    }

    /// <summary>An ephemeral port on 127.0.0.1 (port 0 needs listenPortFileName, else rsyslog falls back to 514).</summary>
    public static TcpInputConfig Config() => new()
    {
        Port = "0",
        Address = "127.0.0.1",
        ListenPortFileName = Path.Combine(Path.GetTempPath(), $"sluice-imtcp-{Guid.NewGuid():N}.port"),
    };

    public RecordingLog Log { get; }
    public StatsRegistry Stats { get; }
    public EngineServices Services { get; }
    public RecordingSubmitter Submitter { get; }
    public TcpInput Input { get; }
    public int Port { get; }

    public Socket Connect(AddressFamily family = AddressFamily.InterNetwork)
    {
        var s = new Socket(family, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        s.Connect(new IPEndPoint(family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback, Port));
        return s;
    }

    public static string LocalPort(Socket s) => ((IPEndPoint)s.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static void Send(Socket s, string text) => SendAll(s, Encoding.UTF8.GetBytes(text));

    public static void SendAll(Socket s, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty) data = data[s.Send(data)..];
    }

    /// <summary>True when the server closed the connection (EOF or reset) within the patience period.</summary>
    public static bool ServerClosed(Socket s)
    {
        s.ReceiveTimeout = (int)Patience.TotalMilliseconds;
        var buf = new byte[256];
        try
        {
            while (true)
            {
                int n = s.Receive(buf);
                if (n == 0) return true;
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
        {
            return false;
        }
    }

    /// <summary>Polls <paramref name="condition"/> until true or the timeout (bounded in time).</summary>
    public static bool WaitFor(Func<bool> condition, TimeSpan? timeout = null)
    {
        var sw = Stopwatch.StartNew();
        var limit = timeout ?? Patience;
        while (sw.Elapsed < limit)
        {
            if (condition()) return true;
            Thread.Sleep(10);
        }
        return condition();
    }

    public long Counter(StatsObject? o, string name) => o?.Find(name)?.Value ?? throw new InvalidOperationException($"no counter {name}");

    public long WorkerSum(string counter)
    {
        long sum = 0;
        foreach (var w in Input.WorkerStats) sum += Counter(w, counter);
        return sum;
    }

    public void Dispose()
    {
        Input.Dispose();
        if (Input.Config.ListenPortFileName is { } f && File.Exists(f)) File.Delete(f);
    }
}
