using Sluice.Engine.Config;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Templates;

/// <summary>Property getters, date formats and replacer options compared with what rsyslogd 8.2302 wrote.</summary>
public class RsyslogCaptureTests
{
    public static TheoryData<int> Samples() => new() { 0, 1, 2, 3, 4, 5, 6 };

    private static string Render(string text, int sample) =>
        SampleMessages.Render(new TemplateFactory().CreateStringTemplate("t", text, SourceLocation.None), SampleMessages.All()[sample]);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_message_property(int sample) =>
        Assert.Equal(RsyslogCaptures.Props[sample], Render(RsyslogCaptures.PropsTemplate, sample));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_date_format(int sample) =>
        Assert.Equal(RsyslogCaptures.Dates[sample], Render(RsyslogCaptures.DatesTemplate, sample));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Substrings_case_and_formats(int sample) =>
        Assert.Equal(RsyslogCaptures.Opts[sample], Render(RsyslogCaptures.OptsTemplate, sample));
}
