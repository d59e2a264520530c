namespace Sluice.Daemon.Hosting;

/// <summary>The daemon cannot start (pid file, port in use …); reported on stderr with exit code 1.</summary>
public sealed class DaemonStartupException : Exception
{
    public DaemonStartupException(string message, Exception? inner = null) : base(message, inner) { }
}
