using System.Text;
using Sluice.Engine.Config;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Properties;
using Sluice.Engine.Runtime;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Properties;

public class PropertyWriterTests
{
    private static string Get(Message m, string name, RenderContext? ctx = null)
    {
        var buf = new ByteBuffer(16);
        PropertyWriter.Append(buf, PropertyNames.Resolve(name, SourceLocation.None), m, ctx ?? SampleMessages.Context);
        return Encoding.UTF8.GetString(buf.WrittenSpan);
    }

    private static string Get(Message m, string name, DateFormat format) => MessageProperties.Get(m, name, format);

    [Fact]
    public void Legacy_message_fields()
    {
        var m = SampleMessages.Sample1();
        Assert.Equal(" Accepted password for user", Get(m, "msg"));
        Assert.Equal(SampleMessages.Line1, Get(m, "rawmsg"));
        Assert.Equal(SampleMessages.Line1[5..], Get(m, "rawmsg-after-pri"));
        Assert.Equal("myhost", Get(m, "hostname"));
        Assert.Equal("myhost", Get(m, "source"));
        Assert.Equal("sshd[123]:", Get(m, "syslogtag"));
        Assert.Equal("sshd", Get(m, "programname"));
        Assert.Equal("sshd", Get(m, "app-name"));
        Assert.Equal("123", Get(m, "procid"));
        Assert.Equal("-", Get(m, "msgid"));
        Assert.Equal("-", Get(m, "structured-data"));
        Assert.Equal("0", Get(m, "protocol-version"));
        Assert.Equal("imtcp", Get(m, "inputname"));
        Assert.Equal("1", Get(m, "iut"));
    }

    [Fact]
    public void Priority_numbers_and_names()
    {
        var m = SampleMessages.Sample1(); // <134> = local0.info
        Assert.Equal("134", Get(m, "pri"));
        Assert.Equal("local0.info", Get(m, "pri-text"));
        Assert.Equal("16", Get(m, "syslogfacility"));
        Assert.Equal("local0", Get(m, "syslogfacility-text"));
        Assert.Equal("6", Get(m, "syslogseverity"));
        Assert.Equal("6", Get(m, "syslogpriority"));
        Assert.Equal("info", Get(m, "syslogseverity-text"));
        Assert.Equal("info", Get(m, "syslogpriority-text"));
        Assert.Equal("kern.emerg", Get(SampleMessages.Parse("<0>Nov 22 08:00:00 host kern: zero"), "pri-text"));
        Assert.Equal("local7.debug", Get(SampleMessages.Parse("<191>max pri"), "pri-text"));
        var invalid = SampleMessages.Parse("<999>bad pri"); // rsyslog's LOG_PRI_INVLD for an out-of-range PRI
        Assert.Equal("invld", Get(invalid, "pri"));
        Assert.Equal("invld", Get(invalid, "syslogfacility"));
        Assert.Equal("invld", Get(invalid, "syslogfacility-text"));
        Assert.Equal("invld.debug", Get(invalid, "pri-text"));
        Assert.Equal("7", Get(invalid, "syslogseverity"));
    }

    [Fact]
    public void Rfc5424_message_fields_and_emulated_tag()
    {
        var m = SampleMessages.Sample3();
        Assert.Equal("myproc[8710]", Get(m, "syslogtag"));
        Assert.Equal("myproc", Get(m, "programname"));
        Assert.Equal("myproc", Get(m, "app-name"));
        Assert.Equal("8710", Get(m, "procid"));
        Assert.Equal("-", Get(m, "msgid"));
        Assert.Equal("1", Get(m, "protocol-version"));

        var m2 = SampleMessages.Sample2(); // PROCID "-": the TAG is APP-NAME alone
        Assert.Equal("evntslog", Get(m2, "syslogtag"));
        Assert.Equal("ID47", Get(m2, "msgid"));
        Assert.Equal("[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]", Get(m2, "structured-data"));

        var bad = SampleMessages.Parse("<13>1 bad"); // a bad timestamp stops RFC 5424 parsing: no APP-NAME, no TAG
        Assert.Equal("", Get(bad, "app-name"));
        Assert.Equal("", Get(bad, "syslogtag"));
        Assert.Equal("", Get(bad, "programname"));
        Assert.Equal("-", Get(bad, "procid"));
        Assert.Equal("bad", Get(bad, "msg"));
    }

