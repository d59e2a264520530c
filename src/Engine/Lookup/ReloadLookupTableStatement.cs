using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;
using Sluice.Engine.Scripting;

namespace Sluice.Engine.Lookup;

/// <summary>
/// reload_lookup_table("table"[, "stub value"]): asks for the table to be read again from its file (on a pool thread,
/// as rsyslog's reloader thread does); if that fails, the stub value, when given, answers every key from then on.
/// </summary>
public sealed class ReloadLookupTableStatement(LookupTable table, byte[]? stubValue) : Statement
{
    public LookupTable Table { get; } = table;
    public byte[]? StubValue { get; } = stubValue;

    public override ExecResult Execute(Message message, RuleContext context)
    {
        Table.RequestReload(StubValue);
        return ExecResult.Continue;
    }
}
