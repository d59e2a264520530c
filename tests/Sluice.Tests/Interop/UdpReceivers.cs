using System.Net;
using System.Net.Sockets;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Interop;

/// <summary>
/// A daemon (sluiced or rsyslogd, same config text) receiving on imudp and writing the property template to a file.
/// imudp has no port file, so the test picks a free UDP port first; an imtcp input declared after imudp publishes a
/// port file once the inputs are up, which tells the test the UDP socket is bound.
/// </summary>
public sealed class UdpReceiver : IDisposable
{
    public DaemonProcess Process { get; }
    public int UdpPort { get; }
    public string OutputPath { get; }

    private UdpReceiver(DaemonProcess p, int udpPort, string output) { Process = p; UdpPort = udpPort; OutputPath = output; }

    public static UdpReceiver Sluiced(string udpParams = "") => Start("sluiced", RepoLayout.Sluiced, udpParams);

    public static UdpReceiver Rsyslogd(string udpParams = "") => Start("rsyslogd", RepoLayout.Rsyslogd, udpParams);

    private static UdpReceiver Start(string name, string exe, string udpParams)
    {
        for (int attempt = 0; ; attempt++)
        {
            var dir = new TempDir();
            string portFile = dir.File("port"), output = dir.File("out.log");
            int udpPort = FreeUdpPort();
            string config = string.Join('\n',
                $"global(workDirectory=\"{dir.Sub("work")}\")",
                "module(load=\"imudp\")",
                $"input(type=\"imudp\" port=\"{udpPort}\" address=\"127.0.0.1\" rcvbufSize=\"8m\" {udpParams})",
                "module(load=\"imtcp\")",
                $"input(type=\"imtcp\" port=\"0\" listenPortFileName=\"{portFile}\" address=\"127.0.0.1\")",
                $"template(name=\"testfmt\" type=\"string\" string=\"{ServerConfig.PropertiesTemplate}\")",
                $"action(type=\"omfile\" file=\"{output}\" template=\"testfmt\")") + "\n";
            DaemonProcess? p = null;
            try
            {
                p = DaemonProcess.Start(name, exe, config, dir);
                p.WaitForPort(portFile, TimeSpan.FromSeconds(30));
                return new UdpReceiver(p, udpPort, output);
            }
            catch when (attempt < 2)
            {
                // The free port may have been taken between the probe and the daemon's bind: try another.
                p?.Dispose();
                dir.Dispose();
            }
            catch
            {
                p?.Dispose();
                dir.Dispose();
                throw;
            }
        }
    }

    public static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        Process.Dispose();
        Process.Dir.Dispose();
    }
}

/// <summary>
/// A real rsyslogd that receives on imtcp and forwards everything with omfwd to each target port on 127.0.0.1,
/// with the given omfwd options (protocol, compression …).
/// </summary>
public sealed class RsyslogForwardingRelay : IDisposable
{
    public DaemonProcess Process { get; }
    public int Port { get; }

    private RsyslogForwardingRelay(DaemonProcess p, int port) { Process = p; Port = port; }

    public static RsyslogForwardingRelay Start(string name, string omfwdOptions, params int[] targets)
    {
        var dir = new TempDir();
        string portFile = dir.File("port");
        var lines = new List<string>
        {
            $"global(workDirectory=\"{dir.Sub("work")}\")",
            "module(load=\"imtcp\")",
            $"input(type=\"imtcp\" port=\"0\" listenPortFileName=\"{portFile}\" address=\"127.0.0.1\")",
        };
        foreach (int p in targets)
            lines.Add($"action(type=\"omfwd\" target=\"127.0.0.1\" port=\"{p}\" {omfwdOptions})");
        DaemonProcess? d = null;
        try
        {
            d = DaemonProcess.Start(name, RepoLayout.Rsyslogd, string.Join('\n', lines) + "\n", dir);
            return new RsyslogForwardingRelay(d, d.WaitForPort(portFile, TimeSpan.FromSeconds(30)));
        }
        catch
        {
            d?.Dispose();
            dir.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Process.Dispose();
        Process.Dir.Dispose();
    }
}
