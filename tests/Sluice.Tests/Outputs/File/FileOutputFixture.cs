using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Outputs.File;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Outputs.File;

/// <summary>A temporary directory and helpers to build omfile actions the way the config binder does.</summary>
public sealed class FileOutputFixture : IDisposable
{
    public FileOutputFixture()
    {
        Dir = Path.Combine(Path.GetTempPath(), "sluice-omfile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
        Templates = new TemplateRegistry();
        new TemplateFactory().AddBuiltIns(Templates);
        Services = new EngineServices(new GlobalSettings(), Log, new MessagePool(), new StatsRegistry(), Templates);
    }

    public string Dir { get; }
    public RecordingLog Log { get; } = new();
    public TemplateRegistry Templates { get; }
    public EngineServices Services { get; }
    public FileOutputModule Module { get; } = new();

    public string PathOf(string name) => Path.Combine(Dir, name);

    /// <summary>What the process umask leaves of <paramref name="mode"/> (probed by creating a 0777 file).</summary>
    public UnixFileMode AfterUmask(UnixFileMode mode)
    {
        string probe = PathOf("umask-probe-" + Guid.NewGuid().ToString("N"));
        using (new FileStream(probe, new FileStreamOptions
               {
                   Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = (UnixFileMode)511,
               }))
        {
        }
        var allowed = System.IO.File.GetUnixFileMode(probe);
        System.IO.File.Delete(probe);
        return mode & allowed;
    }

    public ParamSet ModuleParams(params (string Name, object Value)[] values) => Params(Module.ModuleParams, values);

    public ParamSet ActionParams(params (string Name, object Value)[] values) => Params(Module.InstanceParams, values);

    private static ParamSet Params(ParamSchema schema, (string Name, object Value)[] values)
    {
        var set = new ParamSet(schema, new SourceLocation("test.conf", 1, 1));
        foreach (var (name, value) in values) set.Set(name, value, new SourceLocation("test.conf", 1, 10));
        return set;
    }

    /// <summary>An omfile action with the template the module would pick, created like the binder does.</summary>
    public FileOutput Create(string file, params (string Name, object Value)[] values)
    {
        var all = values.Prepend(("file", (object)PathOf(file))).ToArray();
        var module = ModuleParams();
        var action = ActionParams(all);
        var template = Templates.Find(action.GetString("template") ?? Module.DefaultTemplate(module, Services))!;
        return (FileOutput)Module.CreateOutput(module, action, template, Services);
    }

    /// <summary>
    /// A dynaFile action whose path template is the string template <paramref name="pathTemplate"/> ("{dir}" stands
    /// for the temp directory), created like the binder does.
    /// </summary>
    public DynaFileOutput CreateDyna(string pathTemplate, params (string Name, object Value)[] values) =>
        CreateDyna(pathTemplate, ModuleParams(), values);

    public DynaFileOutput CreateDyna(string pathTemplate, ParamSet module, params (string Name, object Value)[] values)
    {
        var location = new SourceLocation("test.conf", 1, 1);
        return CreateDyna(new TemplateFactory().CreateStringTemplate("dyn" + (++_templates), pathTemplate.Replace("{dir}", Dir), location),
            module, values);
    }

    /// <summary>A dynaFile action with <paramref name="pathTemplate"/> registered under its name.</summary>
    public DynaFileOutput CreateDyna(Template pathTemplate, ParamSet module, params (string Name, object Value)[] values)
    {
        string name = pathTemplate.Name;
        Templates.Add(pathTemplate, new SourceLocation("test.conf", 1, 1));
        var action = ActionParams(values.Prepend(("dynaFile", (object)name)).ToArray());
        var template = Templates.Find(action.GetString("template") ?? Module.DefaultTemplate(module, Services))!;
        return (DynaFileOutput)Module.CreateOutput(module, action, template, Services);
    }

    private int _templates;

    /// <summary>"uid:gid" of <paramref name="path"/> (stat(1): .NET has no API for a file's owner).</summary>
    public static string OwnerOf(string path)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%u:%g", path]) { RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        string text = p.StandardOutput.ReadToEnd().Trim();
        Assert.True(p.WaitForExit(30_000), "stat did not finish");
        return text;
    }

    /// <summary>Commits <paramref name="messages"/> as one transaction and returns the Add results.</summary>
    public static ActionResult[] CommitMessages(OutputInstance output, params Message[] messages)
    {
        var tx = output.CreateTransaction();
        var results = messages.Select(m => tx.Add(m, SampleMessages.Context)).ToArray();
        Assert.Equal(ActionResult.Ok, tx.Commit());
        return results;
    }

    /// <summary>A legacy message whose MSG is <paramref name="text"/>; rendered by RSYSLOG_FileFormat as "... host app: text\n".</summary>
    public static Message Line(string text) => SampleMessages.Parse("<13>Oct 11 22:14:15 host app: " + text);

    public static string Expected(string text) => "2026-10-11T22:14:15+00:00 host app: " + text + "\n";

    public static ActionResult Commit(OutputInstance output, params string[] texts)
    {
        var tx = output.CreateTransaction();
        foreach (var t in texts) Assert.Equal(ActionResult.Ok, tx.Add(Line(t), SampleMessages.Context));
        return tx.Commit();
    }

    public string Read(string file) => System.IO.File.Exists(PathOf(file)) ? System.IO.File.ReadAllText(PathOf(file)) : "<missing>";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
