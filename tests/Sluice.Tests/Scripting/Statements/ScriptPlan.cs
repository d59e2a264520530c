using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;
using Sluice.Engine.Scripting;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Scripting.Statements;

/// <summary>
/// A config bound with the real modules and templates and run the way a queue worker runs it (each message through
/// its ruleset, then the commit), writing its files into a temp directory ("{dir}" in the config text). Shared by the
/// statement, modifier and reception tests.
/// </summary>
internal sealed class ScriptPlan : IDisposable
{
    public ScriptPlan(string config)
    {
        Dir = Path.Combine(Path.GetTempPath(), "sluice-script-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
        Services = new EngineServices(new GlobalSettings(), Log, new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        Plan = new PlanBuilder(BuiltInModules.CreateRegistry(), new TemplateFactory())
            .Build(ConfigLoader.LoadText(config.Replace("{dir}", Dir), "test.conf"), Services);
        Context = new RuleContext(Plan.Actions, new Sluice.Engine.Queues.ShutdownSignal(), 64, Plan.Variables) { Render = SampleMessages.Context };
    }

    public string Dir { get; }
    public RecordingLog Log { get; } = new();
    public EngineServices Services { get; }
    public RuntimePlan Plan { get; }
    public RuleContext Context { get; }

    /// <summary>Runs the default ruleset over each line (parsed as received by imtcp) as one batch and commits it.</summary>
    public void Run(params string[] lines)
    {
        foreach (var line in lines) Statement.ExecuteAll(Plan.DefaultRuleset.Statements, SampleMessages.Parse(line), Context);
        Context.CommitAll();
    }

    /// <summary>Runs the default ruleset over <paramref name="messages"/> as one batch and commits it.</summary>
    public void Run(params Message[] messages)
    {
        foreach (var m in messages) Statement.ExecuteAll(Plan.DefaultRuleset.Statements, m, Context);
        Context.CommitAll();
    }

    public string Read(string file)
    {
        string path = Path.Combine(Dir, file);
        return System.IO.File.Exists(path) ? System.IO.File.ReadAllText(path) : "";
    }

    public static List<string> Errors(string config)
    {
        var services = new EngineServices(new GlobalSettings(), new RecordingLog(), new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        var e = Assert.Throws<ConfigException>(() =>
            new PlanBuilder(BuiltInModules.CreateRegistry(), new TemplateFactory()).Build(ConfigLoader.LoadText(config, "test.conf"), services));
        return e.Errors.Select(x => x.ToString()).ToList();
    }

    public void Dispose()
    {
        foreach (var a in Plan.Actions) a.Output.Dispose();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