    [Fact]
    public void Rfc5424_nil_values_read_as_rsyslog_reports_them()
    {
        var m = SampleMessages.Parse("<165>1 - - - - - -");
        Assert.Equal("-", Get(m, "hostname"));
        Assert.Equal("-", Get(m, "syslogtag"));
        Assert.Equal("-", Get(m, "programname"));
        Assert.Equal("-", Get(m, "app-name"));
        Assert.Equal("-", Get(m, "procid"));
        Assert.Equal("-", Get(m, "msgid"));
        Assert.Equal("-", Get(m, "structured-data"));
        Assert.Equal("", Get(m, "msg"));
        // No timestamp: timereported is the reception time.
        Assert.Equal("2026-11-22T08:06:09.123456+00:00", Get(m, "timereported", DateFormat.Rfc3339));

        var empty = SampleMessages.Parse("<13>1 2003-10-11T22:14:15Z host  123 ID47 - emptyapp");
        Assert.Equal("-", Get(empty, "app-name")); // an empty APP-NAME becomes "-"
        Assert.Equal("-[123]", Get(empty, "syslogtag"));
    }

    [Fact]
    public void Legacy_procid_needs_both_brackets()
    {
        var m = SampleMessages.Parse("<13>Oct  1 02:03:04 host su[: x");
        Assert.Equal("-", Get(m, "procid"));
        Assert.Equal("su", Get(m, "programname"));
        var m2 = SampleMessages.Parse("<13>Oct  1 02:03:04 host cron/x[]: y");
        Assert.Equal("", Get(m2, "procid"));
        Assert.Equal("cron", Get(m2, "programname")); // '/' ends programname unless permitted
        Assert.Equal("cron", Get(m2, "app-name"));
        var permitted = SampleMessages.Parse("<13>Oct  1 02:03:04 host cron/x[]: y", new GlobalSettings { PermitSlashInProgramName = true });
        Assert.Equal("cron/x", Get(permitted, "programname"));
        Assert.Equal("cron/x", Get(permitted, "app-name"));
    }

    [Fact]
    public void Hostname_falls_back_to_fromhost()
    {
        var m = SampleMessages.Parse("<13>Nov 22 08:00:00 tag: nohost");
        Assert.Equal("localhost", Get(m, "hostname"));
        Assert.Equal("localhost", Get(m, "source"));
        Assert.Equal("localhost", Get(m, "fromhost"));
        Assert.Equal("127.0.0.1", Get(m, "fromhost-ip"));
        Assert.Equal("40312", Get(m, "fromhost-port"));
    }

    [Fact]
    public void Message_without_pri_or_header()
    {
        var m = SampleMessages.Parse("no pri at all");
        Assert.Equal("no pri at all", Get(m, "rawmsg-after-pri"));
        Assert.Equal(" at all", Get(m, "msg"));
        Assert.Equal("user.notice", Get(m, "pri-text"));
        Assert.Equal("pri", Get(m, "syslogtag"));
        var headerless = SampleMessages.Parse("<13>{\"a\":1}");
        Assert.Equal("{\"a\":1}", Get(headerless, "msg"));
        Assert.Equal("{\"a\":1}", Get(headerless, "rawmsg-after-pri"));
        Assert.Equal("", Get(headerless, "syslogtag"));
        Assert.Equal("", Get(headerless, "programname"));
        Assert.Equal("-", Get(headerless, "app-name"));
        Assert.Equal("localhost", Get(headerless, "hostname"));
    }

