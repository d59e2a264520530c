using Sluice.Tests.Integration;

namespace Sluice.Tests.Differential;

/// <summary>String templates exercising every property and replacer option, written by rsyslogd and by sluiced.</summary>
[Collection(DaemonCollection.Name)]
public sealed class StringTemplateDifferentialTests
{
    /// <summary>Every message property; the system properties ($now …) are left out: they depend on the time of processing.</summary>
    private const string Properties =
        "msg=[%msg%] raw=[%rawmsg%] rap=[%rawmsg-after-pri%] host=[%hostname%] src=[%source%] fh=[%fromhost%] " +
        "fhip=[%fromhost-ip%] tag=[%syslogtag%] prog=[%programname%] pri=[%pri%] pt=[%pri-text%] iut=[%iut%] " +
        "f=[%syslogfacility%] ft=[%syslogfacility-text%] s=[%syslogseverity%] st=[%syslogseverity-text%] " +
        "sp=[%syslogpriority%] spt=[%syslogpriority-text%] pv=[%protocol-version%] sd=[%structured-data%] " +
        "app=[%app-name%] pid=[%procid%] mid=[%msgid%] in=[%inputname%] bom=[%$bom%]\n";

    /// <summary>
    /// The date formats whose reception-time text can be masked (used on every line). date-rfc3164-buggyday is left
    /// out of every config: rsyslog caches one RFC 3164 text per message, so whichever action renders first decides
    /// the day padding for all (see Properties/TimestampFormatter.cs).
    /// </summary>
    private const string LongDates =
        "ts=[%timestamp%] 3339=[%timereported:::date-rfc3339%] 3164=[%timereported:::date-rfc3164%] " +
        "my=[%timestamp:::date-mysql%] pg=[%timestamp:::date-pgsql%] unix=[%timestamp:::date-unixtimestamp%] " +
        "utc=[%timestamp:::date-rfc3339,date-utc%] utc3164=[%timestamp:::date-utc%] utcmy=[%timestamp:::date-mysql,date-utc%] " +
        "tg=[%timegenerated:::date-rfc3339%] tgu=[%timegenerated:::date-pgsql,date-utc%]\n";

    /// <summary>Every date part; only on lines with their own timestamp (parts of the reception time cannot be masked).</summary>
    internal const string ShortDates =
        "y=[%timestamp:::date-year%] mo=[%timestamp:::date-month%] d=[%timestamp:::date-day%] h=[%timestamp:::date-hour%] " +
        "mi=[%timestamp:::date-minute%] s=[%timestamp:::date-second%] sub=[%timestamp:::date-subseconds%] " +
        "tzh=[%timestamp:::date-tzoffshour%] tzm=[%timestamp:::date-tzoffsmin%] tzd=[%timestamp:::date-tzoffsdirection%] " +
        "wd=[%timestamp:::date-wday%] wdn=[%timestamp:::date-wdayname%] ord=[%timestamp:::date-ordinal%] " +
        "wk=[%timestamp:::date-week%] iw=[%timestamp:::date-iso-week%] iwy=[%timestamp:::date-iso-week-year%] " +
        "uy=[%timestamp:::date-year,date-utc%] uh=[%timestamp:::date-hour,date-utc%] uord=[%timestamp:::date-ordinal,date-utc%] " +
        "uwk=[%timestamp:::date-week,date-utc%] uiw=[%timestamp:::date-iso-week,date-utc%] usub=[%timestamp:::date-subseconds,date-utc%]\n";

    private const string Replacer =
        "json=[%msg:::json%] csv=[%msg:::csv%] esc=[%rawmsg:::escape-cc%] drop=[%rawmsg:::drop-cc%] space=[%rawmsg:::space-cc%] " +
        "spr=[%syslogtag:::secpath-replace%] spd=[%syslogtag:::secpath-drop%] up=[%hostname:::uppercase%] low=[%msg:::lowercase%] " +
        "cut=[%syslogtag:1:32%] tail=[%msg:2:$%] mid=[%msg:3:10%] fw=[%programname:1:12:fixed-width%] " +
        "per=[%msg:1:5:pos-end-relative%] sp1=[%msg:::sp-if-no-1st-sp%] cs=[%msg:::compressspace%] dll=[%msg:::drop-last-lf%] " +
        "jf=[%msg:::jsonf%] jr=[%msg:::jsonr%] jfr=[%syslogtag:::jsonfr:t%] mf=[%msg:::mandatory-field%] " +
        "mix=[%msg:2:40:lowercase,compressspace,csv%] escjson=[%rawmsg:::escape-cc,json%]\n";

