namespace Sluice.Tests.Scripting.Statements;

/// <summary>
/// The 19-rule ruleset (selectors, property filters, if on properties, each match setting a $. variable) and the
/// messages it runs over: asserted to allocate nothing in <c>RulesetAllocationTests</c> and timed, with re_match as a
/// 20th rule, by bench/Sluice.Bench/RulesetBenchmarks.cs (which links this file).
/// </summary>
public static class RulesetCorpus
{
    public const string NineteenRules =
        "*.*;auth,authpriv.none set $.r1 = 1;\n" +
        "mail.* set $.r2 = 1;\n" +
        "kern.=warning set $.r3 = 1;\n" +
        "local0.info;local1.!err set $.r4 = 1;\n" +
        ":programname, isequal, \"sshd\" set $.r5 = 1;\n" +
        ":msg, contains, \"Failed\" set $.r6 = 1;\n" +
        ":hostname, startswith, \"web\" set $.r7 = 1;\n" +
        ":msg, !contains, \"debug\" set $.r8 = 1;\n" +
        "if $programname == \"cron\" then set $.r9 = 1;\n" +
        "if $msg startswith \" Accepted\" then set $.r10 = 1;\n" +
        "if $syslogseverity <= 3 then set $.r11 = 1;\n" +
        "if $programname == [\"su\", \"sudo\", \"systemd\"] then set $.r12 = 1;\n" +
        "if $msg contains_i \"error\" then set $.r13 = 1;\n" +
        "if $hostname startswith \"db\" and $syslogfacility-text == \"local3\" then set $.r14 = 1;\n" +
        "if not ($msg contains \"ok\") then set $.r15 = 1; else set $.r15 = 0;\n" +
        ":syslogtag, startswith, \"kernel\" set $.r16 = 1;\n" +
        "*.emerg set $.r17 = 1;\n" +
        "if $fromhost-ip == \"127.0.0.1\" then set $.r18 = 1;\n" +
        "if $app-name == \"nginx\" or $procid == \"1\" then set $.r19 = 1;\n";

    public static readonly string[] Messages =
    {
        "<38>Feb  5 17:32:18 web1 sshd[123]: Failed password for root from 192.0.2.7 port 52144 ssh2",
        "<86>Feb  5 17:32:19 web1 sshd[124]: Accepted publickey for deploy from 192.0.2.8 port 40022 ssh2",
        "<78>Feb  5 17:32:20 db2 cron[77]: (root) CMD (run-parts /etc/cron.hourly)",
        "<4>Feb  5 17:32:21 db2 kernel: [12345.678] eth0: link is down",
        "<155>Feb  5 17:32:22 db3 postgres[9]: ERROR: relation \"x\" does not exist",
        "<165>1 2026-02-05T17:32:23.003Z web2 nginx 1 ID47 - GET /index.html 200 ok",
        "<22>Feb  5 17:32:24 mx1 postfix/smtpd[55]: connect from unknown[192.0.2.9]",
        "<10>Feb  5 17:32:25 web3 sudo: deploy : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/ls",
    };
}
