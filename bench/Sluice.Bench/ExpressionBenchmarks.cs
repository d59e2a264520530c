using System.Text;
using BenchmarkDotNet.Attributes;
using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Outputs;
using Sluice.Engine.Parsing;
using Sluice.Engine.Runtime;
using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Bench;

/// <summary>
/// One RainerScript filter evaluated against a parsed message, as a ruleset does for every message. The
/// property-against-constant filters must show 0 B allocated; so must the others once warmed up.
/// </summary>
[MemoryDiagnoser]
public class ExpressionBenchmarks
{
    private const string Raw = "<134>Feb  5 17:32:18 myhost sshd[123]: Failed password for root from 192.0.2.7 port 52144 ssh2";

    private Message _message = null!;
    private EvaluationContext _context = null!;
    private CompiledExpression _programEquals = null!;
    private CompiledExpression _msgContains = null!;
    private CompiledExpression _startsWithIgnoreCase = null!;
    private CompiledExpression _arrayMembership = null!;
    private CompiledExpression _severityMask = null!;
    private CompiledExpression _combined = null!;
    private CompiledExpression _regex = null!;
    private CompiledExpression _extract = null!;
    private VariableAssignment _set = null!;

    [GlobalSetup]
    public void Setup()
    {
        _message = new Message();
        _message.SetRaw(Encoding.ASCII.GetBytes(Raw));
        _message.TimeGenerated = SyslogTime.FromDateTimeOffset(new DateTimeOffset(2026, 2, 5, 17, 32, 18, 123, TimeSpan.Zero));
        new SyslogParser(new GlobalSettings()).Parse(_message);
        _context = new EvaluationContext(new GlobalVariables()) { Render = new RenderContext(_message.TimeGenerated, "collector"u8.ToArray()) };

        _programEquals = Compile("$programname == \"sshd\"");
        _msgContains = Compile("$msg contains \"password\"");
        _startsWithIgnoreCase = Compile("$msg startswith_i \" FAILED\"");
        _arrayMembership = Compile("$programname == [\"cron\", \"su\", \"sshd\", \"sudo\", \"systemd\"]");
        _severityMask = Compile("$syslogseverity <= 6");
        _combined = Compile("$programname == \"sshd\" and ($msg contains \"Failed\" or $msg contains \"Invalid\") and not ($hostname startswith \"backup\")");
        _regex = Compile("re_match($msg, \"from [0-9.]+ port [0-9]+\")");
        _extract = Compile("re_extract($msg, \"from ([0-9.]+)\", 0, 1, \"\") == \"192.0.2.7\"");
        var doc = ConfigLoader.LoadText("set $!user = field($msg, 32, 5);", "bench.conf");
        _set = VariableAssignment.Bind((SetNode)doc.Items[0], new ExpressionBindContext())!;
    }

    private static CompiledExpression Compile(string expression)
    {
        var doc = ConfigLoader.LoadText($"if {expression} then stop", "bench.conf");
        return ExpressionCompiler.CompileOrThrow(((IfNode)doc.Items[0]).Condition, new ExpressionBindContext());
    }

    [Benchmark(Baseline = true)]
    public bool ProgramNameEquals() => _programEquals.IsTrue(_message, _context);

    [Benchmark]
    public bool MsgContains() => _msgContains.IsTrue(_message, _context);

    [Benchmark]
    public bool MsgStartsWithIgnoreCase() => _startsWithIgnoreCase.IsTrue(_message, _context);

    [Benchmark]
    public bool ProgramNameInArray() => _arrayMembership.IsTrue(_message, _context);

    [Benchmark]
    public bool SeverityCompare() => _severityMask.IsTrue(_message, _context);

    [Benchmark]
    public bool AndOrNot() => _combined.IsTrue(_message, _context);

    [Benchmark]
    public bool RegexMatch() => _regex.IsTrue(_message, _context);

    [Benchmark]
    public bool RegexExtract() => _extract.IsTrue(_message, _context);

    /// <summary>set $!user = field(...), then the message's variables cleared as message reuse does.</summary>
    [Benchmark]
    public void SetVariable()
    {
        _set.Execute(_message, _context);
        _message.Variables!.Clear();
    }
}
