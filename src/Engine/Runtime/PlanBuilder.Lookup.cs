using System.Text;
using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Lookup;

namespace Sluice.Engine.Runtime;

public sealed partial class PlanBuilder
{
    private static readonly ParamSchema LookupTableSchema = new(new[]
    {
        new ParamDef("name", ParamType.String) { Required = true },
        new ParamDef("file", ParamType.String) { Required = true },
        new ParamDef("reloadOnHUP", ParamType.Binary) { Default = true },
    });

    /// <summary>
    /// The lookup_table()s bound so far. lookup() and reload_lookup_table see only the tables defined before them, as
    /// in rsyslog ("lookup table 't' not found"); an ExpressionBindContext for script expressions takes this
    /// (ExpressionBindContext.LookupTables).
    /// </summary>
    private LookupTableRegistry _lookupTables = new();

    /// <summary>lookup_table(name=, file=, reloadOnHUP=): the file is read now; a table that cannot be loaded is a config error.</summary>
    private void BindLookupTable(ObjectNode o)
    {
        var set = ParamBinder.Bind(LookupTableSchema, o.Parameters, o.Location, "lookup_table()", _errors);
        if (!set.IsSet("name") || !set.IsSet("file")) return;
        string name = set.GetString("name")!;
        string file = set.GetString("file")!;
        if (_lookupTables.Find(name) is { } existing)
        {
            // rsyslogd 8.2302 accepts the second definition silently; which one lookup() used was not defined.
            Error(set.LocationOf("name"), $"lookup table '{name}' is already defined (file '{existing.File}')");
            return;
        }
        var warnings = new List<string>();
        LookupData data;
        try
        {
            data = LookupTableLoader.Load(name, file, warnings);
        }
        catch (LookupTableException e)
        {
            Error(set.LocationOf("file"), e.Message);
            return;
        }
        foreach (var w in warnings) _services.Log.Warning(w);
        _lookupTables.TryAdd(new LookupTable(name, file, set.GetBool("reloadOnHUP"), data, _services.Log));
    }

    /// <summary>reload_lookup_table("table"[, "stub value"]) (the lexer allows only string literals as arguments).</summary>
    private void BindReloadLookupTable(ReloadLookupTableNode node, List<Scripting.Statement> into)
    {
        var args = node.Arguments;
        if (args.Count is < 1 or > 2)
        {
            Error(node.Location, $"reload_lookup_table() takes the table name and an optional stub value, not {args.Count} argument(s)");
            return;
        }
        string name = args[0].Value;
        var table = _lookupTables.Find(name);
        if (table is null)
        {
            string? closest = NameSuggester.Closest(name, _lookupTables.Names);
            Error(args[0].Location, $"lookup table '{name}' not found" + (closest is null ? "" : $" (did you mean '{closest}'?)"));
            return;
        }
        into.Add(new ReloadLookupTableStatement(table, args.Count == 2 ? Encoding.UTF8.GetBytes(args[1].Value) : null));
    }
}
