using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Outputs.Forward;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Outputs.Forward;

/// <summary>Builds omfwd actions the way the config binder does, with a recording log and their own stats.</summary>
public sealed class ForwardTestKit
{
    /// <summary>Renders the received line as it is, so what arrives can be compared byte for byte.</summary>
    public const string RawTemplate = "%rawmsg%";

    public ForwardTestKit(GlobalSettings? globals = null)
    {
        Templates = new TemplateRegistry();
        new TemplateFactory().AddBuiltIns(Templates);
        Services = new EngineServices(globals ?? new GlobalSettings(), Log, new MessagePool(), Stats, Templates);
    }

    public RecordingLog Log { get; } = new();
    public StatsRegistry Stats { get; } = new();
    public TemplateRegistry Templates { get; }
    public EngineServices Services { get; }
    public ForwardOutputModule Module { get; } = new();

    public ParamSet Params(params (string Name, object Value)[] values)
    {
        var set = new ParamSet(Module.InstanceParams, new SourceLocation("test.conf", 1, 1));
        foreach (var (name, value) in values) set.Set(name, value, new SourceLocation("test.conf", 1, 10));
        return set;
    }

    /// <summary>An omfwd action; <paramref name="templateText"/> null = the module's default template.</summary>
    public ForwardOutput Create(string? templateText, params (string Name, object Value)[] values)
    {
        var module = new ParamSet(Module.ModuleParams, new SourceLocation("test.conf", 1, 1));
        var template = templateText is null
            ? Templates.Find(Module.DefaultTemplate(module, Services))!
            : new TemplateFactory().CreateStringTemplate("t", templateText, new SourceLocation("test.conf", 1, 1));
        return (ForwardOutput)Module.CreateOutput(module, Params(values), template, Services);
    }

    public TcpForwardOutput Tcp(int port, params (string Name, object Value)[] values) =>
        (TcpForwardOutput)Create(RawTemplate, [("target", "127.0.0.1"), ("port", port.ToString()), ("protocol", "tcp"), .. values]);

    public static Message Line(string raw) => SampleMessages.Parse(raw);

    /// <summary>Numbered test lines: "&lt;13&gt;Oct 11 22:14:15 host app: {tag} #{i} …" with padding that varies in length.</summary>
    public static string[] Lines(string tag, int from, int count)
    {
        var lines = new string[count];
        for (int i = 0; i < count; i++)
        {
            int n = from + i;
            lines[i] = $"<13>Oct 11 22:14:15 host app: {tag} #{n:D6} {new string((char)('a' + n % 26), n * 7 % 90)}";
        }
        return lines;
    }

    public static ActionResult Commit(OutputInstance output, params string[] rawLines)
    {
        var tx = output.CreateTransaction();
        foreach (var l in rawLines) Assert.Equal(ActionResult.Ok, tx.Add(Line(l), SampleMessages.Context));
        return tx.Commit();
    }
}
