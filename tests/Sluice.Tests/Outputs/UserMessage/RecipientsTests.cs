using Sluice.Engine.Outputs.UserMessage;

namespace Sluice.Tests.Outputs.UserMessage;

/// <summary>users="…" read as omusrmsg.c populateUsers does.</summary>
public sealed class RecipientsTests
{
    [Fact]
    public void Star_is_everyone()
    {
        var r = Recipients.Parse("*");
        Assert.True(r.Everyone);
        Assert.True(r.Includes("anyone"u8));
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void A_list_skips_whitespace_after_commas_only()
    {
        var r = Recipients.Parse("root, admin,\toperator");
        Assert.False(r.Everyone);
        Assert.Equal(new[] { "root", "admin", "operator" }, r.Users);
        Assert.True(r.Includes("admin"u8));
        Assert.False(r.Includes("adm"u8));
        Assert.False(r.Includes("administrator"u8));
        Assert.False(Recipients.Parse("root ").Includes("root"u8)); // as in rsyslog: the space is part of the name
        Assert.False(Recipients.Parse("*,root").Everyone);          // only "*" alone is wall
    }

    [Fact]
    public void Empty_and_too_long_names_are_skipped_with_rsyslogs_messages()
    {
        string longName = new('n', 33);
        var r = Recipients.Parse($"root,,{longName},bob");
        Assert.Equal(new[] { "root", "bob" }, r.Users);
        Assert.Equal(new[]
        {
            "omusrmsg: no user name given - ignored",
            $"omusrmsg: user name '{new string('n', 32)}...' too long - ignored",
        }, r.Warnings);
        Assert.Equal(new[] { new string('m', 32) }, Recipients.Parse(new string('m', 32)).Users);
        Assert.Equal("omusrmsg: no user names - this action writes to no one", Assert.Single(Recipients.Parse("").Warnings));
    }

    [Fact]
    public void At_most_twenty_names()
    {
        var names = Enumerable.Range(0, 22).Select(i => $"u{i}").ToArray();
        var r = Recipients.Parse(string.Join(',', names));
        Assert.Equal(names.Take(20), r.Users);
        Assert.False(r.Includes("u21"u8));
        Assert.Equal("omusrmsg supports only up to 20 user names in a single action - all others have been ignored", Assert.Single(r.Warnings));
    }
}
