using Sluice.Engine.Outputs.UserMessage;

namespace Sluice.Tests.Outputs.UserMessage;

public sealed class LegacyUserMessageActionTests
{
    [Theory]
    [InlineData(":omusrmsg:*", "*", null, false)]
    [InlineData(":omusrmsg:root,admin", "root,admin", null, false)]
    [InlineData(":omusrmsg:root, admin;MyFmt", "root, admin", "MyFmt", false)]
    [InlineData(":omusrmsg:* ; MyFmt", "*", "MyFmt", false)]
    [InlineData("*", "*", null, true)]
    [InlineData("*;MyFmt", "*", "MyFmt", true)]
    [InlineData("root", "root", null, true)]
    [InlineData("root,_svc,.dot,0day ;MyFmt", "root,_svc,.dot,0day", "MyFmt", true)]
    [InlineData("_svc", "_svc", null, true)]
    [InlineData("0day", "0day", null, true)]
    public void Forms(string line, string users, string? template, bool outdated)
    {
        Assert.True(LegacyUserMessageAction.IsUserMessage(line));
        var a = LegacyUserMessageAction.Parse(line);
        Assert.Null(a.Error);
        Assert.Equal(users, a.Users);
        Assert.Equal(template, a.Template);
        Assert.Equal(outdated, a.Outdated);
    }

    [Theory]
    [InlineData("/var/log/x")]
    [InlineData("-/var/log/x")]
    [InlineData("@host")]
    [InlineData("|/dev/xconsole")]
    [InlineData("^/bin/true")]
    [InlineData("~")]
    [InlineData(":omfile:/x")]
    [InlineData("./relative")]
    public void Other_actions_are_not_claimed(string line) => Assert.False(LegacyUserMessageAction.IsUserMessage(line));

    [Fact]
    public void Errors_say_where()
    {
        var a = LegacyUserMessageAction.Parse(":omusrmsg:;T");
        Assert.Null(a.Error); // rsyslog accepts an empty list (the action writes to no one)
        Assert.Equal("", a.Users);
        Assert.Equal("T", a.Template);
        var b = LegacyUserMessageAction.Parse(":omusrmsg:* junk");
        Assert.Equal(12, b.ErrorOffset);
        Assert.Contains("'junk'", b.Error);
    }
}
