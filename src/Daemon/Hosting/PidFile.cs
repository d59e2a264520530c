namespace Sluice.Daemon.Hosting;

/// <summary>
/// rsyslogd's pid file: refuses to start when it names a running process, written at start, removed at exit.
/// </summary>
public sealed class PidFile : IDisposable
{
    private readonly string _path;

    private PidFile(string path) => _path = path;

    public static PidFile Create(string path)
    {
        if (File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out int other)
            && other != Environment.ProcessId && Directory.Exists($"/proc/{other}"))
            throw new DaemonStartupException($"pid file '{path}' names the running process {other}: is another instance running? (use -i to choose another pid file)");
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, $"{Environment.ProcessId}\n");
        File.Move(tmp, path, overwrite: true);
        return new PidFile(path);
    }

    public void Dispose()
    {
        try
        {
            if (File.Exists(_path) && File.ReadAllText(_path).Trim() == Environment.ProcessId.ToString())
                File.Delete(_path);
        }
        catch (IOException)
        {
            // Best effort at exit: a stale pid file is detected at the next start.
        }
    }
}
