using Sluice.Engine.Config;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Templates;

/// <summary>
/// After a leading-year timestamp, a message that ends in its TAG gets rsyslog's NUL terminator appended to the
/// TAG. The replacer options that rsyslog runs over C strings stop at that NUL. Expected bytes are what rsyslogd
/// 8.2302 wrote for the same lines (TemplateEndToEndTests checks them against the binary).
/// </summary>
public class NulTerminatedTagTests
{
    private static string Render(string template, string line) => SampleMessages.Render(
        new TemplateFactory().CreateStringTemplate("t", template, SourceLocation.None), SampleMessages.Parse(line));

    [Fact]
    public void The_tag_keeps_the_nul()
    {
        Assert.Equal("[host\0]", Render("[%syslogtag%]", "<13>2026 Nov 22 08:00:00 host"));
        Assert.Equal("[\0]", Render("[%syslogtag%]", "<13>2026 Nov 22 08:00:00 "));
    }

    [Fact]
    public void Control_character_options_see_the_tag_up_to_the_nul()
    {
        const string line = "<13>2026 Nov 22 08:00:00 h a\u007fb";
        Assert.Equal("[ab]", Render("[%syslogtag:::drop-cc%]", line)); // rebuilt: ends at the NUL
        Assert.Equal("[a b\0]", Render("[%syslogtag:::space-cc%]", line)); // in place: the NUL stays
        Assert.Equal("[a#127b]", Render("[%syslogtag:::escape-cc%]", line));
        Assert.Equal("[host\0|host\0|host\0]",
            Render("[%syslogtag:::drop-cc%|%syslogtag:::space-cc%|%syslogtag:::escape-cc%]", "<13>2026 Nov 22 08:00:00 host"));
    }

    [Fact]
    public void Secure_path_csv_substring_and_sp_if_no_1st_sp()
    {
        Assert.Equal("[ab]", Render("[%syslogtag:::secpath-drop%]", "<13>2026 Nov 22 08:00:00 a/b"));
        Assert.Equal("[_]", Render("[%syslogtag:::secpath-replace%]", "<13>2026 Nov 22 08:00:00 "));
        Assert.Equal("[_\0]", Render("[%syslogtag:::secpath-replace%]", "<13>2026 Nov 22 08:00:00 h ."));
        Assert.Equal("[_.\0]", Render("[%syslogtag:::secpath-replace%]", "<13>2026 Nov 22 08:00:00 h .."));
        Assert.Equal("[\"a\"\"b\"]", Render("[%syslogtag:::csv%]", "<13>2026 Nov 22 08:00:00 h a\"b"));
        Assert.Equal("[a\\\"b\\u0000]", Render("[%syslogtag:::json%]", "<13>2026 Nov 22 08:00:00 h a\"b"));
        // Positions count the NUL, but the copy pads with a space where the C string ends.
        Assert.Equal("[ost ]", Render("[%syslogtag:2:$%]", "<13>2026 Nov 22 08:00:00 host"));
        // sp-if-no-1st-sp leaves a value alone when its C string is empty.
        Assert.Equal("[ ]", Render("[%syslogtag:::sp-if-no-1st-sp%]", "<13>2026 Nov 22 08:00:00 host"));
        Assert.Equal("[\0]", Render("[%syslogtag:::sp-if-no-1st-sp%]", "<13>2026 Nov 22 08:00:00 "));
    }

    [Fact]
    public void File_format_writes_the_tag_with_its_nul()
    {
        var registry = new TemplateRegistry();
        new TemplateFactory().AddBuiltIns(registry);
        string line = SampleMessages.Render(registry.Find("RSYSLOG_TraditionalFileFormat")!, SampleMessages.Parse("<13>2026 Nov 22 08:00:00 host"));
        Assert.Equal("Nov 22 08:00:00 localhost host\0 \n", line);
    }
}
