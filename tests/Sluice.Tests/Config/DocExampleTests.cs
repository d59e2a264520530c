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
/// The config-language examples of rsyslog's documentation in tests/Sluice.Tests/Config/DocExamples (see its
/// README.md): each parses and binds in Sluice, or fails only with the "not supported" errors it declares, and
/// rsyslogd 8.2302 -N1 accepts each one, so they are real rsyslog configs.
/// </summary>
public sealed class DocExampleTests
{
    private const string Marker = "# sluice-not-supported: ";

    public static string Source => Path.Combine(RepoLayout.Root, "tests", "Sluice.Tests", "Config", "DocExamples");

    public static IEnumerable<object[]> Names() =>
        Directory.GetFiles(Source, "*.conf").Select(f => new object[] { Path.GetFileNameWithoutExtension(f) }).OrderBy(n => (string)n[0]);

    /// <summary>Copies the examples to <paramref name="dir"/> with "@DIR@" set to it.</summary>
    internal static void CopyTo(TempDir dir)
    {
        foreach (var file in Directory.GetFiles(Source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(dir.Path, Path.GetRelativePath(Source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, File.ReadAllText(file).Replace("@DIR@", dir.Path, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_example_parses_and_binds_or_reports_only_what_is_not_supported(string name)
    {
        using var dir = new TempDir();
        CopyTo(dir);
        string path = Path.Combine(dir.Path, name + ".conf");
        var declared = File.ReadAllLines(path).Where(l => l.StartsWith(Marker, StringComparison.Ordinal)).Select(l => l[Marker.Length..]).ToList();

        var services = new EngineServices(new GlobalSettings(), new RecordingLog(), new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        List<string> errors;
        try
        {
            var plan = new PlanBuilder(BuiltInModules.CreateRegistry(), new TemplateFactory()).Build(ConfigLoader.LoadFile(path), services);
            Assert.NotEmpty(plan.Rulesets);
            foreach (var i in plan.Inputs) i.Dispose();
            foreach (var a in plan.Actions) a.Output.Dispose();
            errors = [];
        }
        catch (ConfigException e)
        {
            errors = e.Errors.Select(x => x.ToString()).ToList();
        }

        foreach (var error in errors)
        {
            Assert.True(error.Contains("not supported", StringComparison.Ordinal) && declared.Any(d => error.Contains(d, StringComparison.Ordinal)),
                $"{name}.conf: unexpected diagnostic: {error}\nall:\n{string.Join('\n', errors)}");
        }
        foreach (var d in declared)
            Assert.True(errors.Any(e => e.Contains(d, StringComparison.Ordinal)), $"{name}.conf: declared '{d}' but Sluice reported:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void The_examples_cover_the_language()
    {
        string all = string.Concat(Directory.GetFiles(Source, "*.conf").Select(File.ReadAllText));
        foreach (var construct in new[]
                 {
                     "if (", "else if", "} else {", "foreach (", "reset $.", "set $.", "call ", "call_indirect", "continue",
                     "lookup_table(", "lookup(", "reload_lookup_table(", "re_extract(", "field(", "exists(", "prifilt(",
                     ":msg, !contains", ":msg, regex", "kern.!info", "mail.=debug", "?DynFile", "@@(z9)", "& ~",
                     "type=\"list\"", "type=\"subtree\"", "$template", "include(text=", "main_queue(", "ruleset(name=",
                     "$IncludeConfig", "$RepeatedMsgReduction on", "$MainMsgQueueSize", "contains_i", "[\"sshd\", \"su\"]", "0x1F",
                 })
        {
            Assert.Contains(construct, all, StringComparison.Ordinal);
        }
    }
}

/// <summary>rsyslogd 8.2302 -N1 accepts every example: they are valid rsyslog configs, not Sluice's idea of one.</summary>
[Collection(DaemonCollection.Name)]
public sealed class DocExampleRsyslogdTests
{
    public static IEnumerable<object[]> Names() => DocExampleTests.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void Rsyslogd_N1_accepts_the_example(string name)
    {
        using var dir = new TempDir();
        DocExampleTests.CopyTo(dir);
        var r = ProcessRun.Run(RepoLayout.Rsyslogd, ["-N1", "-f", Path.Combine(dir.Path, name + ".conf")], TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode == 0, $"rsyslogd -N1 exited {r.ExitCode} for {name}.conf:\n{r.Output}");
    }
}
