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
        Assert.False(s.AsyncWriting);
        Assert.True(s.FailOnChownFailure);
        Assert.Equal(-1, s.FileOwner);
        Assert.Equal(-1, s.FileGroup);
        Assert.Equal(-1, s.DirOwner);
        Assert.Equal(-1, s.DirGroup);
        Assert.False(s.IsDynamic);
    }

    [Fact]
    public void DynaFile_defaults_are_rsyslogs()
    {
        var s = FileOutputSettings.From(_f.ModuleParams(), _f.ActionParams(("dynaFile", "t")));
        Assert.True(s.IsDynamic);
        Assert.Null(s.Path);
        Assert.Equal("t", s.DynaFileTemplate);
        Assert.Equal(10, s.DynaFileCacheSize);
        Assert.Equal(10, s.CloseTimeoutMinutes); // rsyslog: 10 minutes for dynaFiles, never for static files
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
    public void Neither_file_nor_dynaFile_is_an_error_with_rsyslogs_text()
    {
        var e = Assert.Throws<ConfigException>(() => FileOutputSettings.From(_f.ModuleParams(), _f.ActionParams(("template", "x"))));
        Assert.Contains("either the \"file\" or \"dynafile\" parameter must be given", e.Message);
    }

    [Fact]
    public void Both_file_and_dynaFile_are_refused_at_the_dynaFile_parameter()
    {
        var e = Assert.Throws<ConfigException>(() =>
            FileOutputSettings.From(_f.ModuleParams(), _f.ActionParams(("file", "/tmp/x"), ("dynaFile", "t"))));
        Assert.Contains("both \"file\" and \"dynafile\" set", e.Message);
        Assert.Equal(10, e.Errors[0].Location.Column);
    }

    [Fact]
    public void A_whitespace_only_name_is_refused_as_rsyslog_does()
    {
        var e = Assert.Throws<ConfigException>(() => FileOutputSettings.From(_f.ModuleParams(), _f.ActionParams(("file", "  "))));
        Assert.Contains("consist only of whitespace - this is not permitted", e.Message);
    }

    [Fact]
    public void Schema_has_rsyslogs_parameter_names_and_marks_unimplemented_ones()
    {
        var p = _f.Module.InstanceParams;
        foreach (var name in new[] { "file", "dynaFile", "template", "ioBufferSize", "flushOnTXEnd", "flushInterval", "asyncWriting",
                     "createDirs", "fileCreateMode", "dirCreateMode", "sync", "closeTimeout", "fileOwner", "fileOwnerNum", "fileGroup",
                     "fileGroupNum", "dirOwner", "dirOwnerNum", "dirGroup", "dirGroupNum", "failOnChOwnFailure", "dynaFileCacheSize" })
            Assert.False(p.Find(name)!.NotSupported, name);
        foreach (var name in new[] { "zipLevel", "veryRobustZip", "sig.provider", "cry.provider", "rotation.sizeLimit" })
            Assert.True(p.Find(name)!.NotSupported, name);
        Assert.False(p.Find("file")!.Required); // file or dynaFile
        Assert.Equal(10L, p.Find("dynaFileCacheSize")!.Default);
        Assert.Equal(true, p.Find("failOnChOwnFailure")!.Default);
        Assert.Equal(1, p.Find("closeTimeout")!.Min); // rsyslog: "cannot be less than one"
        Assert.Equal("flushOnTXEnd", p.Closest("flushOnTxEn"));
        Assert.Null(p.Find("umask")); // a process setting in rsyslog, not an omfile parameter
        Assert.True(_f.Module.ModuleParams.Find("compression.driver")!.NotSupported);
        foreach (var name in new[] { "template", "fileOwner", "fileOwnerNum", "fileGroup", "fileGroupNum", "dirOwner", "dirOwnerNum",
                     "dirGroup", "dirGroupNum", "fileCreateMode", "dirCreateMode", "dynafile.donotsuspend" })
            Assert.False(_f.Module.ModuleParams.Find(name)!.NotSupported, name);
    }
}
