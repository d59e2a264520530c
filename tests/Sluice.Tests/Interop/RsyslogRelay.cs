using Sluice.Tests.Integration;

namespace Sluice.Tests.Interop;

/// <summary>
/// A real rsyslogd (own temp dir, pid file, work dir, ephemeral port; no imuxsock/imklog, so no system sockets)
/// that receives on imtcp, records what it parsed with the property template, and forwards everything with
/// omfwd over TCP to each target port.
/// </summary>
public sealed class RsyslogRelay : IDisposable
{
    public DaemonProcess Process { get; }
    public int Port { get; }
    public string PropertiesPath { get; }

    private RsyslogRelay(DaemonProcess p, int port, string props) { Process = p; Port = port; PropertiesPath = props; }

    /// <param name="framing">omfwd TCP_Framing: "traditional" or "octet-counted".</param>
    public static RsyslogRelay Start(string framing, params int[] targetPorts) => Start(framing, "", targetPorts);

    /// <param name="framing">omfwd TCP_Framing: "traditional" or "octet-counted".</param>
    /// <param name="extraParams">More omfwd parameters, e.g. <c>zipLevel="9"</c> for single-message compression.</param>
    public static RsyslogRelay Start(string framing, string extraParams, params int[] targetPorts)
    {
        var dir = new TempDir();
        string portFile = dir.File("port"), props = dir.File("relay-props.log");
        var lines = new List<string>
        {
            $"global(workDirectory=\"{dir.Sub("work")}\")",
            "module(load=\"imtcp\")",
            $"input(type=\"imtcp\" port=\"0\" listenPortFileName=\"{portFile}\" address=\"127.0.0.1\")",
            $"template(name=\"props\" type=\"string\" string=\"{ServerConfig.PropertiesTemplate}\")",
            $"action(type=\"omfile\" file=\"{props}\" template=\"props\")",
        };
        foreach (int p in targetPorts)
            lines.Add($"action(type=\"omfwd\" target=\"127.0.0.1\" port=\"{p}\" protocol=\"tcp\" TCP_Framing=\"{framing}\" {extraParams})");
        DaemonProcess? d = null;
        try
        {
            d = DaemonProcess.Start("rsyslog-relay", RepoLayout.Rsyslogd, string.Join('\n', lines) + "\n", dir);
            int port = d.WaitForPort(portFile, TimeSpan.FromSeconds(30));
            return new RsyslogRelay(d, port, props);
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
