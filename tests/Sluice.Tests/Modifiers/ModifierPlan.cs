using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;
using Sluice.Engine.Scripting;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Modifiers;

/// <summary>
/// A config bound with the real modules and templates, run message by message the way a queue worker runs it
/// (statements in rule order, then the commit), in a temp directory ("{dir}" in the config text).
/// </summary>
internal sealed class ModifierPlan : IDisposable
{
    public ModifierPlan(string config)
    {
        Dir = Path.Combine(Path.GetTempPath(), "sluice-mm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
        Services = new EngineServices(new GlobalSettings(), Log, new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        Plan = new PlanBuilder(BuiltInModules.CreateRegistry(), new TemplateFactory())
            .Build(ConfigLoader.LoadText(config.Replace("{dir}", Dir), "test.conf"), Services);
    }

    public string Dir { get; }
    public RecordingLog Log { get; } = new();
    public EngineServices Services { get; }
    public RuntimePlan Plan { get; }

    /// <summary>Runs the default ruleset over <paramref name="messages"/> as one batch and commits it.</summary>
    public void Run(params Message[] messages)
    {
        var context = new RuleContext(Plan.Actions) { Render = SampleMessages.Context };
        foreach (var m in messages) Statement.ExecuteAll(Plan.DefaultRuleset.Statements, m, context);
        context.CommitAll();
    }

    public byte[] Read(string file) => System.IO.File.ReadAllBytes(Path.Combine(Dir, file));

    public string ReadText(string file) => System.Text.Encoding.UTF8.GetString(Read(file));

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
