using System.Text;
using BenchmarkDotNet.Attributes;
using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Outputs;
using Sluice.Engine.Parsing;
using Sluice.Engine.Runtime;
using Sluice.Engine.Scripting;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Bench;

/// <summary>
/// A 20-rule ruleset (selectors, property-based filters, if with ==, startswith, contains, contains_i, arrays, and/or/not
/// on properties, and — in <see cref="TwentyRulesWithRegex"/> — one re_match) run over eight parsed messages; each rule
/// that matches sets a local variable. One operation is one message (OperationsPerInvoke), so the Mean column is the
/// ruleset's cost per message. <see cref="NineteenRulesWithoutRegex"/> must show 0 B allocated.
/// </summary>
[MemoryDiagnoser]
public class RulesetBenchmarks
{
    private const string Rules =
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

    private const string RegexRule = "if re_match($msg, \"from [0-9.]+ port [0-9]+\") then set $.r20 = 1;\n";

    private static readonly string[] Lines =
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

    private const int MessagesPerOperation = 8;

    private Message[] _messages = null!;
    private Statement[] _nineteen = null!;
    private Statement[] _twenty = null!;
    private RuleContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var parser = new SyslogParser(new GlobalSettings());
        _messages = new Message[Lines.Length];
        for (int i = 0; i < Lines.Length; i++)
        {
            var m = new Message();
            m.SetRaw(Encoding.ASCII.GetBytes(Lines[i]));
            m.TimeGenerated = SyslogTime.FromDateTimeOffset(new DateTimeOffset(2026, 2, 5, 17, 32, 18, TimeSpan.Zero));
            parser.Parse(m);
            _messages[i] = m;
        }
        var plan = Build(Rules);
        _nineteen = plan.DefaultRuleset.Statements;
        _twenty = Build(Rules + RegexRule).DefaultRuleset.Statements;
        if (_nineteen.Length != 19 || _twenty.Length != 20) throw new InvalidOperationException("the rulesets did not bind as expected");
        _context = new RuleContext(plan.Actions) { Render = new RenderContext(_messages[0].TimeGenerated, "collector"u8.ToArray()) };
    }

    private static RuntimePlan Build(string rules)
    {
        var services = new EngineServices(new GlobalSettings(), new RecordingLog(), new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        return new PlanBuilder(BuiltInModules.CreateRegistry(), new TemplateFactory()).Build(ConfigLoader.LoadText(rules, "bench.conf"), services);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MessagesPerOperation)]
    public void NineteenRulesWithoutRegex() => Run(_nineteen);

    [Benchmark(OperationsPerInvoke = MessagesPerOperation)]
    public void TwentyRulesWithRegex() => Run(_twenty);

    private void Run(Statement[] statements)
    {
        var messages = _messages;
        for (int i = 0; i < messages.Length; i++)
        {
            Statement.ExecuteAll(statements, messages[i], _context);
            messages[i].Variables?.Clear();
        }
    }
}
