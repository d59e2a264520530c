using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Inputs;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Outputs;
using Sluice.Engine.Runtime;
using Sluice.Engine.Submit;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Config;

/// <summary>An input module double with imtcp's name and a subset of its parameters.</summary>
internal sealed class FakeInputModule : InputModuleDefinition
{
    private readonly string _name;
    private readonly ParamSchema _moduleParams;
    private readonly ParamSchema _instanceParams;

    public FakeInputModule(string name, ParamSchema moduleParams, ParamSchema instanceParams)
    {
        _name = name;
        _moduleParams = moduleParams;
        _instanceParams = instanceParams;
    }

    public static FakeInputModule ImTcp() => new("imtcp",
        new ParamSchema(new[]
        {
            new ParamDef("MaxSessions", ParamType.Integer) { Default = 200L, Min = 1 },
            new ParamDef("workerThreads", ParamType.Integer) { Default = 2L, Min = 1, Max = 16 },
            new ParamDef("StarvationProtection.MaxReads", ParamType.Integer) { Default = 500L, Min = 0 },
            new ParamDef("KeepAlive", ParamType.Binary) { Default = false },
            new ParamDef("gnutlsPriorityString", ParamType.String) { NotSupported = true },
        }),
        new ParamSchema(new[]
        {
            new ParamDef("port", ParamType.String) { Required = true },
            new ParamDef("address", ParamType.String),
            new ParamDef("name", ParamType.String) { Default = "imtcp" },
            new ParamDef("ruleset", ParamType.String),
            new ParamDef("SupportOctetCountedFraming", ParamType.Binary) { Default = true },
            new ParamDef("MaxFrameSize", ParamType.Size) { Default = 200000L, Min = 1 },
            new ParamDef("AddtlFrameDelimiter", ParamType.Integer) { Default = -1L, Min = -1, Max = 255 },
            new ParamDef("framingfix.cisco.asa", ParamType.Binary) { NotSupported = true },
        }));

    public override string Name => _name;
    public override ParamSchema ModuleParams => _moduleParams;
    public override ParamSchema InstanceParams => _instanceParams;

    public List<FakeInput> Created { get; } = new();

    public override IInput CreateInput(ParamSet moduleParams, ParamSet inputParams, EngineServices services)
    {
        if (inputParams.GetString("port") == "0")
            throw new ConfigException(inputParams.LocationOf("port"), "imtcp: port 0 is not allowed");
        var input = new FakeInput(_name, moduleParams, inputParams, services.Globals);
        Created.Add(input);
        return input;
    }
}

internal sealed class FakeInput : IInput
{
    public FakeInput(string name, ParamSet moduleParams, ParamSet inputParams, GlobalSettings globalsAtCreation)
    {
        Name = name;
        ModuleParams = moduleParams;
        InputParams = inputParams;
        GlobalsAtCreation = globalsAtCreation;
    }

    public string Name { get; }
    public ParamSet ModuleParams { get; }
    public ParamSet InputParams { get; }
    public GlobalSettings GlobalsAtCreation { get; }
    public bool Disposed { get; private set; }

    public void Start(IMessageSubmitter submitter) => throw new InvalidOperationException("not started in config tests");
    public void Stop() { }
    public void Dispose() => Disposed = true;
}

/// <summary>An output module double with omfile's name and a subset of its parameters.</summary>
internal sealed class FakeOutputModule : OutputModuleDefinition
{
    private readonly string _name;
    private readonly bool _builtIn;

    public FakeOutputModule(string name, bool builtIn)
    {
        _name = name;
        _builtIn = builtIn;
    }

    public static FakeOutputModule OmFile() => new("omfile", builtIn: true);

    public override string Name => _name;
    public override bool IsBuiltIn => _builtIn;

    public override ParamSchema ModuleParams { get; } = new(new[]
    {
        new ParamDef("template", ParamType.String),
        new ParamDef("dirCreateMode", ParamType.FileMode) { Default = 448L },
    });

