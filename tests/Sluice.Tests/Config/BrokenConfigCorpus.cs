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
/// The broken-config corpus in tests/Sluice.Tests/Config/Broken: each NAME.conf has NAME.expected with every
/// diagnostic it must produce, one "file:line:column: message" a line (files relative to the corpus directory).
/// "@DIR@" in a config stands for the corpus directory, which is copied to a temporary directory for each run.
/// </summary>
internal sealed class BrokenConfigCorpus : IDisposable
{
    public static string Source => Path.Combine(RepoLayout.Root, "tests", "Sluice.Tests", "Config", "Broken");

    public static IEnumerable<object[]> Names() =>
        Directory.GetFiles(Source, "*.conf").Select(f => new object[] { Path.GetFileNameWithoutExtension(f) }).OrderBy(n => (string)n[0]);

    private readonly TempDir _dir = new();

    public BrokenConfigCorpus()
    {
        foreach (var file in Directory.GetFiles(Source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(_dir.Path, Path.GetRelativePath(Source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, File.ReadAllText(file).Replace("@DIR@", _dir.Path, StringComparison.Ordinal));
        }
    }

    public string Config(string name) => Path.Combine(_dir.Path, name + ".conf");

    public static List<string> Expected(string name)
    {
        string path = Path.Combine(Source, name + ".expected");
        return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToList() : new List<string>();
    }

    /// <summary>Diagnostics with the temporary directory taken out of file names and messages, and the cwd masked.</summary>
    public string Normalize(string line)
    {
        line = line.Replace(_dir.Path + "/", "", StringComparison.Ordinal).Replace(_dir.Path, "@DIR@", StringComparison.Ordinal);
        return Regex.Replace(line, @"\[cwd: [^\]]*\]", "[cwd: …]");
    }

    /// <summary>Loads and binds the config in-process, as the daemon does, and returns its diagnostics.</summary>
    public List<string> Diagnose(string name)
    {
        var services = new EngineServices(new GlobalSettings(), new RecordingLog(), new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        try
        {
            var plan = new PlanBuilder(BuiltInModules.CreateRegistry(), new TemplateFactory()).Build(ConfigLoader.LoadFile(Config(name)), services);
            foreach (var i in plan.Inputs) i.Dispose();
            foreach (var a in plan.Actions) a.Output.Dispose();
            return new List<string>();
        }
        catch (ConfigException e)
        {
            return e.Errors.Select(x => Normalize(x.ToString())).ToList();
        }
    }

    public void Dispose() => _dir.Dispose();
}

public sealed class BrokenConfigTests
{
    public static IEnumerable<object[]> Names() => BrokenConfigCorpus.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_diagnostic_of_the_config_is_reported_in_one_run(string name)
    {
        using var corpus = new BrokenConfigCorpus();
        var expected = BrokenConfigCorpus.Expected(name);
        var actual = corpus.Diagnose(name);
        Assert.True(expected.SequenceEqual(actual),
            $"{name}.conf\nexpected:\n{string.Join('\n', expected)}\nactual:\n{string.Join('\n', actual)}");
    }

    [Fact]
    public void The_corpus_covers_each_kind_of_error()
    {
        var all = BrokenConfigCorpus.Names().SelectMany(n => BrokenConfigCorpus.Expected((string)n[0])).ToList();
        string[] kinds =
        [
            "syntax error", "function 'foo_bar' not found", "not found (did you mean 'tolower'?)", "number of parameters for", "is not known (did you mean", "is not defined", "does not exist", "must be",
            "error accessing config file or directory", "inc/bad-1.conf:", "inc/bad-2.conf:", "already included",
            "invalid or yet-unknown config file command", "lookup table",
        ];
        foreach (var kind in kinds) Assert.Contains(all, l => l.Contains(kind, StringComparison.Ordinal));
        Assert.Empty(BrokenConfigCorpus.Expected("clean"));
    }
}

/// <summary>Some of the corpus through the real binary: `sluiced -N1 -f` prints the same diagnostics and exits 1, or 0 when clean.</summary>
[Collection(DaemonCollection.Name)]
public sealed class BrokenConfigDaemonTests
{
    [Theory]
    [InlineData("syntax")]
    [InlineData("unknown-names")]
    [InlineData("included-errors")]
    [InlineData("missing-include")]
    [InlineData("functions")]
    [InlineData("clean")]
    public void Sluiced_N1_reports_the_corpus_diagnostics(string name)
    {
        using var corpus = new BrokenConfigCorpus();
        var r = ProcessRun.Run(RepoLayout.Sluiced, ["-N1", "-f", corpus.Config(name)], TimeSpan.FromSeconds(60));
        var expected = BrokenConfigCorpus.Expected(name);
        var reported = r.Stderr.Split('\n')
            .Select(l => Regex.Match(l, @"^(\S+:\d+:\d+: )error: (.*)$"))
            .Where(m => m.Success)
            .Select(m => corpus.Normalize(m.Groups[1].Value + m.Groups[2].Value))
            .ToList();
        Assert.True(expected.SequenceEqual(reported), $"expected:\n{string.Join('\n', expected)}\nsluiced -N1 printed:\n{r.Output}");
        Assert.Equal(expected.Count == 0 ? 0 : 1, r.ExitCode);
    }

    public static IEnumerable<object[]> Names() => BrokenConfigCorpus.Names();

    /// <summary>The corpus is broken for the reference too: rsyslogd 8.2302 -N1 fails on every config Sluice rejects and passes the clean one.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Rsyslogd_N1_agrees_that_the_config_is_broken_or_clean(string name)
    {
        using var corpus = new BrokenConfigCorpus();
        var r = ProcessRun.Run(RepoLayout.Rsyslogd, ["-N1", "-f", corpus.Config(name)], TimeSpan.FromSeconds(60));
        bool clean = BrokenConfigCorpus.Expected(name).Count == 0;
        Assert.True(clean == (r.ExitCode == 0), $"rsyslogd -N1 exited {r.ExitCode} for {name}.conf:\n{r.Output}");
    }
}
