using System.Globalization;
using System.Text;
using Sluice.Tests.Integration;
using Sluice.Tests.Outputs.File;

namespace Sluice.Tests.Differential;

/// <summary>
/// The system properties ($now, $year … $wday, their -utc forms, $now-unixtimestamp, $myhostname, $uptime) depend on
/// when a message is processed, so two runs cannot be byte-compared. Instead each daemon, rsyslogd and sluiced alike,
/// must render exactly what the test's own clock (TZ=America/New_York) said just before or just after the message
/// went through; rsyslogd passing the same check shows the expectation is rsyslog's.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class SystemPropertyDifferentialTests
{
    private const string Local = "%$now% %$year% %$month% %$day% %$hour% %$hhour% %$qhour% %$minute% %$wday%";
    private const string Utc = "%$now-utc% %$year-utc% %$month-utc% %$day-utc% %$hour-utc% %$hhour-utc% %$qhour-utc% %$minute-utc% %$wday-utc%";

    private static readonly string Config = $$"""
        global(workDirectory="{dir}/work")
        module(load="imtcp")
        input(type="imtcp" port="0" listenPortFileName="{dir}/port" address="127.0.0.1")
        template(name="clock" type="string" string="{{Local}}|{{Utc}}|%$now-unixtimestamp%|%$myhostname%|%$uptime%\n")
        if $syslogtag == "clock:" then action(type="omfile" file="{dir}/out-clock" template="clock")
        """;

    private static string Parts(DateTime t) => string.Join(" ",
        t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), t.ToString("yyyy", CultureInfo.InvariantCulture),
        t.ToString("MM", CultureInfo.InvariantCulture), t.ToString("dd", CultureInfo.InvariantCulture),
        t.ToString("HH", CultureInfo.InvariantCulture), (t.Minute / 30).ToString("D2", CultureInfo.InvariantCulture),
        (t.Minute / 15).ToString("D2", CultureInfo.InvariantCulture), t.ToString("mm", CultureInfo.InvariantCulture),
        ((int)t.DayOfWeek).ToString(CultureInfo.InvariantCulture));

    private static double Uptime() =>
        double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("rsyslogd")]
    [InlineData("sluiced")]
    public void System_properties_render_the_processing_time(string daemon)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(DifferentialRun.TimeZone);
        using var run = DaemonRun.Start(daemon, Config, new Dictionary<string, string> { ["TZ"] = DifferentialRun.TimeZone });
        var before = DateTimeOffset.UtcNow;
        double uptimeBefore = Uptime();
        run.SendOctetCounted([Encoding.ASCII.GetBytes("<13>Nov 22 08:00:00 host clock: tick")]);
        run.WaitUntil(() => run.CountLines("out-clock") >= 1, "the clock line");
        var after = DateTimeOffset.UtcNow;
        double uptimeAfter = Uptime();

        string line = Encoding.UTF8.GetString(run.Read("out-clock")).TrimEnd('\n');
        var f = line.Split('|');
        Assert.Equal(5, f.Length);
        var localBefore = TimeZoneInfo.ConvertTime(before, zone).DateTime;
        var localAfter = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        Assert.Contains(f[0], new[] { Parts(localBefore), Parts(localAfter) });
        Assert.Contains(f[1], new[] { Parts(before.UtcDateTime), Parts(after.UtcDateTime) });
        long unix = long.Parse(f[2], CultureInfo.InvariantCulture);
        Assert.InRange(unix, before.ToUnixTimeSeconds(), after.ToUnixTimeSeconds());
        // $myhostname is the local host name up to the first dot (rsyslog's LocalHostName without preserveFQDN).
        Assert.Equal(System.Net.Dns.GetHostName().Split('.')[0], f[3]);
        long uptime = long.Parse(f[4], CultureInfo.InvariantCulture);
        Assert.InRange(uptime, (long)uptimeBefore - 1, (long)uptimeAfter + 1);
    }
}
