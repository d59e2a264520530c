using Sluice.Daemon.CommandLine;

namespace Sluice.Tests.Daemon;

public class DaemonCommandLineTests
{
    private static DaemonOptions Parse(params string[] args)
    {
        var (options, code) = DaemonCommandLine.Parse(args, TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, code);
        return options!;
    }

    [Fact]
    public void AcceptsRsyslogdAttachedForms()
    {
        var o = Parse("-nN1", "-f/etc/x.conf", "-iNONE");
        Assert.True(o.Foreground);
        Assert.Equal(1, o.CheckLevel);
        Assert.Equal("/etc/x.conf", o.ConfigFile);
        Assert.Null(o.PidFile);
    }

    [Fact]
    public void AcceptsSeparatedForms()
    {
        var o = Parse("-n", "-N", "2", "-f", "/a.conf", "-i", "/tmp/p.pid", "-C", "-M", "/usr/lib/rsyslog");
        Assert.Equal(2, o.CheckLevel);
        Assert.Equal("/a.conf", o.ConfigFile);
        Assert.Equal("/tmp/p.pid", o.PidFile);
    }

    [Fact]
    public void DefaultsAreRsyslogds()
    {
        var o = Parse();
        Assert.Null(o.ConfigFile);
        Assert.Equal("/run/rsyslogd.pid", o.PidFile);
        Assert.False(o.EmbeddedConfig);
        Assert.Null(o.CheckLevel);
    }

    [Fact]
    public void UnknownOptionIsAnError()
    {
        var err = new StringWriter();
        var (options, code) = DaemonCommandLine.Parse(new[] { "-Z" }, TextWriter.Null, err);
        Assert.Null(options);
        Assert.NotEqual(0, code);
        Assert.Contains("-Z", err.ToString());
    }

    [Fact]
    public void EmbeddedConfigAndFileExcludeEachOther()
    {
        var (options, code) = DaemonCommandLine.Parse(new[] { "--embedded-config", "-f", "/x" }, TextWriter.Null, TextWriter.Null);
        Assert.Null(options);
        Assert.NotEqual(0, code);
    }
}
