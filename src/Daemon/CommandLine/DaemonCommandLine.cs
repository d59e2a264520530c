using System.CommandLine;

namespace Sluice.Daemon.CommandLine;

/// <summary>
/// rsyslogd's command line, including its attached forms (-f/etc/x.conf, -N1, -iNONE, -nN1).
/// Options rsyslogd has but that change nothing here (-C, -M DIR) are accepted for compatibility.
/// </summary>
public static class DaemonCommandLine
{
    public static (DaemonOptions? Options, int ExitCode) Parse(string[] args, TextWriter output, TextWriter error)
    {
        var config = new Option<string?>("-f") { Description = "configuration file (default /etc/rsyslog.conf)", HelpName = "FILE" };
        var embedded = new Option<bool>("--embedded-config") { Description = "run the default configuration built into sluiced" };
        var foreground = new Option<bool>("-n") { Description = "run in the foreground (always the case; see README)" };
        var check = new Option<int?>("-N") { Description = "check the configuration at LEVEL and exit (0 = valid)", HelpName = "LEVEL" };
        var pid = new Option<string?>("-i") { Description = "pid file (default /run/rsyslogd.pid; NONE = no pid file)", HelpName = "PIDFILE" };
        var version = new Option<bool>("-v") { Description = "print the version and the modules compiled in" };
        var noChdir = new Option<bool>("-C") { Description = "accepted for rsyslogd compatibility" };
        var moduleDir = new Option<string?>("-M") { Description = "module directory; accepted for rsyslogd compatibility (modules are built in)", HelpName = "DIR" };

        var root = new RootCommand("sluiced: an rsyslog-compatible syslog daemon")
        {
            config, embedded, foreground, check, pid, version, noChdir, moduleDir,
        };
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var e in result.Errors) error.WriteLine($"sluiced: {e.Message}");
            error.WriteLine("sluiced: run 'sluiced --help' for the options");
            return (null, 1);
        }
        if (result.Action is not null && result.GetValue(version) is false && IsHelpOrVersionRequest(args))
        {
            result.Invoke(new InvocationConfiguration { Output = output, Error = error });
            return (null, 0);
        }

        var options = new DaemonOptions
        {
            ConfigFile = result.GetValue(config),
            EmbeddedConfig = result.GetValue(embedded),
            Foreground = result.GetValue(foreground),
            CheckLevel = result.GetValue(check),
            PidFile = result.GetValue(pid) is { } p ? (p == "NONE" ? null : p) : DaemonOptions.DefaultPidFile,
            ShowVersion = result.GetValue(version),
        };
        if (options.EmbeddedConfig && options.ConfigFile is not null)
        {
            error.WriteLine("sluiced: -f and --embedded-config exclude each other");
            return (null, 1);
        }
        return (options, 0);
    }

    private static bool IsHelpOrVersionRequest(string[] args)
    {
        foreach (var a in args)
            if (a is "-h" or "--help" or "-?" or "--version") return true;
        return false;
    }
}
