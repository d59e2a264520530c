using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;
using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Engine.Scripting;

/// <summary>
/// `call_indirect EXPR;`: the ruleset named by the expression's value, looked up per message (ASCII case-insensitive,
/// as rsyslog's ruleset list compares with strcasecmp), then as `call`. An unknown name is skipped with rsyslog's error
/// "CALL_INDIRECT: ruleset 'x' cannot be found, treating as NOP" — counted every time, logged at most once every
/// <see cref="LogIntervalMs"/> per statement so that a stream of such messages cannot flood the log.
/// </summary>
public sealed class CallIndirectStatement : Statement
{
    public const int LogIntervalMs = 10_000;

    private readonly RulesetTable _rulesets;
    private readonly IInternalLog _log;
    private long _notFound;
    private long _lastLog = long.MinValue;

    /// <param name="rulesets">Every ruleset of the configuration (filled by the binder before the engine starts).</param>
    public CallIndirectStatement(CompiledExpression name, RulesetTable rulesets, IInternalLog log)
    {
        Name = name;
        _rulesets = rulesets;
        _log = log;
    }

    public CompiledExpression Name { get; }

    /// <summary>How many times the name found no ruleset.</summary>
    public long NotFound => Interlocked.Read(ref _notFound);

    public override ExecResult Execute(Message message, RuleContext context)
    {
        var name = ScriptConvert.ToText(Name.Evaluate(message, context.Evaluation), context.Evaluation);
        var target = Find(name);
        if (target is null)
        {
            Interlocked.Increment(ref _notFound);
            long now = Environment.TickCount64;
            long last = Interlocked.Read(ref _lastLog);
            if ((last == long.MinValue || now - last >= LogIntervalMs) && Interlocked.CompareExchange(ref _lastLog, now, last) == last)
                _log.Error($"CALL_INDIRECT: ruleset '{System.Text.Encoding.UTF8.GetString(name)}' cannot be found, treating as NOP");
            return ExecResult.Continue;
        }
        return CallStatement.Run(target, message, context);
    }

    private Ruleset? Find(ReadOnlySpan<byte> name)
    {
        foreach (var r in _rulesets.All)
            if (ScriptConvert.EqualsIgnoreCase(r.NameUtf8, name)) return r;
        return null;
    }
}
