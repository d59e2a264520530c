using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Outputs.File;

/// <summary>
/// omfile, rsyslog's built-in file output (tools/omfile.c): static files and dynaFiles. Parameter names,
/// types and defaults are rsyslog's (checked against rsyslogd 8.2302's parameter tables).
/// </summary>
public sealed class FileOutputModule : OutputModuleDefinition
{
    public const string DefaultTemplateName = "RSYSLOG_FileFormat";

    /// <summary>rsyslog's IOBUF_DFLT_SIZE.</summary>
    public const int DefaultIoBufferSize = 4096;

    /// <summary>On (rsyslog's default): a dynamic file that cannot be opened costs its message, not a suspension.</summary>
    public const string DoNotSuspend = "dynafile.donotsuspend";

    private const long Mode0644 = 420;
    private const long Mode0700 = 448;

    public override string Name => "omfile";
    public override bool IsBuiltIn => true;

    /// <summary>Owner and group of files and directories: module defaults and per-action values alike.</summary>
    private static ParamDef[] OwnershipParams() => new[]
    {
        new ParamDef("dirOwner", ParamType.String),
        new ParamDef("dirOwnerNum", ParamType.Integer) { Min = 0, Max = int.MaxValue },
        new ParamDef("dirGroup", ParamType.String),
        new ParamDef("dirGroupNum", ParamType.Integer) { Min = 0, Max = int.MaxValue },
        new ParamDef("fileOwner", ParamType.String),
        new ParamDef("fileOwnerNum", ParamType.Integer) { Min = 0, Max = int.MaxValue },
        new ParamDef("fileGroup", ParamType.String),
        new ParamDef("fileGroupNum", ParamType.Integer) { Min = 0, Max = int.MaxValue },
    };

    public override ParamSchema ModuleParams { get; } = new(OwnershipParams().Concat(new[]
    {
        new ParamDef("template", ParamType.String),
        new ParamDef("dirCreateMode", ParamType.FileMode) { Default = Mode0700 },
        new ParamDef("fileCreateMode", ParamType.FileMode) { Default = Mode0644 },
        new ParamDef(DoNotSuspend, ParamType.Binary) { Default = true },
        new ParamDef("compression.driver", ParamType.String) { NotSupported = true },
        new ParamDef("compression.zstd.workers", ParamType.Integer) { NotSupported = true },
    }));

    public override ParamSchema InstanceParams { get; } = new(OwnershipParams().Concat(new[]
    {
        new ParamDef("file", ParamType.String),
        new ParamDef("dynaFile", ParamType.String),
        new ParamDef("template", ParamType.String),
        new ParamDef("ioBufferSize", ParamType.Size) { Default = (long)DefaultIoBufferSize, Min = 1, Max = 1L << 30 },
        new ParamDef("flushOnTXEnd", ParamType.Binary) { Default = true },
        new ParamDef("flushInterval", ParamType.Integer) { Default = 1L, Min = 0 },
        new ParamDef("asyncWriting", ParamType.Binary) { Default = false },
        new ParamDef("createDirs", ParamType.Binary) { Default = true },
        new ParamDef("fileCreateMode", ParamType.FileMode),
        new ParamDef("dirCreateMode", ParamType.FileMode),
        new ParamDef("sync", ParamType.Binary) { Default = false },
        new ParamDef("closeTimeout", ParamType.Integer) { Min = 1 },
        new ParamDef("failOnChOwnFailure", ParamType.Binary) { Default = true },
        // rsyslog accepts 0 and then has no cache slot at all; Sluice asks for at least one.
        new ParamDef("dynaFileCacheSize", ParamType.Integer) { Default = (long)FileOutputSettings.DefaultDynaFileCacheSize, Min = 1, Max = 1_000_000 },
        new ParamDef("zipLevel", ParamType.Integer) { NotSupported = true },
        new ParamDef("veryRobustZip", ParamType.Binary) { NotSupported = true },
        new ParamDef("sig.provider", ParamType.String) { NotSupported = true },
        new ParamDef("cry.provider", ParamType.String) { NotSupported = true },
        new ParamDef("rotation.sizeLimit", ParamType.Size) { NotSupported = true },
        new ParamDef("rotation.sizeLimitCommand", ParamType.String) { NotSupported = true },
    }));

    /// <summary>module(template=…) if given, else RSYSLOG_FileFormat (omfile.c getDfltTpl).</summary>
    public override string DefaultTemplate(ParamSet moduleParams, EngineServices services) =>
        moduleParams.GetString("template") ?? DefaultTemplateName;

    public override OutputInstance CreateOutput(ParamSet moduleParams, ParamSet actionParams, Template template, EngineServices services)
    {
        var settings = FileOutputSettings.From(moduleParams, actionParams);
        if (!settings.IsDynamic) return new FileOutput(settings, template, services.Log);

        if (!moduleParams.GetBool(DoNotSuspend))
            throw Error(moduleParams, DoNotSuspend, $"omfile: {DoNotSuspend}=\"off\" (suspending the action when a dynamic file cannot be opened) is not supported yet");
        string name = settings.DynaFileTemplate!;
        var pathTemplate = services.Templates.Find(name);
        if (pathTemplate is null)
        {
            string? closest = NameSuggester.Closest(name, services.Templates.Names);
            throw Error(actionParams, "dynaFile", $"omfile: the dynaFile template '{name}' is not defined" +
                                                   (closest is null ? "" : $" (did you mean '{closest}'?)"));
        }
        return new DynaFileOutput(settings, template, pathTemplate, services.Log, services.Stats);
    }

    internal static ConfigException Error(ParamSet p, string param, string message) => new(p.LocationOf(param), message);
}
