namespace Sluice.Tests.Integration;

/// <summary>Where the repository, the published daemon and the reference tools are.</summary>
public static class RepoLayout
{
    /// <summary>The directory holding Sluice.slnx, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The published daemon: $SLUICED if set (e.g. to run these tests against another build or against rsyslogd),
    /// else out/sluiced in the repository root. Missing is a test failure, not a skip.
    /// </summary>
    public static string Sluiced
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("SLUICED");
            string path = string.IsNullOrEmpty(env) ? Path.Combine(Root, "out", "sluiced") : env;
            if (!File.Exists(path))
                throw new InvalidOperationException(
                    $"sluiced binary not found at {path}. Run ./build.sh in {Root} first (it publishes out/sluiced), " +
                    "or set SLUICED=/path/to/sluiced.");
            return path;
        }
    }

    /// <summary>The real rsyslogd used as the reference peer ($RSYSLOGD or /usr/sbin/rsyslogd).</summary>
    public static string Rsyslogd
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("RSYSLOGD");
            string path = string.IsNullOrEmpty(env) ? "/usr/sbin/rsyslogd" : env;
            if (!File.Exists(path))
                throw new InvalidOperationException($"rsyslogd not found at {path}: install it (apt-get install rsyslog) or set RSYSLOGD.");
            return path;
        }
    }

    /// <summary>util-linux logger, used as a real-world sender.</summary>
    public static string Logger
    {
        get
        {
            foreach (string p in new[] { "/usr/bin/logger", "/bin/logger" })
                if (File.Exists(p)) return p;
            throw new InvalidOperationException("logger (util-linux / bsdutils) not found: apt-get install bsdutils");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sluice.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no Sluice.slnx above {AppContext.BaseDirectory}: cannot locate the repository root");
    }
}
