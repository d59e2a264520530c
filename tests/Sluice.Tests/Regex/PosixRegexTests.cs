using System.Text;
using Sluice.Engine.Regex;

// Not "Sluice.Tests.Regex": a namespace of that name would hide System.Text.RegularExpressions.Regex in every
// other Sluice.Tests.* namespace.
namespace Sluice.Tests.PosixRegexTests;

public class PosixRegexTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static string? Group(PosixRegex re, string subject, int group)
    {
        Span<RegexGroup> groups = stackalloc RegexGroup[PosixRegex.TemplateGroups];
        byte[] bytes = B(subject);
        if (!re.Match(bytes, groups)) return null;
        var g = groups[group];
        return g.Success ? Encoding.UTF8.GetString(bytes, g.Start, g.Length) : "<unset>";
    }

    [Fact]
    public void Basic_syntax_treats_plus_and_parentheses_literally_and_uses_backslash_groups()
    {
        using var bre = PosixRegex.Compile("o+", RegexSyntax.Basic);
        Assert.False(bre.IsMatch(B("foo")));
        Assert.True(bre.IsMatch(B("go+")));

        using var groups = PosixRegex.Compile("\\([a-z]*\\)=\\([0-9]*\\)", RegexSyntax.Basic);
        Assert.Equal(2, groups.GroupCount);
        Assert.Equal("key", Group(groups, "x key=42 y", 1));
        Assert.Equal("42", Group(groups, "x key=42 y", 2));
    }

    [Fact]
    public void Extended_syntax_is_leftmost_longest()
    {
        // POSIX: of the alternatives starting at the leftmost position, the longest wins (a backtracking engine
        // would take "a" here).
        using var re = PosixRegex.Compile("a|ab|abc", RegexSyntax.Extended);
        Assert.Equal("abc", Group(re, "xabcd", 0));
    }

    [Fact]
    public void Groups_that_did_not_take_part_and_groups_beyond_the_pattern_are_unset()
    {
        using var re = PosixRegex.Compile("(x)|(y)", RegexSyntax.Extended);
        Assert.Equal(2, re.GroupCount);
        Assert.Equal("<unset>", Group(re, "a y b", 1));
        Assert.Equal("y", Group(re, "a y b", 2));
        Assert.Equal("<unset>", Group(re, "a y b", 5));
    }

    [Fact]
    public void Offsets_are_relative_to_the_span_and_no_match_returns_false()
    {
        using var re = PosixRegex.Compile("[0-9]+", RegexSyntax.Extended);
        Span<RegexGroup> g = stackalloc RegexGroup[1];
        byte[] text = B("ab 123 cd 45");
        Assert.True(re.Match(text.AsSpan(6), g));
        Assert.Equal(4, g[0].Start);
        Assert.Equal(6, g[0].End);
        Assert.False(re.Match(B("none"), g));
    }

    [Fact]
    public void Matching_stops_at_the_first_NUL_as_in_C()
    {
        using var re = PosixRegex.Compile("tail", RegexSyntax.Extended);
        Assert.True(re.IsMatch(B("head tail")));
        Assert.False(re.IsMatch(B("head\0tail")));
    }

    [Fact]
    public void Anchors_apply_to_the_span_given()
    {
        using var re = PosixRegex.Compile("^b", RegexSyntax.Extended);
        byte[] text = B("ab");
        Assert.False(re.IsMatch(text));
        Assert.True(re.IsMatch(text.AsSpan(1)));
    }

    [Fact]
    public void Ignore_case_and_bytes_beyond_ascii()
    {
        using var re = PosixRegex.Compile("error", RegexSyntax.Extended, ignoreCase: true);
        Assert.True(re.IsMatch(B("An ERROR occurred")));
        using var bytes = PosixRegex.Compile("x.y", RegexSyntax.Extended);
        Assert.True(bytes.IsMatch([(byte)'x', 0xFF, (byte)'y']));
    }

    [Theory]
    [InlineData("(a", RegexSyntax.Extended)]
    [InlineData("a\\{1", RegexSyntax.Basic)]
    [InlineData("[z-a]", RegexSyntax.Extended)]
    public void Invalid_patterns_fail_with_glibcs_reason(string pattern, RegexSyntax syntax)
    {
        var e = Assert.Throws<RegexCompileException>(() => PosixRegex.Compile(pattern, syntax));
        Assert.Equal(pattern, e.Pattern);
        Assert.False(string.IsNullOrWhiteSpace(e.Reason));
        Assert.Contains(pattern, e.Message);
    }

    [Fact]
    public void Long_subjects_grow_the_scratch_buffer()
    {
        using var re = PosixRegex.Compile("end$", RegexSyntax.Extended);
        Assert.True(re.IsMatch(B(new string('x', 100_000) + "end")));
        Assert.False(re.IsMatch(B(new string('x', 100_000) + "end!")));
    }

    [Fact]
    public void Matching_allocates_nothing_once_warm()
    {
        using var re = PosixRegex.Compile("([a-z]+)=([0-9]+)", RegexSyntax.Extended);
        byte[] subject = B("some text key=12345 more text");
        var groups = new RegexGroup[PosixRegex.TemplateGroups];
        re.Match(subject, groups);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) re.Match(subject, groups);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void One_compiled_regex_is_used_by_several_threads_at_once()
    {
        using var re = PosixRegex.Compile("id=([0-9]+)", RegexSyntax.Extended);
        int failures = 0;
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            Span<RegexGroup> g = stackalloc RegexGroup[2];
            for (int i = 0; i < 20_000; i++)
            {
                int n = t * 100_000 + i;
                byte[] subject = B($"x id={n} y");
                if (!re.Match(subject, g) || Encoding.ASCII.GetString(subject, g[1].Start, g[1].Length) != n.ToString())
                    Interlocked.Increment(ref failures);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromSeconds(60))));
        Assert.Equal(0, failures);
    }
}
