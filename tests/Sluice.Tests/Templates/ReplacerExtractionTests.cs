using Sluice.Engine.Config;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Templates;

/// <summary>
/// Regex ("R,…--end") and field ("F,…") extraction, the JSON formats and the week/ordinal dates, each expectation
/// as rsyslogd 8.2302 rendered the same line received over imtcp.
/// </summary>
public class ReplacerExtractionTests
{
    private const string Words = "<13>Nov 22 08:00:00 host tag: foo 12 bar fooob 34 y \"q\" back\\\\slash \\#012 x/y";
    private const string Fields = "<13>Nov 22 08:00:00 host tag: a;b;;c;d y 12 z";
    private const string PlusFive = "<13>1 2003-10-11T01:00:00+05:00 host app - - - plus five";

    private static string Render(string template, string line) =>
        SampleMessages.Render(new TemplateFactory().CreateStringTemplate("t", template, SourceLocation.None), SampleMessages.Parse(line));

    [Theory]
    [InlineData("%msg:R,ERE,1,FIELD:f(o+)b--end%", Words, "ooo")]
    [InlineData("%msg:R,ERE,2,DFLT:(x)|(y)--end%", Words, "y")]
    [InlineData("%msg:R,ERE,0,ZERO,1:[0-9]+--end%", Words, "34")]
    [InlineData("%msg:R:o+--end%", Words, "**NO MATCH**")] // BRE: '+' is literal
    [InlineData("%msg:R,ERE,0,,1:[0-9]+--end%", Fields, "**NO MATCH**")] // empty no-match mode: DFLT, then match 1
    [InlineData("%msg:R,ERE,0,DFLT,5:[0-9]--end%", Fields, "**NO MATCH**")]
    [InlineData("%msg:R,ERE,0,FIELD,1:q*--end%", Fields, "")] // an empty match repeats itself
    [InlineData("%msg:R,ERE,1,DFLT:(x)|(y)--end%", PlusFive, "**NO MATCH**")]
    [InlineData("%msg:R,ERE,1,BLANK:(x)|(y)--end%", PlusFive, "")]
    [InlineData("%msg:R,ERE,1,ZERO:(x)|(y)--end%", PlusFive, "0")]
    [InlineData("%msg:R,ERE,1,FIELD:(x)|(y)--end%", PlusFive, "plus five")]
    [InlineData("%msg:R,ERE,3:(a)--end%", PlusFive, "**NO MATCH**")]
    public void Regex_extraction(string template, string line, string expected) =>
        Assert.Equal(expected, Render(template, line));

    [Theory]
    [InlineData("%msg:R,ERE,1,DFLT:(x)|(y)--end%")]
    [InlineData("%msg:R,ERE,1,BLANK:(x)|(y)--end%")]
    [InlineData("%msg:R,ERE,1,ZERO:(x)|(y)--end%")]
    [InlineData("%msg:R,ERE,1,FIELD:(x)|(y)--end%")]
    [InlineData("%msg:R,ERE,3:(a)--end%")]
    public void A_group_that_did_not_take_part_is_empty_whatever_the_no_match_mode(string template) =>
        Assert.Equal("", Render(template, Fields));

    [Theory]
    [InlineData("%msg:F,32:2%", Words, "foo")]
    [InlineData("%msg:F,32,2:3,4%", Words, "2")]
    [InlineData("%msg:F:2%", Words, "**FIELD NOT FOUND**")] // default delimiter TAB
    [InlineData("%msg:F,59,2:3%", Fields, "")]
    [InlineData("%msg:F,59:3%", Fields, "")]
    [InlineData("%msg:F,59:4%", Fields, "c")]
    [InlineData("%msg:F,59:9%", Fields, "**FIELD NOT FOUND**")]
    [InlineData("%msg:F,59:9:uppercase,json%", Fields, "**FIELD NOT FOUND**")] // returned before any option
    [InlineData("%msg:F,59:5:uppercase%", Fields, "D Y 12 Z")]
    public void Field_extraction(string template, string line, string expected) =>
        Assert.Equal(expected, Render(template, line));

    [Theory]
    [InlineData("%msg:::jsonf%", "\"msg\":\" foo 12 bar fooob 34 y \\\"q\\\" back\\\\\\\\slash \\\\#012 x\\/y\"")]
    [InlineData("%msg:::jsonr%", " foo 12 bar fooob 34 y \\\"q\\\" back\\\\slash \\\\#012 x\\/y")]
    [InlineData("%msg:::jsonfr:myname%", "\"myname\":\" foo 12 bar fooob 34 y \\\"q\\\" back\\\\slash \\\\#012 x\\/y\"")]
    [InlineData("%msg:::mandatory-field%", " foo 12 bar fooob 34 y \"q\" back\\\\slash \\#012 x/y")]
    [InlineData("%MSG:1:4:jsonf%", "\"MSG\":\" foo\"")]
    [InlineData("%msg:1:2:jsonf:%", "\"\":\" f\"")]
    public void Json_formats(string template, string expected) =>
        Assert.Equal(expected, Render(template, Words));

    [Theory]
    [InlineData("<13>1 2003-10-11T01:00:00+05:00 h a - - - x", "283 41 41 2003")] // rsyslog's '+' offset quirk: a day early
    [InlineData("<13>1 2003-10-11T01:00:00-05:00 h a - - - x", "284 41 41 2003")]
    [InlineData("<13>1 2003-12-31T23:59:59Z h a - - - x", "366 53 01 2004")]
    [InlineData("<13>1 2004-12-31T23:59:59+01:00 h a - - - x", "366 53 53 2004")]
    [InlineData("<13>1 2004-02-29T12:00:00+00:30 h a - - - x", "060 10 09 2004")]
    [InlineData("<13>1 2024-12-30T10:00:00Z h a - - - x", "365 52 01 2025")]
    public void Ordinal_and_week_dates(string line, string expected) =>
        Assert.Equal(expected, Render(
            "%timestamp:::date-ordinal% %timestamp:::date-week% %timestamp:::date-iso-week% %timestamp:::date-iso-week-year%", line));

    [Fact]
    public void A_large_plus_offset_just_after_new_year_gives_week_zero() =>
        Assert.Equal("00 01 2003", Render("%timestamp:::date-week% %timestamp:::date-iso-week% %timestamp:::date-iso-week-year%",
            "<13>1 2003-01-01T00:15:00+14:00 h a - - - x"));

    [Fact]
    public void Iso_week_outside_1970_to_2099_is_reported_as_out_of_range() =>
        Assert.Equal("YEAR OUT OF RANGE(1970-2099)", Render("%timestamp:::date-iso-week%", "<13>1 1969-12-31T23:59:59Z h a - - - x"));
}
