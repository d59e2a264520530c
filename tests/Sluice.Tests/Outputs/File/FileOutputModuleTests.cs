using Sluice.Engine.Config;
using Sluice.Engine.Outputs.File;

namespace Sluice.Tests.Outputs.File;

public class FileOutputModuleTests : IDisposable
{
    private readonly FileOutputFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Is_the_builtin_omfile()
    {
        Assert.Equal("omfile", _f.Module.Name);
        Assert.True(_f.Module.IsBuiltIn);
    }

    [Fact]
    public void Default_template_is_RSYSLOG_FileFormat_unless_the_module_sets_one()
    {
        Assert.Equal("RSYSLOG_FileFormat", _f.Module.DefaultTemplate(_f.ModuleParams(), _f.Services));
        Assert.Equal("RSYSLOG_TraditionalFileFormat",
            _f.Module.DefaultTemplate(_f.ModuleParams(("template", "RSYSLOG_TraditionalFileFormat")), _f.Services));
    }

    [Fact]
    public void Defaults_are_rsyslogs()
    {
        using var output = _f.Create("d");
        var s = output.Settings;
        Assert.Equal(4096, s.IoBufferSize);
        Assert.True(s.FlushOnTxEnd);
        Assert.Equal(1, s.FlushIntervalSeconds);
        Assert.True(s.CreateDirs);
        Assert.Equal((UnixFileMode)420, s.FileCreateMode); // 0644
        Assert.Equal((UnixFileMode)448, s.DirCreateMode);  // 0700
        Assert.False(s.Sync);
        Assert.Equal(0, s.CloseTimeoutMinutes);
    }

    [Fact]
    public void Module_create_modes_apply_unless_the_action_overrides_them()
    {
        var module = _f.ModuleParams(("fileCreateMode", 384L), ("dirCreateMode", 493L));
        var s1 = FileOutputSettings.From(module, _f.ActionParams(("file", "/tmp/x")));
        Assert.Equal((UnixFileMode)384, s1.FileCreateMode);
        Assert.Equal((UnixFileMode)493, s1.DirCreateMode);
        var s2 = FileOutputSettings.From(module, _f.ActionParams(("file", "/tmp/x"), ("fileCreateMode", 416L)));
        Assert.Equal((UnixFileMode)416, s2.FileCreateMode);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_working_directory()
    {
        var s = FileOutputSettings.From(_f.ModuleParams(), _f.ActionParams(("file", "logs/app.log")));
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "logs", "app.log"), s.Path);
    }

    [Fact]
    public void AsyncWriting_on_is_rejected_with_its_location()
    {
        var action = _f.ActionParams(("file", "/tmp/x"), ("asyncWriting", true));
        var e = Assert.Throws<ConfigException>(() => FileOutputSettings.From(_f.ModuleParams(), action));
        Assert.Contains("asyncWriting", e.Message);
        Assert.Contains("not supported yet", e.Message);
        Assert.Equal(10, e.Errors[0].Location.Column);
    }

    [Fact]
    public void Schema_has_rsyslogs_parameter_names_and_marks_unimplemented_ones()
    {
        var p = _f.Module.InstanceParams;
        Assert.True(p.Find("file")!.Required);
        foreach (var name in new[] { "template", "ioBufferSize", "flushOnTXEnd", "flushInterval", "asyncWriting", "createDirs",
                     "fileCreateMode", "dirCreateMode", "sync", "closeTimeout" })
            Assert.False(p.Find(name)!.NotSupported, name);
        foreach (var name in new[] { "dynaFile", "fileOwner", "fileOwnerNum", "fileGroup", "fileGroupNum", "dirOwner",
                     "dirOwnerNum", "dirGroup", "dirGroupNum", "failOnChOwnFailure", "zipLevel", "veryRobustZip",
                     "dynaFileCacheSize", "sig.provider", "cry.provider", "rotation.sizeLimit" })
            Assert.True(p.Find(name)!.NotSupported, name);
        Assert.Equal(1, p.Find("closeTimeout")!.Min); // rsyslog: "cannot be less than one"
        Assert.Equal("flushOnTXEnd", p.Closest("flushOnTxEn"));
        Assert.Null(p.Find("umask")); // a process setting in rsyslog, not an omfile parameter
        Assert.True(_f.Module.ModuleParams.Find("compression.driver")!.NotSupported);
    }
}
