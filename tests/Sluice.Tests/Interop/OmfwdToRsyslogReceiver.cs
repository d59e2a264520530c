using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Interop;

/// <summary>How the real rsyslogd receives what Sluice's omfwd sends.</summary>
public enum RsyslogInput
{
    /// <summary>imtcp: LF and octet-counted framing; single-compressed 'z' messages are inflated by the parser.</summary>
    ImTcp,
    /// <summary>imptcp with compression.mode="stream:always": one zlib stream per connection (rsyslog 8.2302).</summary>
    ImPtcpStream,
    /// <summary>imudp on a fixed port (8.2302's imudp cannot publish an ephemeral port).</summary>
    ImUdp,
}

/// <summary>
/// A real rsyslogd (own temp dir, work dir and pid file; no system sockets) receiving on one input and writing
/// every message's raw text (%rawmsg%) as one line to its output file, so what arrives can be compared byte for
/// byte with what was sent.
/// </summary>
public sealed class OmfwdToRsyslogReceiver : IDisposable
{
    private OmfwdToRsyslogReceiver(DaemonProcess process, int port, string output)
    {
        Process = process;
        Port = port;
        OutputPath = output;
    }

    public DaemonProcess Process { get; }
    public int Port { get; }
    public string OutputPath { get; }

    public static OmfwdToRsyslogReceiver Start(RsyslogInput input)
    {
        var dir = new TempDir();
        string portFile = dir.File("port"), output = dir.File("received.log");
        int udpPort = input == RsyslogInput.ImUdp ? FreeUdpPort() : 0;
        var lines = new List<string>
        {
            $"global(workDirectory=\"{dir.Sub("work")}\" maxMessageSize=\"64k\")",
            "template(name=\"raw\" type=\"string\" string=\"%rawmsg%\\n\")",
        };
        lines.AddRange(input switch
        {
            RsyslogInput.ImTcp => new[]
            {
                "module(load=\"imtcp\")",
                $"input(type=\"imtcp\" port=\"0\" listenPortFileName=\"{portFile}\" address=\"127.0.0.1\")",
            },
            RsyslogInput.ImPtcpStream => new[]
            {
                "module(load=\"imptcp\")",
                $"input(type=\"imptcp\" port=\"0\" listenPortFileName=\"{portFile}\" address=\"127.0.0.1\" compression.mode=\"stream:always\")",
            },
            _ => new[]
            {
                "module(load=\"imudp\")",
                $"input(type=\"imudp\" port=\"{udpPort}\" address=\"127.0.0.1\")",
            },
        });
        lines.Add($"action(type=\"omfile\" file=\"{output}\" template=\"raw\")");

        DaemonProcess? p = null;
        try
        {
            p = DaemonProcess.Start("rsyslogd", RepoLayout.Rsyslogd, string.Join('\n', lines) + "\n", dir);
            int port = input == RsyslogInput.ImUdp ? udpPort : p.WaitForPort(portFile, TimeSpan.FromSeconds(30));
            var receiver = new OmfwdToRsyslogReceiver(p, port, output);
            if (input == RsyslogInput.ImUdp) receiver.WaitUntilUdpIsListening();
            return receiver;
        }
        catch
        {
            p?.Dispose();
            dir.Dispose();
            throw;
        }
    }

    /// <summary>The lines written so far that contain <paramref name="fragment"/>, in file order (a partial last line is left out).</summary>
    public List<string> Lines(string fragment)
    {
        if (!File.Exists(OutputPath)) return new List<string>();
        string text;
        using (var fs = new FileStream(OutputPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(fs, Encoding.UTF8))
            text = reader.ReadToEnd();
        int end = text.LastIndexOf('\n');
        if (end < 0) return new List<string>();
        return text[..end].Split('\n').Where(l => l.Contains(fragment, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> lines containing <paramref name="fragment"/> arrived.</summary>
    public List<string> WaitForLines(string fragment, int count, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var lines = Lines(fragment);
            if (lines.Count >= count || sw.Elapsed > timeout) return lines;
            Thread.Sleep(100);
        }
    }

    public void Dispose()
    {
        Process.Dispose();
        Process.Dir.Dispose();
    }

    /// <summary>imudp gives no sign that it listens: send probes until one is written.</summary>
    private void WaitUntilUdpIsListening()
    {
        string probe = "udp-probe-" + Guid.NewGuid().ToString("N");
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var sw = Stopwatch.StartNew();
        while (Lines(probe).Count == 0)
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"rsyslogd's imudp on port {Port} received no probe\n{Process.Diagnostics()}");
            s.SendTo(Encoding.ASCII.GetBytes($"<13>Oct 11 22:14:15 probe app: {probe}"), new IPEndPoint(IPAddress.Loopback, Port));
            Thread.Sleep(200);
        }
    }

    private static int FreeUdpPort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }
}
