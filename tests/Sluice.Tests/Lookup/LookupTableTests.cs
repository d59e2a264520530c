using System.Text;
using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Lookup;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;
using Sluice.Engine.Scripting.Expressions;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;
using Sluice.Tests.Integration;
using Kit = Sluice.Tests.Scripting.Expressions.ExpressionTestKit;

namespace Sluice.Tests.Lookup;

/// <summary>lookup_table(), lookup() and reloads. Expected values were produced by rsyslogd 8.2302 with the same tables.</summary>
public sealed class LookupTableTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly RecordingLog _log = new();

    public void Dispose() => _dir.Dispose();

    private const string StringTable =
        "{\"version\":1,\"nomatch\":\"NM\",\"type\":\"string\",\"table\":[{\"index\":\"a\",\"value\":\"A\"},{\"index\":\"10\",\"value\":\"ten\"},{\"index\":\"b\",\"value\":2}]}";
    private const string ArrayTable =
        "{\"version\":1,\"nomatch\":\"NM\",\"type\":\"array\",\"table\":[{\"index\":5,\"value\":\"five\"},{\"index\":6,\"value\":\"six\"},{\"index\":7,\"value\":\"seven\"}]}";
    private const string SparseTable =
        "{\"version\":1,\"type\":\"sparseArray\",\"table\":[{\"index\":10,\"value\":\"ten\"},{\"index\":20,\"value\":\"twenty\"}]}";

    private string Write(string name, string text)
    {
        string path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private LookupTable Table(string name, string json, bool reloadOnHup = true)
    {
        string path = Write(name + ".json", json);
        return new LookupTable(name, path, reloadOnHup, LookupTableLoader.Load(name, path, new List<string>()), _log);
    }

    private ExpressionBindContext Context(params LookupTable[] tables)
    {
        var registry = new LookupTableRegistry();
        foreach (var t in tables) registry.TryAdd(t);
        var templates = new TemplateRegistry();
        new TemplateFactory().AddBuiltIns(templates);
        return new ExpressionBindContext(templates) { LookupTables = registry };
    }

    private static string Eval(string expression, ExpressionBindContext context) =>
        Kit.Show(ExpressionCompiler.CompileOrThrow(Kit.Parse(expression), context).Evaluate(Kit.SampleMessage(), Kit.NewContext()));

    // key | string table | array table | sparseArray table — rsyslogd 8.2302's output for the same keys as $msg.
    [Theory]
    [InlineData("a", "A", "NM", "")]
    [InlineData("10", "ten", "NM", "ten")]
    [InlineData("b", "2", "NM", "")]
    [InlineData("5", "NM", "five", "")]
    [InlineData("7", "NM", "seven", "")]
    [InlineData("8", "NM", "NM", "")]
    [InlineData("4", "NM", "NM", "")]
    [InlineData("x", "NM", "NM", "")]
    [InlineData("15", "NM", "NM", "ten")]
    [InlineData("20", "NM", "NM", "twenty")]
    [InlineData("25", "NM", "NM", "twenty")]
    [InlineData("9", "NM", "NM", "")]
    [InlineData("-1", "NM", "NM", "")]
    [InlineData("5x", "NM", "five", "")]
    [InlineData("010", "NM", "NM", "ten")]
    [InlineData("0x6", "NM", "NM", "")]
    public void Lookup_matches_rsyslog(string key, string viaString, string viaArray, string viaSparse)
    {
        var context = Context(Table("s", StringTable), Table("a", ArrayTable), Table("sp", SparseTable));
        Assert.Equal(viaString, Eval($"lookup(\"s\", \"{key}\")", context));
        Assert.Equal(viaArray, Eval($"lookup(\"a\", \"{key}\")", context));
        Assert.Equal(viaSparse, Eval($"lookup(\"sp\", \"{key}\")", context));
    }

    [Fact]
    public void Number_keys_and_expressions_work_as_keys()
    {
        var context = Context(Table("s", StringTable), Table("a", ArrayTable));
        Assert.Equal("ten", Eval("lookup(\"s\", 5 + 5)", context));
        Assert.Equal("six", Eval("lookup(\"a\", 3 * 2)", context));
        Assert.Equal("NM", Eval("lookup(\"s\", $programname)", context));
    }

    [Fact]
    public void Unknown_tables_and_non_constant_names_are_config_errors()
    {
        var context = Context(Table("hosts", StringTable));
        ExpressionCompiler.Compile(Kit.Parse("lookup(\"host\", $msg)"), context);
        ExpressionCompiler.Compile(Kit.Parse("lookup($msg, $msg)"), context);
        ExpressionCompiler.Compile(Kit.Parse("lookup(\"hosts\")"), context);

        Assert.Equal(new[]
        {
            "lookup table 'host' not found (used in function: lookup) (did you mean 'hosts'?)",
            "table name (param 1) of lookup() must be a constant string",
            "number of parameters for lookup() must be 2 but is 1.",
        }, context.Errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("{\"version\":2,\"table\":[]}", "lookup table named: 't' uses unsupported version: 2")]
    [InlineData("{\"version\":1,\"type\":\"hash\",\"table\":[]}", "lookup table named: 't' uses unsupported type: 'hash' (use \"string\", \"array\" or \"sparseArray\")")]
    [InlineData("{\"version\":1,\"type\":\"array\",\"table\":[{\"index\":1,\"value\":\"x\"},{\"index\":3,\"value\":\"y\"}]}", "'array' lookup table name: 't' has non-contiguous members between index '2' and '3'")]
    [InlineData("{\"version\":1,\"table\":[{\"value\":\"x\"}]}", "'string' lookup table named: 't' has record(s) without 'index' field")]
    [InlineData("{\"version\":1,\"table\":[{\"index\":\"x\"}]}", "'string' lookup table named: 't' has record(s) without 'value' field")]
    [InlineData("{\"version\":1}", "lookup table named: 't' has no \"table\" array")]
    [InlineData("{\"version\":1,\"type\":\"sparseArray\",\"table\":[{\"index\":-3,\"value\":\"x\"}]}", "'sparseArray' lookup table named: 't' has an index that is not a number from 0 to 4294967295: -3")]
    public void Bad_tables_are_refused_with_rsyslogs_texts(string json, string message)
    {
        string path = Write("t.json", json);
        Assert.Equal(message, Assert.Throws<LookupTableException>(() => LookupTableLoader.Load("t", path, new List<string>())).Message);
    }

    [Fact]
    public void A_missing_version_is_a_warning_and_broken_json_or_a_missing_file_an_error()
    {
        var warnings = new List<string>();
        var data = LookupTableLoader.Load("t", Write("nv.json", "{\"table\":[{\"index\":\"a\",\"value\":\"x\"}]}"), warnings);
        Assert.Equal("x", Encoding.UTF8.GetString(data.Find("a"u8)));
        Assert.Equal("lookup table named: 't' doesn't specify version (will use default value: 1)", Assert.Single(warnings));

        string broken = Write("broken.json", "{\"version\":1,\"table\":[{\"index\":\"a\"");
        Assert.StartsWith($"lookup table file '{broken}' json parsing error", Assert.Throws<LookupTableException>(() => LookupTableLoader.Load("t", broken, warnings)).Message);
        string missing = _dir.File("missing.json");
        Assert.Equal($"lookup table file '{missing}' could not be opened: No such file or directory",
            Assert.Throws<LookupTableException>(() => LookupTableLoader.Load("t", missing, warnings)).Message);
    }

    [Fact]
    public void Reload_swaps_the_contents_keeps_them_on_failure_and_uses_the_stub_when_given()
    {
        var table = Table("t", StringTable);
        var context = Context(table);
        var lookup = ExpressionCompiler.CompileOrThrow(Kit.Parse("lookup(\"t\", \"a\")"), context);
        string Now() => Kit.Show(lookup.Evaluate(Kit.SampleMessage(), Kit.NewContext()));

        File.WriteAllText(table.File, "{\"version\":1,\"table\":[{\"index\":\"a\",\"value\":\"new\"}]}");
        Assert.True(table.Reload());
        Assert.Equal("new", Now());

        File.WriteAllText(table.File, "not json");
        Assert.False(table.Reload());
        Assert.Equal("new", Now());
        Assert.True(_log.Contains("the previous contents stay in use"));

        Assert.False(table.Reload("stub"u8.ToArray()));
        Assert.Equal("stub", Now());
        Assert.True(table.Data.IsStub);
    }

    [Fact]
    public void The_reload_statement_reloads_off_the_message_path()
    {
        var table = Table("t", StringTable);
        File.WriteAllText(table.File, "{\"version\":1,\"table\":[{\"index\":\"a\",\"value\":\"reloaded\"}]}");
        var statement = new ReloadLookupTableStatement(table, null);

        Assert.Equal(Sluice.Engine.Scripting.ExecResult.Continue, statement.Execute(Kit.SampleMessage(), null!));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Encoding.UTF8.GetString(table.Data.Find("a"u8)) != "reloaded" && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.Equal("reloaded", Encoding.UTF8.GetString(table.Data.Find("a"u8)));
    }

    [Fact]
    public void Readers_see_the_old_or_the_new_table_while_it_is_swapped()
    {
        var table = Table("t", "{\"version\":1,\"table\":[{\"index\":\"k\",\"value\":\"one\"}]}");
        string two = _dir.File("two.json");
        File.WriteAllText(two, "{\"version\":1,\"table\":[{\"index\":\"k\",\"value\":\"two\"}]}");
        var one = LookupTableLoader.Load("t", table.File, new List<string>());
        var other = LookupTableLoader.Load("t", two, new List<string>());
        int bad = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var reader = Task.Run(() =>
        {
            for (int i = 0; i < 200_000 && !stop.IsCancellationRequested; i++)
            {
                var v = table.Data.Find("k"u8);
                if (!v.SequenceEqual("one"u8) && !v.SequenceEqual("two"u8)) Interlocked.Increment(ref bad);
            }
        });
        for (int i = 0; i < 200 && !reader.IsCompleted; i++)
        {
            File.WriteAllText(table.File, i % 2 == 0
                ? "{\"version\":1,\"table\":[{\"index\":\"k\",\"value\":\"two\"}]}"
                : "{\"version\":1,\"table\":[{\"index\":\"k\",\"value\":\"one\"}]}");
            table.Reload();
        }
        Assert.True(reader.Wait(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, bad);
        Assert.NotNull(one);
        Assert.NotNull(other);
    }

    [Fact]
    public void A_lookup_allocates_nothing()
    {
        var context = Context(Table("s", StringTable), Table("a", ArrayTable));
        var s = ExpressionCompiler.CompileOrThrow(Kit.Parse("lookup(\"s\", $programname)"), context);
        var a = ExpressionCompiler.CompileOrThrow(Kit.Parse("lookup(\"a\", \"6\")"), context);
        var message = Kit.SampleMessage();
        var evaluation = Kit.NewContext();
        for (int i = 0; i < 1000; i++)
        {
            s.Evaluate(message, evaluation);
            a.Evaluate(message, evaluation);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            s.Evaluate(message, evaluation);
            a.Evaluate(message, evaluation);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // ---- lookup_table() objects --------------------------------------------------------------------------------

    private RuntimePlan Build(string text)
    {
        var services = new EngineServices(new GlobalSettings(), _log, new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        return new PlanBuilder(BuiltInModules.CreateRegistry(), new TemplateFactory()).Build(ConfigLoader.LoadText(text, "test.conf"), services);
    }

    [Fact]
    public void Lookup_table_objects_load_their_file_and_reload_on_hup_when_asked()
    {
        string a = Write("a.json", StringTable), b = Write("b.json", ArrayTable);
        var plan = Build($"lookup_table(name=\"a\" file=\"{a}\")\nlookup_table(name=\"b\" file=\"{b}\" reloadOnHUP=\"off\")\n*.* /tmp/x\n");

        var ta = plan.LookupTables.Find("a")!;
        var tb = plan.LookupTables.Find("b")!;
        Assert.True(ta.ReloadOnHup);
        Assert.False(tb.ReloadOnHup);
        Assert.Equal(LookupKind.Array, tb.Data.Kind);

        File.WriteAllText(a, "{\"version\":1,\"table\":[{\"index\":\"a\",\"value\":\"after hup\"}]}");
        File.WriteAllText(b, "{\"version\":1,\"table\":[]}");
        plan.LookupTables.ReloadOnHup();
        Assert.Equal("after hup", Encoding.UTF8.GetString(ta.Data.Find("a"u8)));
        Assert.Equal(LookupKind.Array, tb.Data.Kind); // not reloaded
        foreach (var action in plan.Actions) action.Output.Dispose();
    }

    [Fact]
    public void Lookup_table_object_errors_have_their_locations()
    {
        string good = Write("good.json", StringTable);
        string missing = _dir.File("missing.json");
        var errors = Assert.Throws<ConfigException>(() => Build(
            $"lookup_table(name=\"t\" file=\"{missing}\")\n" +
            $"lookup_table(file=\"{good}\")\n" +
            $"lookup_table(name=\"u\" file=\"{good}\" reloadOnHup=\"maybe\" relaodOnHUP=\"on\")\n" +
            $"lookup_table(name=\"v\" file=\"{good}\")\n" +
            $"lookup_table(name=\"v\" file=\"{good}\")\n" +
            "*.* /tmp/x\n")).Errors.Select(e => e.ToString());

        Assert.Equal(new[]
        {
            $"test.conf:1:28: lookup table file '{missing}' could not be opened: No such file or directory",
            "test.conf:2:1: lookup_table(): parameter 'name' is required",
            $"test.conf:3:{good.Length + 43}: lookup_table(): parameter 'reloadOnHup' must be \"on\" or \"off\", not \"maybe\"",
            $"test.conf:3:{good.Length + 51}: lookup_table(): parameter 'relaodOnHUP' is not known (did you mean 'reloadOnHUP'?)",
            $"test.conf:5:19: lookup table 'v' is already defined (file '{good}')",
        }, errors);
    }
}
