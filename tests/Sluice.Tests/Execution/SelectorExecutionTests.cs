using Sluice.Tests.Integration;

namespace Sluice.Tests.Execution;

/// <summary>Legacy selectors over every facility/severity combination, in rsyslogd 8.2302 and sluiced alike.</summary>
[Collection(DaemonCollection.Name)]
public sealed class SelectorExecutionTests
{
    private static readonly string[] Selectors =
    {
        "*.*", "*.info", "*.=info", "*.!info", "*.!=info", "mail.*", "mail,news.warning", "*.*;auth,authpriv.none",
        "kern.!info", "local0.=debug;local0.=err", "*.emerg", "user.none", "*.err;mail.none;local7.!=crit",
        "*.debug;local6.err", "cron.*;cron.!=warning", "local1,local2.*", "security.*", "*.warning;*.!err",
        "local3.=notice;local3.=alert", "uucp,ftp,lpr.!=debug", "syslog.*", "*.crit;kern.none", "local5.*;local5.!*",
    };

    [Fact]
    public void Every_facility_and_severity_through_every_kind_of_selector()
    {
        var messages = new List<string>();
        for (int facility = 0; facility < 24; facility++)
            for (int severity = 0; severity < 8; severity++)
                messages.Add($"<{facility * 8 + severity}>Nov 22 08:00:00 h p:f{facility} s{severity}");
        var rules = string.Concat(Selectors.Select((s, i) =>
            $"{s} action(type=\"omfile\" file=\"{{dir}}/out-{i}\" template=\"m\")\n"));
        // Selectors that only negate ("*.!info") match nothing in either daemon: both must then write no file.
        ScriptRun.AssertSameOutput("template(name=\"m\" type=\"string\" string=\"%msg%\\n\")\n", rules, messages,
            "0", "1", "2", "5", "6", "7", "9", "10", "13", "15", "16", "20", "21");
    }
}
