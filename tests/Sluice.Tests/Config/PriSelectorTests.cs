using Sluice.Engine.Scripting;

namespace Sluice.Tests.Config;

/// <summary>
/// Every expected mask row below was printed by the real rsyslogd 8.2302 ("rsyslogd -d -N1", rainerscript.c
/// "pmask:" lines: 26 facilities, 0–23, invld, mark; "X" is 0) for the same selector.
/// </summary>
public class PriSelectorTests
{
    [Theory]
    [InlineData("*.*", "FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF")]
    [InlineData("mail.info", " X  X 7F  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("auth,authpriv.*", " X  X  X  X FF  X  X  X  X  X FF  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("*.*;auth,authpriv.none", "FF FF FF FF  X FF FF FF FF FF  X FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF")]
    [InlineData("mail.=info", " X  X 40  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("mail.!info", " X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("mail.!=info", " X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("kern.!info", " X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("*.emerg", " 1  1  1  1  1  1  1  1  1  1  1  1  1  1  1  1  1  1  1  1  1  1  1  1  1  1")]
    [InlineData("*.=debug", "80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80")]
    [InlineData("mark.*", " X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X FF")]
    [InlineData("invld.*", " X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X FF  X")]
    [InlineData("ftp.*", " X  X  X  X  X  X  X  X  X  X  X FF  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("ntp.*", " X  X  X  X  X  X  X  X  X  X  X  X FF  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("security.*", " X  X  X  X FF  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("console.*", " X  X  X  X  X  X  X  X  X  X  X  X  X  X FF  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("local7.warn", " X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X 1F  X  X")]
    [InlineData("local0.panic", " X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  1  X  X  X  X  X  X  X  X  X")]
    [InlineData("user.error", " X  F  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("*.none", " X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("*.info;mail.none;authpriv.none;cron.none", "7F 7F  X 7F 7F 7F 7F 7F 7F  X  X 7F 7F 7F 7F 7F 7F 7F 7F 7F 7F 7F 7F 7F 7F 7F")]
    [InlineData("mail,3.info", "7F  X 7F  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("mail.6", " X  X 7F  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("mail.16", " X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("*.debug;local6.err", "FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF")]
    [InlineData("*.!*", " X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("mail.!*", " X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("*.=*", " X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("mail.=none", " X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("mail.!none", " X  X FF  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("*.info;*.!err", "70 70 70 70 70 70 70 70 70 70 70 70 70 70 70 70 70 70 70 70 70 70 70 70 70 70")]
    [InlineData("mail.*;mail.!=warning", " X  X EF  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("mail.*,kern.err", " F  X FF  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("MAIL.INFO", " X  X 7F  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    [InlineData("*.=info;*.=notice", "60 60 60 60 60 60 60 60 60 60 60 60 60 60 60 60 60 60 60 60 60 60 60 60 60 60")]
    [InlineData("*.*,mail.info", "FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF")]
    [InlineData("mail.info,kern.*", "FF  X 7F  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X  X")]
    public void Masks_match_rsyslog(string selector, string rsyslogMasks)
    {
        var filter = PriSelector.Decode(selector, out var error, out _);
        Assert.Null(error);
        Assert.NotNull(filter);
        var expected = rsyslogMasks.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(m => m == "X" ? (byte)0 : Convert.ToByte(m, 16)).ToArray();
        Assert.Equal(PriFilter.FacilityCount, expected.Length);
        var actual = Enumerable.Range(0, PriFilter.FacilityCount).Select(i => filter!.GetMask(i)).ToArray();
        Assert.Equal(expected, actual);
    }

    [Theory]
    // rsyslogd 8.2302: 'unknown facility name "audit"' (Linux has no LOG_AUDIT), etc.
    [InlineData("audit.*", "unknown facility name \"audit\"", 0)]
    [InlineData("foo.*", "unknown facility name \"foo\"", 0)]
    [InlineData("mail,foo.*", "unknown facility name \"foo\"", 5)]
    [InlineData("mail.bar", "unknown priority name \"bar\"", 5)]
    [InlineData("mail.=bar", "unknown priority name \"=bar\"", 5)]
    // A trailing ';' makes rsyslog read past the end of the string; 8.2302 reports this.
    [InlineData("*.*;", "unknown priority name \"\"", 4)]
    public void Errors_match_rsyslog(string selector, string message, int offset)
    {
        Assert.Null(PriSelector.Decode(selector, out var error, out int errorOffset));
        Assert.Equal(message, error);
        Assert.Equal(offset, errorOffset);
    }
}
