using Sluice.Engine.Config;
using Sluice.Engine.Runtime;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Templates;

/// <summary>
/// Options acting on control characters, quotes and slashes. Expected values were captured from rsyslogd 8.2302
/// with parser.escapeControlCharactersOnReceive="off" (so the control characters reach the template); the messages
/// are parsed with that setting and with parser.dropTrailingLFOnReception="off", so that trailing LFs reach
/// the template too.
/// </summary>
public class ControlCharacterOptionTests
{
    private const string Tpl =
        "esc=[%msg:::escape-cc%] drop=[%msg:::drop-cc%] space=[%msg:::space-cc%] json=[%msg:::json%] csv=[%msg:::csv%] " +
        "cs=[%msg:::compressspace%] spd=[%msg:::secpath-drop%] spr=[%msg:::secpath-replace%] " +
        "spr2=[%msg:2:$:secpath-replace%] up=[%msg:::uppercase,escape-cc%]";

    private static readonly GlobalSettings KeepControlCharacters =
        new() { EscapeControlCharactersOnReceive = false, DropTrailingLFOnReception = false };

    private static string Render(string template, string msg)
    {
        var m = SampleMessages.Parse("<13>Oct  1 02:03:04 host tag:" + msg, KeepControlCharacters);
        return SampleMessages.Render(new TemplateFactory().CreateStringTemplate("t", template, SourceLocation.None), m);
    }

    [Fact]
    public void Tabs_quotes_slashes_and_backslashes()
    {
        Assert.Equal(
            "esc=[ a#009b  \"q\" /x/y \\\\ #001end] drop=[ ab  \"q\" /x/y \\\\ end] space=[ a b  \"q\" /x/y \\\\  end] " +
            "json=[ a\\tb  \\\"q\\\" \\/x\\/y \\\\\\\\ \\u0001end] csv=[\" a\tb  \"\"q\"\" /x/y \\\\ \u0001end\"] " +
            "cs=[ a\tb \"q\" /x/y \\\\ \u0001end] spd=[ a\tb  \"q\" xy \\\\ \u0001end] spr=[ a\tb  \"q\" _x_y \\\\ \u0001end] " +
            "spr2=[a\tb  \"q\" _x_y \\\\ \u0001end] up=[ A#009B  \"Q\" /X/Y \\\\ #001END]",
            Render(Tpl, " a\tb  \"q\" /x/y \\\\ \u0001end"));
    }

    [Theory]
    [InlineData(" ..", "esc=[ ..] drop=[ ..] space=[ ..] json=[ ..] csv=[\" ..\"] cs=[ ..] spd=[ ..] spr=[ ..] spr2=[_.] up=[ ..]")]
    [InlineData(".", "esc=[.] drop=[.] space=[.] json=[.] csv=[\".\"] cs=[.] spd=[_] spr=[_] spr2=[_] up=[.]")]
    [InlineData("/a/./b", "esc=[/a/./b] drop=[/a/./b] space=[/a/./b] json=[\\/a\\/.\\/b] csv=[\"/a/./b\"] cs=[/a/./b] spd=[a.b] spr=[_a_._b] spr2=[a_._b] up=[/A/./B]")]
    public void Secure_path_handles_dots(string msg, string expected) => Assert.Equal(expected, Render(Tpl, msg));

    [Fact]
    public void Escape_cc_is_decimal_json_hex_is_upper_case_and_secpath_replace_keeps_rsyslogs_skip()
    {
        const string tpl = "esc=[%msg:::escape-cc%] json=[%msg:::json%] spr2=[%msg:2:$:secpath-replace%] dropcc=[%msg:::drop-cc%] lo=[%msg:::uppercase%]";
        Assert.Equal(
            "esc=[ a#027b#127céd a//b] json=[ a\\u001Bb\u007fcéd a\\/\\/b] spr2=[a\u001bb\u007fcéd a_/b] dropcc=[ abcéd a//b] lo=[ A\u001bB\u007fCéD A//B]",
            Render(tpl, " a\u001bb\u007fcéd a//b"));
    }

    [Fact]
    public void Drop_last_lf_removes_one_trailing_lf_unless_escape_cc()
    {
        Assert.Equal("[ x]", Render("[%msg:::drop-last-lf%]", " x\n"));
        Assert.Equal("[ x\n]", Render("[%msg:::drop-last-lf%]", " x\n\n"));
        Assert.Equal("[ x#010]", Render("[%msg:::drop-last-lf,escape-cc%]", " x\n"));
    }

    [Fact]
    public void Control_character_options_have_rsyslogs_precedence()
    {
        // drop-cc beats space-cc beats escape-cc, whatever the order they are written in.
        Assert.Equal("[ ab]", Render("[%msg:::escape-cc,drop-cc%]", " a\tb"));
        Assert.Equal("[ a b]", Render("[%msg:::escape-cc,space-cc%]", " a\tb"));
    }
}
