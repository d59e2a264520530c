using System.Text;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Lookup;
using Sluice.Engine.Messages;
using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Engine.Scripting.Functions;

/// <summary>
/// lookup("table", key): the table's value for the key, its "nomatch" value when there is none (rsyslog's
/// doFunct_Lookup). The table is bound at config time and must be defined before; the key is used as text for
/// "string" tables and as an unsigned 32-bit number (rsyslog's var2Number: leading digits, "5x" is 5) otherwise.
/// The result is always a string. Nothing is allocated per call: the value is a span of the table's contents.
/// </summary>
internal sealed class LookupFunction(LookupTable table, Expr key) : Expr
{
    public static Expr Create(FunctionCallSite call)
    {
        if (call.ConstantString(0) is not { } nameBytes)
        {
            call.Error("table name (param 1) of lookup() must be a constant string");
            return new NumberConstant(0);
        }
        string name = Encoding.UTF8.GetString(nameBytes);
        var table = call.Context.LookupTables?.Find(name);
        if (table is null)
        {
            string? closest = call.Context.LookupTables is { } tables ? NameSuggester.Closest(name, tables.Names) : null;
            call.Error($"lookup table '{name}' not found (used in function: lookup)" + (closest is null ? "" : $" (did you mean '{closest}'?)"));
            return new NumberConstant(0);
        }
        return new LookupFunction(table, call.Arguments[1]);
    }

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var data = table.Data; // one volatile read: this call sees one version of the table
        var value = key.Evaluate(message, context);
        if (data.Kind == LookupKind.String) return ScriptValue.FromString(data.Find(ScriptConvert.ToText(value, context)));
        return ScriptValue.FromString(data.Find(unchecked((uint)ScriptConvert.ToNumber(value))));
    }
}
