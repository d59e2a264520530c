using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Outputs.UserMessage;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Outputs.UserMessage;

/// <summary>omusrmsg actions from configuration text, RainerScript and legacy selectors, bound with the real modules.</summary>
public sealed class UserMessageConfigTests
{
    private readonly RecordingLog _log = new();

    private RuntimePlan Build(string text)
    {
        var services = new EngineServices(new GlobalSettings(), _log, new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        return new PlanBuilder(BuiltInModules.CreateRegistry(), new TemplateFactory()).Build(ConfigLoader.LoadText(text, "test.conf"), services);
    }

    private UserMessageOutput Single(string text) =>
        Assert.IsType<UserMessageOutput>(Assert.Single(Build(text).Actions).Output);

    private string Error(string text) => string.Join("\n", Assert.Throws<ConfigException>(() => Build(text)).Errors.Select(e => e.ToString()));

    [Fact]
    public void Action_with_star_is_wall_with_WallFmt()
    {
        var plan = Build("*.emerg action(type=\"omusrmsg\" users=\"*\")\n");
        var action = Assert.Single(plan.Actions);
        Assert.Equal("action-0-builtin:omusrmsg", action.Name);
        var o = Assert.IsType<UserMessageOutput>(action.Output);
        Assert.True(o.Recipients.Everyone);
        Assert.Equal(" WallFmt", o.Template.Name);
        Assert.Equal("/run/utmp", UtmpLocation.DefaultPath);
    }

    [Fact]
    public void Action_with_users_uses_StdUsrMsgFmt_or_the_named_template()
    {
        var o = Single("action(type=\"omusrmsg\" users=\"root, admin\")\n");
        Assert.False(o.Recipients.Everyone);
        Assert.Equal(new[] { "root", "admin" }, o.Recipients.Users);
        Assert.Equal(" StdUsrMsgFmt", o.Template.Name);
        var t = Single("template(name=\"short\" type=\"string\" string=\"%msg%\\n\")\naction(type=\"omusrmsg\" users=\"*\" template=\"short\")\n");
        Assert.Equal("short", t.Template.Name);
        Assert.Equal(" WallFmt", Single("action(type=\"omusrmsg\" users=\"root\" template=\" WallFmt\")\n").Template.Name);
    }

    [Fact]
    public void Users_is_required_and_unknown_parameters_are_errors()
    {
        Assert.Contains("users", Error("action(type=\"omusrmsg\")\n"));
        Assert.Contains("userz", Error("action(type=\"omusrmsg\" users=\"*\" userz=\"x\")\n"));
    }

    [Fact]
    public void Bad_user_names_are_warned_about_and_skipped()
    {
        var o = Single("action(type=\"omusrmsg\" users=\"root,,bob\")\n");
        Assert.Equal(new[] { "root", "bob" }, o.Recipients.Users);
        Assert.True(_log.Contains("omusrmsg: no user name given - ignored"));
    }

    [Fact]
    public void An_empty_user_list_is_kept_with_a_warning_as_rsyslog_accepts_it()
    {
        var o = Single("*.emerg :omusrmsg:\n");
        Assert.Empty(o.Recipients.Users);
        Assert.False(o.Recipients.Everyone);
        Assert.True(_log.Contains("test.conf:1:19: omusrmsg: no user names - this action writes to no one"));
        Assert.Empty(Single("action(type=\"omusrmsg\" users=\"\")\n").Recipients.Users);
    }

    [Fact]
    public void Debians_stock_emerg_line_binds()
    {
        var o = Single("*.emerg\t\t\t\t:omusrmsg:*\n");
        Assert.True(o.Recipients.Everyone);
        Assert.Equal(" WallFmt", o.Template.Name);
        Assert.DoesNotContain(_log.Lines, l => l.Level == LogLevel.Warning);
    }

    [Fact]
    public void Legacy_user_lists_and_templates()
    {
        var o = Single("template(name=\"T\" type=\"string\" string=\"%msg%\")\nkern.crit :omusrmsg:root,admin;T\n");
        Assert.Equal(new[] { "root", "admin" }, o.Recipients.Users);
        Assert.Equal("T", o.Template.Name);
        Assert.Equal(" StdUsrMsgFmt", Single("kern.crit :omusrmsg:root\n").Template.Name);
    }

    [Fact]
    public void Bare_forms_work_with_rsyslogs_outdated_warning()
    {
        var o = Single("*.emerg *\n");
        Assert.True(o.Recipients.Everyone);
        Assert.Equal(" WallFmt", o.Template.Name);
        Assert.True(_log.Contains("action '*' treated as ':omusrmsg:*' - please use ':omusrmsg:*' syntax instead, '*' will not be supported in the future"));
        var users = Single("*.alert root,operator\n");
        Assert.Equal(new[] { "root", "operator" }, users.Recipients.Users);
        Assert.Equal(" StdUsrMsgFmt", users.Template.Name);
    }

    [Fact]
    public void Legacy_errors_have_locations()
    {
        Assert.Equal("test.conf:1:27: unexpected text in the user message action: 'junk'", Error("*.emerg :omusrmsg:root ;T junk\n"));
        Assert.Equal("test.conf:1:21: template 'Nope' is not defined", Error("*.emerg :omusrmsg:*;Nope\n"));
    }

    [Fact]
    public void The_module_is_built_in()
    {
        var module = Assert.IsType<UserMessageOutputModule>(BuiltInModules.CreateRegistry().Find("omusrmsg"));
        Assert.True(module.IsBuiltIn);
        Single("module(load=\"builtin:omusrmsg\")\naction(type=\"omusrmsg\" users=\"*\")\n");
    }
}
