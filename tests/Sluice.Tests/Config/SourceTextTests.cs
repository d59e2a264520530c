using Sluice.Engine.Config;
using Sluice.Engine.Config.Syntax;

namespace Sluice.Tests.Config;

public class SourceTextTests
{
    [Fact]
    public void Trailing_white_space_and_carriage_returns_are_cut()
    {
        var s = SourceText.From("f", "a  \r\nb\t\n");
        Assert.Equal("a\nb\n", s.Text);
    }

    [Fact]
    public void Last_line_without_newline_gets_one()
    {
        Assert.Equal("a\n", SourceText.From("f", "a").Text);
    }

    [Fact]
    public void Backslash_continues_a_line_and_drops_the_next_lines_indentation()
    {
        var s = SourceText.From("f", "action(type=\"omfile\" \\\n      file=\"/x\")\nstop\n");
        Assert.Equal("action(type=\"omfile\" file=\"/x\")\nstop\n", s.Text);
        // Characters of the continued line keep their own line and column.
        int file = s.Text.IndexOf("file=", StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("f", 2, 7), s.LocationOf(file));
        Assert.Equal(new SourceLocation("f", 3, 1), s.LocationOf(s.Text.IndexOf("stop", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_empty_or_blank_line_ends_a_continuation()
    {
        Assert.Equal("a\nb\n", SourceText.From("f", "a\\\n\nb\n").Text);
        Assert.Equal("a\nb\n", SourceText.From("f", "a\\\n   \nb\n").Text);
    }

    [Fact]
    public void Continuation_keeps_the_blank_before_the_backslash()
    {
        Assert.Equal("a b\n", SourceText.From("f", "a \\\n   b\n").Text);
        Assert.Equal("ab\n", SourceText.From("f", "a\\\nb\n").Text);
    }

    [Fact]
    public void End_of_file_has_a_location()
    {
        var s = SourceText.From("f", "x\ny\n");
        Assert.Equal(new SourceLocation("f", 3, 1), s.LocationOf(s.Text.Length));
    }
}
