using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Schema;

namespace Sluice.Tests.Config;

public class ParamConverterTests
{
    private static object? Convert(ParamDef def, string text, out string? error)
        => ParamConverter.Convert(def, new StringValue(text, SourceLocation.None), def.Name, out error);

    [Theory]
    [InlineData("on", true)]
    [InlineData("off", false)]
    [InlineData("ON", true)]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void Binary(string text, bool expected)
        => Assert.Equal(expected, Convert(new ParamDef("b", ParamType.Binary), text, out _));

    [Fact]
    public void Binary_error_names_the_parameter()
    {
        Assert.Null(Convert(new ParamDef("KeepAlive", ParamType.Binary), "maybe", out var error));
        Assert.Equal("parameter 'KeepAlive' must be \"on\" or \"off\", not \"maybe\"", error);
    }

    [Theory]
    [InlineData("514", 514L)]
    [InlineData("-1", -1L)]
    [InlineData("010", 8L)] // es_str2num: a leading 0 is octal
    [InlineData("0", 0L)]
    public void Integer(string text, long expected)
        => Assert.Equal(expected, Convert(new ParamDef("i", ParamType.Integer), text, out _));

    [Theory]
    [InlineData("0x10")] // es_str2num's hex branch never succeeds in rsyslog
    [InlineData("12a")]
    [InlineData("")]
    [InlineData("08")]
    [InlineData("99999999999999999999")]
    public void Integer_errors(string text)
    {
        Assert.Null(Convert(new ParamDef("port", ParamType.Integer), text, out var error));
        Assert.Equal($"parameter 'port' must be an integer number, not \"{text}\"", error);
    }

    [Fact]
    public void Integer_range()
    {
        var def = new ParamDef("workerThreads", ParamType.Integer) { Min = 1, Max = 16 };
        Assert.Null(Convert(def, "17", out var error));
        Assert.Equal("parameter 'workerThreads' must be between 1 and 16, not 17", error);
        Assert.Null(Convert(def with { Max = long.MaxValue }, "0", out error));
        Assert.Equal("parameter 'workerThreads' must be at least 1, not 0", error);
        Assert.Null(Convert(def with { Min = long.MinValue }, "20", out error));
        Assert.Equal("parameter 'workerThreads' must be at most 16, not 20", error);
    }

    [Theory]
    [InlineData("8192", 8192L)]
    [InlineData("64k", 65536L)]
    [InlineData("64K", 64000L)]
    [InlineData("1m", 1048576L)]
    [InlineData("1M", 1000000L)]
    [InlineData("2g", 2147483648L)]
    [InlineData("2G", 2000000000L)]
    [InlineData("1t", 1099511627776L)]
    [InlineData("", 0L)]
    public void Size(string text, long expected)
        => Assert.Equal(expected, Convert(new ParamDef("s", ParamType.Size), text, out _));

    [Theory]
    [InlineData("64kb")]
    [InlineData("1x")]
    [InlineData("-1")]
    [InlineData("1k2")]
    public void Size_errors(string text)
    {
        Assert.Null(Convert(new ParamDef("maxMessageSize", ParamType.Size), text, out var error));
        Assert.StartsWith("parameter 'maxMessageSize' must be a size", error);
    }

    [Fact]
    public void Size_minimum()
    {
        Assert.Null(Convert(new ParamDef("maxMessageSize", ParamType.Size) { Min = 128 }, "100", out var error));
        Assert.Equal("parameter 'maxMessageSize' must be at least 128, not 100", error);
    }

    [Fact]
    public void Char()
    {
        var def = new ParamDef("c", ParamType.Char);
        Assert.Equal((long)'#', Convert(def, "#", out _));
        Assert.Equal(10L, Convert(def, "10", out _));
        Assert.Null(Convert(def, "ab", out var error));
        Assert.Equal("parameter 'c' must be exactly one character, not \"ab\"", error);
    }

    [Theory]
    [InlineData("0644", 420L)]
    [InlineData("0700", 448L)]
    [InlineData("00644", 420L)]
    [InlineData("06440", 3360L)]
    [InlineData("0644xyz", 420L)] // rsyslog looks at 4 characters unless there are exactly 5
    public void File_mode(string text, long expected)
        => Assert.Equal(expected, Convert(new ParamDef("m", ParamType.FileMode), text, out _));

    [Theory]
    [InlineData("644")]
    [InlineData("0648")]
    [InlineData("0644x")]
    public void File_mode_errors(string text)
    {
        Assert.Null(Convert(new ParamDef("fileCreateMode", ParamType.FileMode), text, out var error));
        Assert.StartsWith("parameter 'fileCreateMode' must be a file mode of 4 or 5 octal digits", error);
    }

    [Fact]
    public void Choice_is_case_insensitive_and_canonical()
    {
        var def = new ParamDef("queue.type", ParamType.Choice) { Allowed = new[] { "FixedArray", "LinkedList" } };
        Assert.Equal("LinkedList", Convert(def, "linkedlist", out _));
        Assert.Null(Convert(def, "LinkList", out var error));
        Assert.Equal("parameter 'queue.type' must be one of \"FixedArray\", \"LinkedList\", not \"LinkList\" (did you mean \"LinkedList\"?)", error);
    }

    [Fact]
    public void Arrays()
    {
        var def = new ParamDef("permittedPeer", ParamType.StringArray);
        var array = new ArrayValue(new[] { new StringValue("a", SourceLocation.None), new StringValue("b", SourceLocation.None) }, SourceLocation.None);
        Assert.Equal(new[] { "a", "b" }, ParamConverter.Convert(def, array, "permittedPeer", out _));
        Assert.Equal(new[] { "a" }, Convert(def, "a", out _));
        Assert.Null(ParamConverter.Convert(new ParamDef("file", ParamType.String), array, "file", out var error));
        Assert.Equal("parameter 'file' must be a single string, not an array", error);
    }
}
