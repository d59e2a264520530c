using System.Text.RegularExpressions;
using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Config;

/// <summary>
/// The seed article's client and server configurations (issue 3): all that -N1 may report about them is that imfile,
/// imrelp and omrelp are not built yet, each with its file:line:column.
/// </summary>
public sealed class ForwardingArticleTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static string Write(TempDir dir, string name, string text)
    {
        Directory.CreateDirectory(dir.File("rsyslog.d"));
        File.WriteAllText(dir.File("rsyslog.d/50-myapp.conf"), $"local7.* {dir.Path}/myapp/my.log\n");
        string path = dir.File(name);
        File.WriteAllText(path, text.Replace("{dir}", dir.Path, StringComparison.Ordinal));
        return path;
    }

    private List<ConfigError> Diagnose(string name, string text)
    {
        var services = new EngineServices(new GlobalSettings(), new RecordingLog(), new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        var document = ConfigLoader.LoadFile(Write(_dir, name, text));
        var e = Assert.Throws<ConfigException>(() => new PlanBuilder(BuiltInModules.CreateRegistry(), new TemplateFactory()).Build(document, services));
        return e.Errors.ToList();
    }

    public static List<string> ModuleErrors(IEnumerable<ConfigError> errors, string file) =>
        errors.Select(e => $"{Path.GetFileName(e.Location.File)}:{e.Location.Line}:{e.Location.Column}: {e.Message}").ToList();

    public static readonly string[] ClientExpected =
    [
        "client.conf:14:13: module 'omrelp' is not supported by Sluice yet",
        "client.conf:16:17: module 'omrelp' is not supported by Sluice yet",
        "client.conf:22:13: module 'imfile' is not supported by Sluice yet",
        "client.conf:23:12: module 'imfile' is not supported by Sluice yet",
        "client.conf:41:12: module 'imfile' is not supported by Sluice yet",
        "client.conf:43:12: module 'imfile' is not supported by Sluice yet",
    ];

    public static readonly string[] ServerExpected =
    [
        "server.conf:16:13: module 'imrelp' is not supported by Sluice yet",
        "server.conf:17:12: module 'imrelp' is not supported by Sluice yet",
    ];

    [Fact]
    public void The_client_config_reports_only_its_modules_that_are_not_built()
        => Assert.Equal(string.Join("\n", ClientExpected), string.Join("\n", ModuleErrors(Diagnose("client.conf", ForwardingArticle.Client), "client.conf")));

    [Fact]
    public void The_server_config_reports_only_its_modules_that_are_not_built()
        => Assert.Equal(string.Join("\n", ServerExpected), string.Join("\n", ModuleErrors(Diagnose("server.conf", ForwardingArticle.Server), "server.conf")));
}

/// <summary>The same through `sluiced -N1 -f`.</summary>
[Collection(DaemonCollection.Name)]
public sealed class ForwardingArticleDaemonTests
{
    [Theory]
    [InlineData("client.conf")]
    [InlineData("server.conf")]
    public void Sluiced_N1_names_the_missing_modules_with_their_locations(string name)
    {
        using var dir = new TempDir();
        string path = ForwardingArticleTests.Write(dir, name, name == "client.conf" ? ForwardingArticle.Client : ForwardingArticle.Server);
        var r = ProcessRun.Run(RepoLayout.Sluiced, ["-N1", "-f", path], TimeSpan.FromSeconds(60));

        Assert.Equal(1, r.ExitCode);
        var reported = r.Stderr.Split('\n')
            .Select(l => Regex.Match(l, @"^(\S+):(\d+):(\d+): error: (.*)$"))
            .Where(m => m.Success)
            .Select(m => $"{Path.GetFileName(m.Groups[1].Value)}:{m.Groups[2].Value}:{m.Groups[3].Value}: {m.Groups[4].Value}")
            .ToList();
        Assert.Equal(name == "client.conf" ? ForwardingArticleTests.ClientExpected : ForwardingArticleTests.ServerExpected, reported);
    }
}