    public override ParamSchema InstanceParams { get; } = new(new[]
    {
        new ParamDef("file", ParamType.String),
        new ParamDef("dynaFile", ParamType.String) { NotSupported = true },
        new ParamDef("template", ParamType.String),
        new ParamDef("fileCreateMode", ParamType.FileMode) { Default = 420L },
        new ParamDef("sync", ParamType.Binary) { Default = false },
        new ParamDef("ioBufferSize", ParamType.Size) { Default = 4096L },
        new ParamDef("zipLevel", ParamType.Integer) { Default = 0L, Min = 0, Max = 9 },
    });

    public List<FakeOutput> Created { get; } = new();

    public override string DefaultTemplate(ParamSet moduleParams, EngineServices services)
        => moduleParams.GetString("template") ?? "RSYSLOG_FileFormat";

    public override OutputInstance CreateOutput(ParamSet moduleParams, ParamSet actionParams, Template template, EngineServices services)
    {
        var output = new FakeOutput(moduleParams, actionParams, template);
        Created.Add(output);
        return output;
    }
}

internal sealed class FakeOutput : OutputInstance
{
    public FakeOutput(ParamSet moduleParams, ParamSet actionParams, Template template)
    {
        ModuleParams = moduleParams;
        ActionParams = actionParams;
        Template = template;
    }

    public ParamSet ModuleParams { get; }
    public ParamSet ActionParams { get; }
    public Template Template { get; }
    public bool Disposed { get; private set; }

    public override OutputTransaction CreateTransaction() => throw new InvalidOperationException("not run in config tests");
    public override void Dispose() => Disposed = true;
}

/// <summary>Records what it was asked to compile; "%bad%" in a template is a compile error.</summary>
internal sealed class FakeTemplateFactory : ITemplateFactory
{
    public static readonly string[] BuiltInNames =
    {
        "RSYSLOG_FileFormat", "RSYSLOG_TraditionalFileFormat", "RSYSLOG_ForwardFormat",
        "RSYSLOG_TraditionalForwardFormat", "RSYSLOG_SyslogProtocol23Format", "RSYSLOG_DebugFormat",
    };

    public List<(string Name, string Text, SourceLocation Location)> Compiled { get; } = new();

    public Template CreateListTemplate(string name, IReadOnlyList<ListTemplateEntry> entries, TemplateOption option, SourceLocation location,
        bool caseSensitive = false)
        => CreateStringTemplate(name, $"list of {entries.Count}", location, option);

    public Template CreateStringTemplate(string name, string text, SourceLocation location, TemplateOption option = TemplateOption.None,
        bool caseSensitive = false)
    {
        int bad = text.IndexOf("%bad%", StringComparison.Ordinal);
        if (bad >= 0) throw new ConfigException(location, $"template '{name}': unknown property 'bad'");
        Compiled.Add((name, text, location));
        return new FakeTemplate(name, text);
    }

    public Template CreateLegacyTemplate(string name, string definition, SourceLocation location)
        => CreateStringTemplate(name, definition, location);

    public Template CreatePluginTemplate(string name, string plugin, SourceLocation location)
        => new FakeTemplate(name, "=" + plugin);

    public Template CreateSubtreeTemplate(string name, string subtree, SourceLocation location)
        => new FakeTemplate(name, "subtree " + subtree);

    public void AddBuiltIns(TemplateRegistry registry)
    {
        foreach (var name in BuiltInNames) registry.Add(new FakeTemplate(name, "builtin"), SourceLocation.None);
    }
}

internal sealed class FakeTemplate : Template
{
    public FakeTemplate(string name, string text) : base(name) => Text = text;

    public string Text { get; }

    public override void Render(Message message, ByteBuffer destination, in RenderContext context)
        => throw new InvalidOperationException("not rendered in config tests");
}
