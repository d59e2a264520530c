using System.Text;
using Sluice.Engine.Templates;
using Sluice.Engine.Templates.BuiltIn;
using Sluice.Tests.Integration;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Outputs.UserMessage;

/// <summary>omusrmsg's default templates: rsyslog's names and text (rsconf.c), and what they render.</summary>
public sealed class UserMessageTemplateTests
{
    // The text as rsyslog's source has it (C string escapes: \7 is BEL).
    private const string RsyslogWallFmt = "\r\n\x07Message from syslogd@%HOSTNAME% at %timegenerated% ...\r\n %syslogtag%%msg%\n\r";
    private const string RsyslogStdUsrMsgFmt = " %syslogtag%%msg%\n\r";

    [Fact]
    public void Names_and_text_are_rsyslogs()
    {
        Assert.Equal(" WallFmt", BuiltInTemplates.WallFormat);
        Assert.Equal(" StdUsrMsgFmt", BuiltInTemplates.StdUserMessageFormat);
        Assert.Equal(RsyslogWallFmt, BuiltInTemplates.WallFormatText);
        Assert.Equal(RsyslogStdUsrMsgFmt, BuiltInTemplates.StdUserMessageFormatText);
    }

    [Fact]
    public void The_installed_rsyslogd_has_the_same_text()
    {
        byte[] binary = System.IO.File.ReadAllBytes(RepoLayout.Rsyslogd);
        // rsyslog keeps each built-in template as the quoted line tplAddLine parses.
        Assert.True(binary.AsSpan().IndexOf(Encoding.ASCII.GetBytes("\"" + RsyslogWallFmt + "\"")) >= 0);
        Assert.True(binary.AsSpan().IndexOf(Encoding.ASCII.GetBytes("\"" + RsyslogStdUsrMsgFmt + "\"")) >= 0);
        Assert.True(binary.AsSpan().IndexOf(Encoding.ASCII.GetBytes(" WallFmt\0")) >= 0);
        Assert.True(binary.AsSpan().IndexOf(Encoding.ASCII.GetBytes(" StdUsrMsgFmt\0")) >= 0);
    }

    [Fact]
    public void They_render_the_wall_banner_and_the_short_line()
    {
        var registry = new TemplateRegistry();
        new TemplateFactory().AddBuiltIns(registry);
        var message = SampleMessages.Parse("<8>Nov 22 08:00:00 web1 kernel: disk on fire");
        string wall = SampleMessages.Render(registry.Find(" WallFmt")!, message);
        Assert.StartsWith("\r\n\aMessage from syslogd@web1 at ", wall);
        Assert.EndsWith(" ...\r\n kernel: disk on fire\n\r", wall);
        Assert.Equal(" kernel: disk on fire\n\r", SampleMessages.Render(registry.Find(" StdUsrMsgFmt")!, SampleMessages.Parse("<8>Nov 22 08:00:00 web1 kernel: disk on fire")));
    }
}
