using Sluice.Engine.Config;
using Sluice.Engine.Outputs.File;

namespace Sluice.Tests.Outputs.File;

/// <summary>
/// fileOwner/fileGroup/dirOwner/dirGroup and the create modes. The tests run as root (the project's machines do), so
/// every chown succeeds; nobody/nogroup (65534) and adm (4) exist on Debian.
/// </summary>
public class OwnershipTests : IDisposable
{
    private readonly FileOutputFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static string Owner(string path) => FileOutputFixture.OwnerOf(path);

    [Fact]
    public void The_tests_run_as_root()
    {
        Assert.Equal("root", Environment.UserName);
    }

    [Fact]
    public void Module_defaults_as_in_the_seed_article_own_new_files_and_directories()
    {
        // module(load="builtin:omfile" FileOwner=… FileGroup=… dirOwner=… dirGroup=… FileCreateMode="0640" DirCreateMode="0755")
        var module = _f.ModuleParams(("fileOwner", "nobody"), ("fileGroup", "adm"), ("dirOwner", "nobody"), ("dirGroup", "nogroup"),
            ("fileCreateMode", 416L), ("dirCreateMode", 493L));
        Directory.CreateDirectory(_f.PathOf("srv"));
        using var output = _f.CreateDyna("{dir}/srv/%programname%/x/app.log", module);
        FileOutputFixture.CommitMessages(output, FileOutputFixture.Line("one"));

        Assert.Equal("65534:4", Owner(_f.PathOf("srv/app/x/app.log")));
        Assert.Equal("65534:65534", Owner(_f.PathOf("srv/app/x")));
        Assert.Equal("65534:65534", Owner(_f.PathOf("srv/app")));
        Assert.Equal("0:0", Owner(_f.PathOf("srv"))); // existed before: not ours to change
        Assert.Equal(_f.AfterUmask((UnixFileMode)416), System.IO.File.GetUnixFileMode(_f.PathOf("srv/app/x/app.log")));
        Assert.Equal(_f.AfterUmask((UnixFileMode)493), System.IO.File.GetUnixFileMode(_f.PathOf("srv/app")));
        Assert.Equal(FileOutputFixture.Expected("one"), _f.Read("srv/app/x/app.log"));
    }

    [Fact]
    public void An_existing_file_keeps_its_owner()
    {
        System.IO.File.WriteAllText(_f.PathOf("existing.log"), "old\n");
        using var output = _f.Create("existing.log", ("fileOwner", "nobody"), ("fileGroup", "nogroup"));
        FileOutputFixture.Commit(output, "new");
        Assert.Equal("0:0", Owner(_f.PathOf("existing.log")));
        Assert.Equal("old\n" + FileOutputFixture.Expected("new"), _f.Read("existing.log"));
    }

    [Fact]
    public void Action_values_override_the_module_and_numbers_need_no_account()
    {
        var module = _f.ModuleParams(("fileOwner", "nobody"), ("dirGroup", "adm"));
        using var output = _f.CreateDyna("{dir}/d/%programname%.log", module, ("fileOwnerNum", 1234L), ("fileGroupNum", 4321L),
            ("dirOwnerNum", 2345L));
        FileOutputFixture.CommitMessages(output, FileOutputFixture.Line("x"));
        Assert.Equal("1234:4321", Owner(_f.PathOf("d/app.log")));
        Assert.Equal("2345:4", Owner(_f.PathOf("d"))); // dirGroup comes from the module
    }

    [Fact]
    public void A_static_file_gets_its_owner_too()
    {
        using var output = _f.Create("static/owned.log", ("fileGroup", "adm"), ("dirOwnerNum", 42L));
        FileOutputFixture.Commit(output, "x");
        Assert.Equal("0:4", Owner(_f.PathOf("static/owned.log"))); // the owner is left as created (root)
        Assert.Equal("42:0", Owner(_f.PathOf("static")));
    }

    [Fact]
    public void A_file_recreated_after_reopen_gets_the_owner_again()
    {
        using var output = _f.Create("rot.log", ("fileOwner", "nobody"));
        FileOutputFixture.Commit(output, "a");
        System.IO.File.Move(_f.PathOf("rot.log"), _f.PathOf("rot.log.1"));
        output.Reopen();
        FileOutputFixture.Commit(output, "b");
        Assert.Equal("65534:0", Owner(_f.PathOf("rot.log")));
        Assert.Equal(FileOutputFixture.Expected("b"), _f.Read("rot.log"));
    }

    [Fact]
    public void Unknown_users_and_groups_are_configuration_errors_at_their_parameter()
    {
        var e = Assert.Throws<ConfigException>(() =>
            FileOutputSettings.From(_f.ModuleParams(), _f.ActionParams(("file", "/tmp/x"), ("fileOwner", "no-such-user-sluice"))));
        Assert.Contains("parameter 'fileOwner': ID for user 'no-such-user-sluice' could not be found", e.Message);
        Assert.Equal(10, e.Errors[0].Location.Column);

        e = Assert.Throws<ConfigException>(() =>
            FileOutputSettings.From(_f.ModuleParams(("dirGroup", "no-such-group-sluice")), _f.ActionParams(("file", "/tmp/x"))));
        Assert.Contains("parameter 'dirGroup': ID for group 'no-such-group-sluice' could not be found", e.Message);
    }

    [Fact]
    public void Names_resolve_to_their_ids_and_failOnChownFailure_defaults_on()
    {
        var s = FileOutputSettings.From(_f.ModuleParams(("dirOwner", "root")),
            _f.ActionParams(("file", "/tmp/x"), ("fileOwner", "nobody"), ("fileGroup", "nogroup"), ("failOnChOwnFailure", false)));
        Assert.Equal(65534, s.FileOwner);
        Assert.Equal(65534, s.FileGroup);
        Assert.Equal(0, s.DirOwner);
        Assert.Equal(-1, s.DirGroup);
        Assert.False(s.FailOnChownFailure);
        Assert.True(FileOutputSettings.From(_f.ModuleParams(), _f.ActionParams(("file", "/tmp/x"))).FailOnChownFailure);
    }
}
