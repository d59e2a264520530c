namespace Sluice.Daemon.CommandLine;

/// <summary>What rsyslogd's command line asked for.</summary>
public sealed record DaemonOptions
{
    /// <summary>-f: the config file; null = /etc/rsyslog.conf, as rsyslogd.</summary>
    public string? ConfigFile { get; init; }
    /// <summary>--embedded-config: run the config compiled into the binary (what `./build.sh run` uses).</summary>
    public bool EmbeddedConfig { get; init; }
    /// <summary>-n: stay in the foreground.</summary>
    public bool Foreground { get; init; }
    /// <summary>-N LEVEL: check the config and exit.</summary>
    public int? CheckLevel { get; init; }
    /// <summary>-i: pid file; "NONE" = none (rsyslogd's spelling).</summary>
    public string? PidFile { get; init; } = DefaultPidFile;
    public bool ShowVersion { get; init; }

    public const string DefaultPidFile = "/run/rsyslogd.pid";
    public const string DefaultConfigFile = "/etc/rsyslog.conf";
}
