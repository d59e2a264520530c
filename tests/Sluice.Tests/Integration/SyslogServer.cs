namespace Sluice.Tests.Integration;

/// <summary>
/// A daemon listening on imtcp and writing one output file: the fixture the integration tests start per test.
/// <see cref="Sluiced"/> fails with a clear message when out/sluiced has not been built.
/// </summary>
public sealed class SyslogServer : IDisposable
{
    public DaemonProcess Process { get; }
    public int Port { get; }
    public string OutputPath { get; }
    public TempDir Dir => Process.Dir;

    private SyslogServer(DaemonProcess process, int port, string output) { Process = process; Port = port; OutputPath = output; }

    public static SyslogServer Sluiced(ServerConfig config) => Start("sluiced", RepoLayout.Sluiced, config);

    public static SyslogServer Rsyslogd(ServerConfig config) => Start("rsyslogd", RepoLayout.Rsyslogd, config);

    private static SyslogServer Start(string name, string exe, ServerConfig config)
    {
        var dir = new TempDir();
        string portFile = dir.File("port"), output = dir.File("out.log");
        DaemonProcess? p = null;
        try
        {
            p = DaemonProcess.Start(name, exe, config.Render(dir, portFile, output), dir);
            int port = p.WaitForPort(portFile, TimeSpan.FromSeconds(30));
            return new SyslogServer(p, port, output);
        }
        catch
        {
            p?.Dispose();
            dir.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Process.Dispose();
        Dir.Dispose();
    }
}
