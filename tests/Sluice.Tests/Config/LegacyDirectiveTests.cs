using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Inputs.Tcp;
using Sluice.Engine.Inputs.Udp;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Outputs.File;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Config;

/// <summary>
/// Legacy $-directives of omfile, omfwd, imtcp and imudp, bound with the real modules. The expected behaviour was
/// checked with rsyslogd 8.2302 (files it created, -N1 messages).
/// </summary>
public sealed class LegacyDirectiveTests : IDisposable
{
    private readonly List<RuntimePlan> _plans = new();

    public void Dispose()
    {
        foreach (var p in _plans)
        {
            foreach (var i in p.Inputs) i.Dispose();
            foreach (var a in p.Actions) a.Output.Dispose();
        }
    }

    private RuntimePlan Build(string text)
    {
        var services = new EngineServices(new GlobalSettings(), new RecordingLog(), new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        var plan = new PlanBuilder(BuiltInModules.CreateRegistry(), new TemplateFactory()).Build(ConfigLoader.LoadText(text, "test.conf"), services);
        _plans.Add(plan);
        return plan;
    }

    private List<string> Errors(string text) => Assert.Throws<ConfigException>(() => Build(text)).Errors.Select(e => e.ToString()).ToList();

    private static FileOutputSettings File(RuntimePlan plan, int index) => Assert.IsType<FileOutput>(plan.Actions[index].Output).Settings;

    [Fact]
    public void Omfile_settings_apply_to_the_legacy_file_actions_after_them_until_reset()
    {
        var plan = Build(
            "*.* /tmp/sluice-legacy/a\n" +
            "$FileCreateMode 0600\n$DirCreateMode 0750\n$CreateDirs off\n$FailOnChownFailure off\n$FileOwnerNum 1234\n$DirGroupNum 42\n" +
            "*.* /tmp/sluice-legacy/b\n" +
            "action(type=\"omfile\" file=\"/tmp/sluice-legacy/c\")\n" +
            "$ResetConfigVariables\n" +
            "*.* /tmp/sluice-legacy/d\n");

        Assert.Equal((UnixFileMode)420, File(plan, 0).FileCreateMode);
        var b = File(plan, 1);
        Assert.Equal((UnixFileMode)384, b.FileCreateMode); // 0600
        Assert.Equal((UnixFileMode)488, b.DirCreateMode);  // 0750
        Assert.False(b.CreateDirs);
        Assert.False(b.FailOnChownFailure);
        Assert.Equal(1234, b.FileOwner);
        Assert.Equal(42, b.DirGroup);
        Assert.Equal((UnixFileMode)420, File(plan, 2).FileCreateMode); // action() objects do not take legacy settings
        Assert.True(File(plan, 2).CreateDirs);
        Assert.Equal((UnixFileMode)420, File(plan, 3).FileCreateMode);
        Assert.Equal(Sluice.Native.Ownership.Unchanged, File(plan, 3).FileOwner);
    }

    [Fact]
    public void Default_template_directives_change_the_default_of_later_actions_of_both_forms()
    {
        var plan = Build(
            "*.* /tmp/sluice-legacy/a\n" +
            "$ActionFileDefaultTemplate RSYSLOG_TraditionalFileFormat\n" +
            "*.* /tmp/sluice-legacy/b\n" +
            "action(type=\"omfile\" file=\"/tmp/sluice-legacy/c\")\n" +
            "*.* /tmp/sluice-legacy/d;RSYSLOG_FileFormat\n" +
            "*.* @192.0.2.1\n" +
            "$ActionForwardDefaultTemplate RSYSLOG_ForwardFormat\n" +
            "*.* @192.0.2.1\n" +
            "action(type=\"omfwd\" target=\"192.0.2.1\")\n");

        Assert.Equal(new[]
        {
            "RSYSLOG_FileFormat", "RSYSLOG_TraditionalFileFormat", "RSYSLOG_TraditionalFileFormat", "RSYSLOG_FileFormat",
            "RSYSLOG_TraditionalForwardFormat", "RSYSLOG_ForwardFormat", "RSYSLOG_ForwardFormat",
        }, plan.Actions.Select(a => a.Template!.Name));
    }

    [Fact]
    public void A_default_template_set_by_module_cannot_be_changed_by_the_directive()
    {
        Assert.Equal(new[]
        {
            "test.conf:2:1: omfile: default template already set via module global parameter - can no longer be changed (module(template=…) at test.conf:1:39)",
            "test.conf:4:5: the default template 'NoSuchTemplate' of omfwd is not defined",
        }, Errors("module(load=\"builtin:omfile\" template=\"RSYSLOG_FileFormat\")\n$ActionFileDefaultTemplate RSYSLOG_TraditionalFileFormat\n" +
                  "$ActionForwardDefaultTemplate NoSuchTemplate\n*.* @192.0.2.1\n"));
    }

    [Fact]
    public void Imtcp_directives_create_listeners_with_rsyslogs_split_of_module_and_listener_settings()
    {
        var plan = Build(
            "$ModLoad imtcp\n" +
            "$InputTCPServerInputName first\n" +
            "$InputTCPServerRun 10514\n" +
            "$InputTCPServerInputName second\n" +
            "$InputTCPServerSupportOctetCountedFraming off\n" +
            "$InputTCPServerRun\n" +
            "$InputTCPMaxSessions 500\n" + // module-wide: applies to both, wherever it stands
            "$InputTCPServerKeepAlive on\n" +
            "*.* /tmp/sluice-legacy/a\n");

        var first = Assert.IsType<TcpInput>(plan.Inputs[0]).Config;
        var second = Assert.IsType<TcpInput>(plan.Inputs[1]).Config;
        Assert.Equal(("10514", "first", 500, true), (first.Port, first.InputName, first.MaxSessions, first.KeepAlive));
        Assert.Equal(("10514", "second", 500, true), (second.Port, second.InputName, second.MaxSessions, second.KeepAlive));
    }

    [Fact]
    public void ResetConfigVariables_resets_the_listener_and_module_wide_input_settings()
    {
        var plan = Build("$ModLoad imtcp\n$InputTCPMaxSessions 500\n$InputTCPServerInputName named\n$ResetConfigVariables\n" +
                         "$InputTCPServerRun 10514\n*.* /tmp/x\n");
        var config = Assert.IsType<TcpInput>(Assert.Single(plan.Inputs)).Config;
        Assert.Equal(("imtcp", 200), (config.InputName, config.MaxSessions));
    }

    [Fact]
    public void Input_directives_need_their_module_and_module_wide_ones_are_refused_after_module()
    {
        Assert.Equal(new[]
        {
            "test.conf:1:1: invalid or yet-unknown config file command 'InputTCPServerRun' - have you forgotten to load a module? (it belongs to imtcp: put \"$ModLoad imtcp\" before this line)",
            "test.conf:2:1: invalid or yet-unknown config file command 'UDPServerRun' - have you forgotten to load a module? (it belongs to imudp: put \"$ModLoad imudp\" before this line)",
            "test.conf:4:1: command 'InputTCPMaxSessions' is currently not permitted - did you already set it via a RainerScript command (v6+ config)? (imtcp was loaded with module() at test.conf:3:1: set 'maxSessions' there)",
            "test.conf:5:43: directive '$InputTCPServerSupportOctetCountedFraming' must be \"on\" or \"off\", not \"maybe\"",
        }, Errors("$InputTCPServerRun 514\n$UDPServerRun 514\nmodule(load=\"imtcp\")\n$InputTCPMaxSessions 10\n$InputTCPServerSupportOctetCountedFraming maybe\n*.* /tmp/x\n"));
    }

    [Fact]
    public void Imudp_directives_create_listeners()
    {
        var plan = Build("$ModLoad imudp\n$UDPServerTimeRequery 5\n$UDPServerAddress 127.0.0.1\n$UDPServerRun 10514\n$UDPServerAddress *\n$UDPServerRun 10515\n*.* /tmp/x\n");

        var a = Assert.IsType<UdpInput>(plan.Inputs[0]).Config;
        var b = Assert.IsType<UdpInput>(plan.Inputs[1]).Config;
        Assert.Equal(("10514", "127.0.0.1", 5), (a.Ports[0], a.Address, a.TimeRequery));
        Assert.Equal(("10515", (string?)null), (b.Ports[0], b.Address));
    }

    [Fact]
    public void Global_directives()
    {
        var plan = Build("$RepeatedMsgReduction off\n$Umask 0027\n$MaxMessageSize 64k\n$PreserveFQDN on\n$WorkDirectory /tmp/\n*.* /tmp/x\n");

        Assert.Equal(0x17, plan.Globals.Umask); // 0027
        Assert.Equal(65536, plan.Globals.MaxMessageSize);
        Assert.True(plan.Globals.PreserveFqdn);
        Assert.Equal("/tmp", plan.Globals.WorkDirectory);
        Assert.Equal(0x1F, Build("global(umask=\"0037\")\n*.* /tmp/x\n").Globals.Umask);
        Assert.Null(Build("*.* /tmp/x\n").Globals.Umask);
        Assert.False(plan.Globals.ReduceRepeatMessages);
        // Global, and the last value wins wherever it stands (rsyslogd 8.2302 reads it when the inputs start).
        Assert.True(Build("*.* /tmp/x\n$RepeatedMsgReduction on\n").Globals.ReduceRepeatMessages);
        Assert.False(Build("$RepeatedMsgReduction on\n*.* /tmp/x\n$RepeatedMsgReduction off\n").Globals.ReduceRepeatMessages);
    }

    [Fact]
    public void Unknown_and_unsupported_directives_are_errors_that_say_which()
    {
        Assert.Equal(string.Join("\n", new[]
        {
            "test.conf:1:23: directive '$RepeatedMsgReduction' must be \"on\" or \"off\", not \"maybe\"",
            "test.conf:2:1: invalid or yet-unknown config file command 'FileCreatMode' - have you forgotten to load a module? (did you mean '$FileCreateMode'?)",
            "test.conf:3:1: invalid or yet-unknown config file command 'Frobnicate' - have you forgotten to load a module?",
            "test.conf:4:1: legacy directive '$OMFileZipLevel' is not supported yet",
            "test.conf:5:1: legacy directive '$PrivDropToUser' is not supported yet",
            "test.conf:6:10: module 'imfile' is not supported by Sluice yet",
            "test.conf:7:10: module 'imfoo' is not known (did you mean 'imdoor'?)",
        }), string.Join("\n", Errors("$RepeatedMsgReduction maybe\n$FileCreatMode 0640\n$Frobnicate 1\n$OMFileZipLevel 9\n$PrivDropToUser syslog\n$ModLoad imfile\n$ModLoad imfoo\n*.* /tmp/x\n")));
    }

    [Fact]
    public void Dynafile_legacy_actions_name_the_path_template_and_sync_follows_ActionFileEnableSync()
    {
        var plan = Build(
            "$template DynPath,\"/tmp/sluice-legacy/%programname%.log\"\n" +
            "$ActionFileEnableSync on\n" +
            "*.* ?DynPath\n" +
            "*.* -?DynPath;RSYSLOG_TraditionalFileFormat\n" +
            "*.* /tmp/sluice-legacy/synced\n" +
            "*.* -/tmp/sluice-legacy/not-synced\n");

        var dyn = Assert.IsType<DynaFileOutput>(plan.Actions[0].Output);
        Assert.Equal("DynPath", dyn.Settings.DynaFileTemplate);
        Assert.True(dyn.Settings.Sync);
        Assert.False(Assert.IsType<DynaFileOutput>(plan.Actions[1].Output).Settings.Sync);
        Assert.Equal("RSYSLOG_TraditionalFileFormat", plan.Actions[1].Template!.Name);
        Assert.True(File(plan, 2).Sync);
        Assert.False(File(plan, 3).Sync);

        Assert.Equal(new[]
        {
            "test.conf:1:6: omfile: the dynaFile template 'NoSuch' is not defined",
            "test.conf:2:6: a file name or, after '?', a template name is missing",
        }, Errors("*.* ?NoSuch\n*.* ?;RSYSLOG_FileFormat\n"));
    }

    [Fact]
    public void ModLoad_accepts_the_shared_object_file_name()
    {
        var plan = Build("$ModLoad imtcp.so\n$InputTCPServerRun 10514\n*.* /tmp/x\n");
        Assert.IsType<TcpInput>(Assert.Single(plan.Inputs));
    }
}
