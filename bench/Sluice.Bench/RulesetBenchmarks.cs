using Sluice.Tests.Scripting.Statements;
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
    private const string RegexRule = "if re_match($msg, \"from [0-9.]+ port [0-9]+\") then set $.r20 = 1;\n";

    private const int MessagesPerOperation = 8;

    private Message[] _messages = null!;
    private Statement[] _nineteen = null!;
    private Statement[] _twenty = null!;
    private RuleContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var parser = new SyslogParser(new GlobalSettings());
        _messages = new Message[RulesetCorpus.Messages.Length];
        for (int i = 0; i < RulesetCorpus.Messages.Length; i++)
        {
            var m = new Message();
            m.SetRaw(Encoding.ASCII.GetBytes(RulesetCorpus.Messages[i]));
            m.TimeGenerated = SyslogTime.FromDateTimeOffset(new DateTimeOffset(2026, 2, 5, 17, 32, 18, TimeSpan.Zero));
            parser.Parse(m);
            _messages[i] = m;
        }
        var plan = Build(RulesetCorpus.NineteenRules);
        _nineteen = plan.DefaultRuleset.Statements;
        _twenty = Build(RulesetCorpus.NineteenRules + RegexRule).DefaultRuleset.Statements;
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