    private const string Extraction =
        "r1=[%msg:R,ERE,1,BLANK:([0-9]+)--end%] r2=[%msg:R,ERE,0,DFLT,1:[a-z]+--end%] r3=[%msg:R,ERE,2,ZERO:(x)|(y)--end%] " +
        "r4=[%rawmsg:R,ERE,0,FIELD:^<[0-9]+>--end%] r5=[%msg:R:[0-9]\\{2\\}--end%] r6=[%hostname:R,ERE,1,FIELD:^([^.]+)\\.--end%] " +
        "r7=[%msg:R,ERE,0,FIELD,2:[a-z]+=[a-z0-9]+--end:uppercase%] r8=[%msg:R,BRE,1,BLANK:\\([a-z]*\\)=--end%] " +
        "f1=[%msg:F,32:2%] f2=[%msg:F,32,2:3,5%] f3=[%rawmsg:F:2%] f4=[%msg:F,58:2:uppercase%] f5=[%structured-data:F,61:2%] " +
        "f6=[%msg:F,59:3%] f7=[%msg:F,59:4:json%]\n";

    private static string Template(string name, string text, string options = "") =>
        $"template(name=\"{name}\" type=\"string\" string=\"{DifferentialRun.ConfigString(text)}\" {options})";

    public static TheoryData<string> Variants => BuiltInTemplateDifferentialTests.Variants;

    [Theory]
    [MemberData(nameof(Variants))]
    public void Properties_long_dates_replacer_options_and_extraction(string variant) =>
        DifferentialRun.AssertIdentical(
            string.Join("\n", Template("props", Properties), Template("dates", LongDates), Template("replacer", Replacer),
                Template("extract", Extraction)),
            [new("props", "props"), new("dates", "dates"), new("replacer", "replacer"), new("extract", "extract")],
            DifferentialCorpus.All(), BuiltInTemplateDifferentialTests.Globals(variant));

    /// <summary>date-rfc3164-buggyday alone: with no other RFC 3164 rendering of timereported, nothing decides the day padding first.</summary>
    [Fact]
    public void Rfc3164_buggyday_alone() =>
        DifferentialRun.AssertIdentical(Template("buggy", "[%timereported:::date-rfc3164-buggyday%] [%timestamp:::date-rfc3164-buggyday%] %msg%\n"),
            [new("buggy", "buggy")], DifferentialCorpus.All());

    [Fact]
    public void Every_date_part_on_lines_with_a_timestamp() =>
        DifferentialRun.AssertIdentical(Template("parts", ShortDates), [new("parts", "parts")], DifferentialCorpus.Timestamped());

    [Fact]
    public void Template_options_sql_stdsql_json_and_jsonf()
    {
        const string text = "[%msg%] [%syslogtag:1:8%] [%rawmsg:::escape-cc%] const ' \" \\\n";
        string templates = string.Join("\n",
            Template("sql", text, "option.sql=\"on\""),
            Template("stdsql", text, "option.stdsql=\"on\""),
            Template("json", text, "option.json=\"on\""),
            Template("jsonf", "%msg:::jsonf% %hostname:::jsonf:h%", "option.jsonf=\"on\""),
            "$template legacysql,\"[%msg%] [%programname%]\\n\",sql",
            "$template legacyjson,\"[%msg%] [%programname%]\\n\",json");
        DifferentialRun.AssertIdentical(templates,
            [new("sql", "sql"), new("stdsql", "stdsql"), new("json", "json"), new("jsonf", "jsonf"),
             new("legacysql", "legacysql"), new("legacyjson", "legacyjson")],
            DifferentialCorpus.All());
    }
}
