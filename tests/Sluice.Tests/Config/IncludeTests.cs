using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Includes;
using Sluice.Engine.Config.Syntax;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Config;

/// <summary>include() and $IncludeConfig, resolved while parsing (behaviour checked against rsyslogd 8.2302 -N1).</summary>
public class IncludeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text)
    {
        string path = _dir.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private ConfigDocument Load(string mainText) => ConfigLoader.LoadFile(Write("main.conf", mainText));

    private static List<string> Errors(ConfigDocument d) => d.Errors.Select(e => e.ToString()).ToList();

    /// <summary>The legacy action paths of the document, in order (what the tests include).</summary>
    private static List<string> Actions(IEnumerable<ConfigItem> items)
    {
        var list = new List<string>();
        foreach (var i in items)
        {
            if (i is PriFilterNode f) list.AddRange(Actions(f.Body));
            else if (i is LegacyActionNode a) list.Add(a.Text.Value.Trim());
            else if (i is ObjectNode { Script: { } script }) list.AddRange(Actions(script));
        }
        return list;
    }

    [Fact]
    public void Included_files_are_spliced_in_place_with_their_own_locations()
    {
        string inc = Write("inc.conf", "\n  mail.* /var/log/mail\n");
        var doc = Load($"*.* /a\ninclude(file=\"{inc}\")\n*.* /b\n");

        Assert.Empty(doc.Errors);
        Assert.Equal(new[] { "/a", "/var/log/mail", "/b" }, Actions(doc.Items));
        var included = Assert.IsType<PriFilterNode>(doc.Items[1]);
        Assert.Equal(new SourceLocation(inc, 2, 3), included.Location);
    }

    [Fact]
    public void Wildcards_include_the_matches_in_sorted_order_and_skip_hidden_files()
    {
        Write("d/b.conf", "*.* /b\n");
        Write("d/a.conf", "*.* /a\n");
        Write("d/B.conf", "*.* /B\n");
        Write("d/.hidden.conf", "*.* /hidden\n");
        Write("d/c.txt", "*.* /txt\n");
        var doc = Load($"include(file=\"{_dir.File("d")}/*.conf\")\n");

        Assert.Empty(doc.Errors);
        Assert.Equal(new[] { "/B", "/a", "/b" }, Actions(doc.Items));
    }

    [Fact]
    public void A_directory_includes_its_files_and_without_a_slash_also_its_siblings_with_the_same_prefix()
    {
        Write("d/a.conf", "*.* /a\n");
        Write("d/sub/z.conf", "*.* /z\n");
        Write("dx.conf", "*.* /dx\n");

        // rsyslog appends '*' to the name: "dir" → "dir*", "dir/" → "dir/*"; subdirectories are included recursively.
        Assert.Equal(new[] { "/a", "/z" }, Actions(Load($"$IncludeConfig {_dir.File("d")}/\n").Items));
        Assert.Equal(new[] { "/a", "/z", "/dx" }, Actions(Load($"$IncludeConfig {_dir.File("d")}\n").Items));
    }

    [Fact]
    public void A_missing_file_is_an_error_unless_optional_and_an_unmatched_wildcard_is_silent()
    {
        string missing = _dir.File("nope.conf");
        var doc = Load($"include(file=\"{missing}\" mode=\"abort-if-missing\")\ninclude(file=\"{missing}\")\n" +
                       $"include(file=\"{missing}\" mode=\"optional\")\ninclude(file=\"{_dir.File("nope")}*.conf\")\n" +
                       $"$IncludeConfig {missing}\n$IncludeConfig {_dir.File("none")}/*.conf\ninclude(file=\"{missing}\" mode=\"required\")\n");

        string main = _dir.File("main.conf");
        string cwd = Directory.GetCurrentDirectory();
        Assert.Equal(new[]
        {
            $"{main}:1:14: error accessing config file or directory '{missing}' [cwd: {cwd}]: No such file or directory (include mode \"abort-if-missing\")",
            $"{main}:2:14: error accessing config file or directory '{missing}' [cwd: {cwd}]: No such file or directory",
            $"{main}:5:16: error accessing config file or directory '{missing}' [cwd: {cwd}]: No such file or directory",
            $"{main}:7:14: error accessing config file or directory '{missing}' [cwd: {cwd}]: No such file or directory",
        }, Errors(doc));
    }

    [Fact]
    public void Errors_inside_included_files_name_those_files()
    {
        string inc = Write("bad.conf", "*.* /ok\nif then stop\n");
        var doc = Load($"include(file=\"{inc}\")\n*.* /after\n");

        var error = Assert.Single(doc.Errors);
        Assert.Equal(inc, error.Location.File);
        Assert.Equal(2, error.Location.Line);
        Assert.Equal(new[] { "/ok", "/after" }, Actions(doc.Items));
    }

    [Fact]
    public void Include_cycles_are_errors_but_including_a_file_twice_in_sequence_is_not()
    {
        string a = _dir.File("a.conf"), b = _dir.File("b.conf");
        Write("a.conf", $"*.* /a\ninclude(file=\"{b}\")\n");
        Write("b.conf", $"*.* /b\ninclude(file=\"{a}\")\n");
        var doc = Load($"include(file=\"{a}\")\ninclude(file=\"{b}\" mode=\"optional\")\n");

        Assert.Equal(new[]
        {
            $"{b}:2:14: trying to include file '{a}', which is already included",
            $"{a}:2:14: trying to include file '{b}', which is already included",
        }, Errors(doc));
        Assert.Equal(new[] { "/a", "/b", "/b", "/a" }, Actions(doc.Items));

        string self = Write("self.conf", $"include(file=\"{_dir.File("self.conf")}\")\n");
        var selfError = Assert.Single(ConfigLoader.LoadFile(self).Errors);
        Assert.Contains("which is already included", selfError.Message);
    }

    [Fact]
    public void Text_includes_are_parsed_as_config_and_name_where_they_come_from()
    {
        var doc = Load("include(text=\"*.* /from-text\\nfoo.* /x\")\n");

        Assert.Equal(new[] { "/from-text", "/x" }, Actions(doc.Items));
        Assert.Empty(doc.Errors); // the unknown facility is found when binding
        Assert.Equal(new SourceLocation($"{_dir.File("main.conf")}:1:14 include(text=…)", 2, 1), doc.Items[1].Location);
    }

    [Fact]
    public void Wrong_include_parameters_are_reported_with_rsyslogs_texts()
    {
        string inc = Write("x.conf", "*.* /x\n");
        var doc = Load($"include(file=\"{inc}\" text=\"*.* /y\")\ninclude()\ninclude(file=\"{inc}\" mode=\"sometimes\")\ninclude(fil=\"{inc}\")\n");

        string main = _dir.File("main.conf");
        Assert.Equal(new[]
        {
            $"{main}:1:1: include() must have either 'file' or 'text' parameter, but both are set",
            $"{main}:2:1: include() must have either 'file' or 'text' parameter",
            $"{main}:3:{inc.Length + 22}: include(): parameter 'mode' must be one of \"abort-if-missing\", \"required\", \"optional\", not \"sometimes\"",
            $"{main}:4:9: include(): parameter 'fil' is not known (did you mean 'file'?)",
            $"{main}:4:1: include() must have either 'file' or 'text' parameter",
        }, Errors(doc));
    }

    [Fact]
    public void Includes_work_inside_blocks_and_only_statements_may_come_from_them()
    {
        string stmts = Write("stmts.conf", "*.* /in-ruleset\n");
        string objs = Write("objs.conf", "global(workDirectory=\"/tmp\")\n");
        var doc = Load($"ruleset(name=\"r\") {{\n  include(file=\"{stmts}\")\n$IncludeConfig {stmts}\n}}\nif 1 == 1 then {{\n  include(file=\"{objs}\")\n  stop\n}}\n");

        Assert.Equal(new[] { "/in-ruleset", "/in-ruleset" }, Actions(doc.Items));
        var error = Assert.Single(doc.Errors);
        Assert.Equal(new SourceLocation(objs, 1, 1), error.Location);
        Assert.Contains("cannot stand inside the statement block", error.Message);
    }

    [Fact]
    public void Relative_paths_start_at_the_working_directory()
    {
        Write("rel/x.conf", "*.* /rel\n");
        var expander = new IncludeExpander { WorkingDirectory = _dir.Path };
        var doc = Parser.Parse(SourceText.From("main", "include(file=\"rel/*.conf\")\n$IncludeConfig rel/missing.conf\n"), expander);

        Assert.Equal(new[] { "/rel" }, Actions(doc.Items));
        Assert.Equal("rel/x.conf", doc.Items[0].Location.File);
        Assert.Contains("'rel/missing.conf'", Assert.Single(doc.Errors).Message);
    }

    [Fact]
    public void Nesting_is_bounded()
    {
        // Each file includes the next; 40 levels is deeper than the limit.
        for (int i = 0; i < 40; i++) Write($"n{i}.conf", $"include(file=\"{_dir.File($"n{i + 1}.conf")}\" mode=\"optional\")\n");
        var doc = ConfigLoader.LoadFile(_dir.File("n0.conf"));

        Assert.Contains($"nested more than {IncludeExpander.MaxDepth} levels deep", Assert.Single(doc.Errors).Message);
    }

    [Theory]
    [InlineData("*.conf", "a.conf", true)]
    [InlineData("*.conf", ".a.conf", false)]
    [InlineData(".*", ".a", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[!a-c]x", "bx", false)]
    [InlineData("[]]x", "]x", true)]
    [InlineData("a\\*", "a*", true)]
    [InlineData("a\\*", "ab", false)]
    [InlineData("*a*b", "xxaxxb", true)]
    public void Glob_matching_follows_fnmatch(string pattern, string name, bool expected)
        => Assert.Equal(expected, GlobPattern.Matches(pattern, name));
}