    [Fact]
    public void System_properties_use_the_batch_time()
    {
        // 2026-11-22T23:50:09-05:00 local is 2026-11-23T04:50:09 UTC, a Monday.
        var now = SampleMessages.Time(2026, 11, 22, 23, 50, 9, 0, 0, '-', 5, 0);
        var ctx = new RenderContext(now, "collector"u8.ToArray());
        var m = SampleMessages.Sample1();
        Assert.Equal("2026-11-22", Get(m, "$now", ctx));
        Assert.Equal("2026", Get(m, "$year", ctx));
        Assert.Equal("11", Get(m, "$month", ctx));
        Assert.Equal("22", Get(m, "$day", ctx));
        Assert.Equal("23", Get(m, "$hour", ctx));
        Assert.Equal("01", Get(m, "$hhour", ctx));
        Assert.Equal("03", Get(m, "$qhour", ctx));
        Assert.Equal("50", Get(m, "$minute", ctx));
        Assert.Equal("0", Get(m, "$wday", ctx));
        Assert.Equal("2026-11-23", Get(m, "$now-utc", ctx));
        Assert.Equal("2026", Get(m, "$year-utc", ctx));
        Assert.Equal("11", Get(m, "$month-utc", ctx));
        Assert.Equal("23", Get(m, "$day-utc", ctx));
        Assert.Equal("04", Get(m, "$hour-utc", ctx));
        Assert.Equal("01", Get(m, "$hhour-utc", ctx));
        Assert.Equal("03", Get(m, "$qhour-utc", ctx));
        Assert.Equal("50", Get(m, "$minute-utc", ctx));
        Assert.Equal("1", Get(m, "$wday-utc", ctx));
        Assert.Equal("1795409409", Get(m, "$now-unixtimestamp", ctx));
        Assert.Equal("collector", Get(m, "$myhostname", ctx));
        Assert.Equal("\uFEFF", Get(m, "$bom", ctx));
        var bom = new ByteBuffer(4);
        PropertyWriter.Append(bom, PropertyId.SysBom, m, ctx);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bom.WrittenSpan.ToArray());
    }

    [Fact]
    public void Names_are_case_insensitive_and_unknown_ones_get_a_suggestion()
    {
        Assert.Equal(PropertyId.Hostname, PropertyNames.Resolve("HostName", SourceLocation.None));
        Assert.Equal(PropertyId.TimeReported, PropertyNames.Resolve("TIMESTAMP", SourceLocation.None));
        Assert.Equal(PropertyId.TimeGenerated, PropertyNames.Resolve("timereceived", SourceLocation.None));
        Assert.Equal(PropertyId.SysNowUtc, PropertyNames.Resolve("$NOW-UTC", SourceLocation.None));
        var at = new SourceLocation("r.conf", 4, 9);
        var e = Assert.Throws<ConfigException>(() => PropertyNames.Resolve("progamname", at));
        Assert.Equal(at, e.Errors[0].Location);
        Assert.Contains("invalid property 'progamname' (did you mean 'programname'?)", e.Message);
        Assert.DoesNotContain("did you mean", Assert.Throws<ConfigException>(() => PropertyNames.Resolve("zzzzzzzzzzzz", at)).Message);
        // Variables are not properties: templates and filters take them through PropertyNames.TryVariable.
        Assert.Contains("is a variable", Assert.Throws<ConfigException>(() => PropertyNames.Resolve("$/counter", at)).Message);
        Assert.Equal("$/counter", PropertyNames.TryVariable("$/counter")!.ToString());
        Assert.Equal("$!a!b", PropertyNames.TryVariable("!a!b")!.ToString());
        Assert.Null(PropertyNames.TryVariable("$!all-json"));
        Assert.True(PropertyNames.IsAllJson("$!all-json-plain", out bool plain) && plain);
        Assert.Null(PropertyNames.TryVariable("msg"));
        Assert.Equal(PropertyId.ParseSuccess, PropertyNames.Resolve("ParseSuccess", at));
        Assert.Equal(PropertyId.JsonMesg, PropertyNames.Resolve("jsonmesg", at));
        Assert.Equal(PropertyId.Uuid, PropertyNames.Resolve("UUID", at));
        Assert.Equal(PropertyId.SysUptime, PropertyNames.Resolve("$uptime", at));
    }
}
