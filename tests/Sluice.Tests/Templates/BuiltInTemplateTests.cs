using Sluice.Engine.Config;
using Sluice.Engine.Templates;
using Sluice.Engine.Templates.BuiltIn;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Templates;

public class BuiltInTemplateTests
{
    private static TemplateRegistry Registry()
    {
        var registry = new TemplateRegistry();
        new TemplateFactory().AddBuiltIns(registry);
        return registry;
    }

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in new[]
                 {
                     BuiltInTemplates.FileFormat, BuiltInTemplates.TraditionalFileFormat, BuiltInTemplates.ForwardFormat,
                     BuiltInTemplates.TraditionalForwardFormat, BuiltInTemplates.SysklogdFileFormat,
                     BuiltInTemplates.SyslogProtocol23Format, BuiltInTemplates.SyslogRFC5424Format,
                 })
            for (int i = 0; i < 7; i++) data.Add(name, i);
        return data;
    }

    private static string[] Expected(string name) => name switch
    {
        BuiltInTemplates.FileFormat => RsyslogCaptures.FileFormat,
        BuiltInTemplates.TraditionalFileFormat => RsyslogCaptures.TraditionalFileFormat,
        BuiltInTemplates.ForwardFormat => RsyslogCaptures.ForwardFormat,
        BuiltInTemplates.TraditionalForwardFormat => RsyslogCaptures.TraditionalForwardFormat,
        BuiltInTemplates.SysklogdFileFormat => RsyslogCaptures.SysklogdFileFormat,
        BuiltInTemplates.SyslogProtocol23Format => RsyslogCaptures.SyslogProtocol23Format,
        BuiltInTemplates.SyslogRFC5424Format => RsyslogCaptures.SyslogRFC5424Format,
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_like_rsyslog(string name, int sample)
    {
        var template = Registry().Find(name);
        Assert.NotNull(template);
        Assert.Equal(Expected(name)[sample], SampleMessages.Render(template, SampleMessages.All()[sample]));
    }

    [Fact]
    public void Registers_every_builtin_under_its_exact_name()
    {
        var names = Registry().Names.ToHashSet();
        Assert.Contains("RSYSLOG_FileFormat", names);
        Assert.Contains("RSYSLOG_TraditionalFileFormat", names);
        Assert.Contains("RSYSLOG_ForwardFormat", names);
        Assert.Contains("RSYSLOG_TraditionalForwardFormat", names);
        Assert.Contains("RSYSLOG_SysklogdFileFormat", names);
        Assert.Contains("RSYSLOG_SyslogProtocol23Format", names);
        Assert.Contains("RSYSLOG_SyslogRFC5424Format", names);
        Assert.Contains("RSYSLOG_DebugFormat", names);
        Assert.Null(Registry().Find("rsyslog_fileformat")); // template names are case-sensitive
    }

    [Fact]
    public void File_and_forward_formats_are_the_hand_written_renderers()
    {
        var registry = Registry();
        Assert.IsType<FileFormatTemplate>(registry.Find(BuiltInTemplates.FileFormat));
        Assert.IsType<FileFormatTemplate>(registry.Find(BuiltInTemplates.TraditionalFileFormat));
        Assert.IsType<ForwardFormatTemplate>(registry.Find(BuiltInTemplates.ForwardFormat));
        Assert.IsType<ForwardFormatTemplate>(registry.Find(BuiltInTemplates.TraditionalForwardFormat));
    }

    [Fact]
    public void Hand_written_file_format_matches_its_string_equivalent_when_msg_is_not_empty()
    {
        // rsyslog documents the strgens by these strings; they differ only for an empty MSG (sample 7).
        var factory = new TemplateFactory();
        var asString = factory.CreateStringTemplate("x",
            "%TIMESTAMP:::date-rfc3339% %HOSTNAME% %syslogtag%%msg:::sp-if-no-1st-sp%%msg:::drop-last-lf%\n", SourceLocation.None);
        var strgen = Registry().Find(BuiltInTemplates.FileFormat)!;
        var samples = SampleMessages.All();
        for (int i = 0; i < 6; i++)
            Assert.Equal(SampleMessages.Render(asString, samples[i]), SampleMessages.Render(strgen, samples[i]));
        Assert.NotEqual(SampleMessages.Render(asString, samples[6]), SampleMessages.Render(strgen, samples[6]));
    }

    [Fact]
    public void Debug_format_renders_like_rsyslog()
    {
        // Captured from rsyslogd 8.2302 for Line1 over imtcp (fromhost localhost).
        const string expected =
            "Debug line with all properties:\n" +
            "FROMHOST: 'localhost', fromhost-ip: '127.0.0.1', HOSTNAME: 'myhost', PRI: 134,\n" +
            "syslogtag 'sshd[123]:', programname: 'sshd', APP-NAME: 'sshd', PROCID: '123', MSGID: '-',\n" +
            "TIMESTAMP: 'Feb  5 17:32:18', STRUCTURED-DATA: '-',\n" +
            "msg: ' Accepted password for user'\n" +
            "escaped msg: ' Accepted password for user'\n" +
            "inputname: imtcp rawmsg: '<134>Feb  5 17:32:18 myhost sshd[123]: Accepted password for user'\n" +
            "$!:\n$.:\n$/:";
        var debug = Registry().Find(BuiltInTemplates.DebugFormat)!;
        // $/ is the process's (other tests may have set some): whatever it renders, after "$/:".
        var globals = new TemplateFactory().CreateStringTemplate("g", "%$/%\n\n", Sluice.Engine.Config.SourceLocation.None);
        var m = SampleMessages.Sample1();
        Assert.Equal(expected + SampleMessages.Render(globals, m), SampleMessages.Render(debug, m));

        // With variables, their trees as rsyslogd 8.2302 prints them ("$!:{ "m": "M" }").
        var vars = m.GetOrCreateVariables();
        Assert.True(vars.AddJson(Sluice.Engine.Messages.Variables.VariablePath.Parse("!"), "{\"m\":\"M\"}"u8));
        Assert.True(vars.AddJson(Sluice.Engine.Messages.Variables.VariablePath.Parse(".loc"), "\"L\""u8));
        Assert.Contains("\n$!:{ \"m\": \"M\" }\n$.:{ \"loc\": \"L\" }\n$/:", SampleMessages.Render(debug, m));
    }

    [Fact]
    public void Forward_formats_cut_the_tag_to_32_bytes()
    {
        var fwd = Registry().Find(BuiltInTemplates.ForwardFormat)!;
        string line = SampleMessages.Render(fwd, SampleMessages.Sample6());
        Assert.Contains(" averyveryveryveryverylongtagname hello", line);
    }

    [Fact]
    public void Plugin_and_legacy_strgen_forms_give_the_builtin_renderers()
    {
        var factory = new TemplateFactory();
        var plugin = factory.CreatePluginTemplate("mine", "RSYSLOG_TraditionalFileFormat", SourceLocation.None);
        var legacy = factory.CreateLegacyTemplate("mine2", " =RSYSLOG_ForwardFormat", SourceLocation.None);
        Assert.Equal("mine", plugin.Name);
        Assert.Equal(RsyslogCaptures.TraditionalFileFormat[0], SampleMessages.Render(plugin, SampleMessages.Sample1()));
        Assert.Equal(RsyslogCaptures.ForwardFormat[1], SampleMessages.Render(legacy, SampleMessages.Sample2()));
        var e = Assert.Throws<ConfigException>(() => factory.CreatePluginTemplate("x", "RSYSLOG_FileFormatt", new SourceLocation("a.conf", 3, 1)));
        Assert.Contains("did you mean 'RSYSLOG_FileFormat'", e.Message);
        Assert.Equal(3, e.Errors[0].Location.Line);
    }
}
