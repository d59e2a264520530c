using Sluice.Tests.Integration;

namespace Sluice.Tests.Differential;

/// <summary>List templates with every property() and constant() parameter, written by rsyslogd and by sluiced.</summary>
[Collection(DaemonCollection.Name)]
public sealed class ListTemplateDifferentialTests
{
    private const string EveryParameter = """
        template(name="list" type="list") {
          constant(value="A[") property(name="msg" format="jsonf")
          constant(value="] B[") property(name="msg" format="jsonf" outname="n" dataType="number")
          constant(value="] C[") property(name="msg" format="jsonf" outname="a" dataType="auto" onEmpty="null")
          constant(value="] D[") property(name="msg" format="jsonf" outname="b" dataType="bool" onEmpty="skip")
          constant(value="] E[") property(name="msg" position.from="2" position.to="-1")
          constant(value="] F[") property(name="msg" position.from="3" position.to="1" position.relativeToEnd="on")
          constant(value="] G[") property(name="msg" field.number="2" field.delimiter="32")
          constant(value="] H[") property(name="rawmsg" controlCharacters="escape")
          constant(value="] I[") property(name="rawmsg" controlCharacters="space" compressSpace="on")
          constant(value="] J[") property(name="rawmsg" controlCharacters="drop")
          constant(value="] K[") property(name="msg" regex.expression="[0-9]+" regex.type="ERE" regex.match="1" regex.noMatchMode="BLANK")
          constant(value="] L[") property(name="msg" regex.expression="\\([a-z]*\\)=" regex.submatch="1" regex.noMatchMode="ZERO")
          constant(value="] M[") property(name="msg" position.from="2" position.to="10" fixedWidth="on")
          constant(value="] N[") property(name="timereported" dateFormat="rfc3339" date.inUTC="on")
          constant(value="] O[") constant(value="x\"y/z" format="jsonf" outname="cst")
          constant(value="] P[") property(name="msg" droplastlf="on" spifno1stsp="on")
          constant(value="] Q[") property(name="syslogtag" caseConversion="upper" securePath="replace")
          constant(value="] R[") property(name="syslogtag" caseConversion="lower" securePath="drop")
          constant(value="] S[") property(name="msg" format="csv" mandatory="on")
          constant(value="] T[") property(name="msg" format="json")
          constant(value="] U[") property(name="msg" format="jsonr")
          constant(value="] V[") property(name="syslogtag" format="jsonfr" outname="tag")
          constant(value="] W[") property(name="msg" regex.expression="nothing-like-this" regex.noMatchMode="FIELD" position.from="1" position.to="6")
          constant(value="] X[") property(name="timereported" dateFormat="mysql") constant(value=" ") property(name="timereported" dateFormat="pgsql")
          constant(value=" ") property(name="timereported" dateFormat="unixtimestamp") constant(value=" ") property(name="timestamp" dateFormat="rfc3164")
          constant(value="] Y[") property(name="programname" outname="prog" dataType="string")
          constant(value="] Z[") property(name="msg" field.number="3" field.delimiter="59" caseConversion="upper" format="jsonf" outname="f3")
          constant(value="]\n")
        }
        """;

    private const string Dates = """
        template(name="dates" type="list") {
          property(name="timereported" dateFormat="year") constant(value=" ")
          property(name="timereported" dateFormat="month") constant(value=" ")
          property(name="timereported" dateFormat="day") constant(value=" ")
          property(name="timereported" dateFormat="hour") constant(value=" ")
          property(name="timereported" dateFormat="minute") constant(value=" ")
          property(name="timereported" dateFormat="second") constant(value=" ")
          property(name="timereported" dateFormat="subseconds") constant(value=" ")
          property(name="timereported" dateFormat="tzoffshour") constant(value=" ")
          property(name="timereported" dateFormat="tzoffsmin") constant(value=" ")
          property(name="timereported" dateFormat="tzoffsdirection") constant(value=" ")
          property(name="timereported" dateFormat="wday") constant(value=" ")
          property(name="timereported" dateFormat="wdayname") constant(value=" ")
          property(name="timereported" dateFormat="ordinal") constant(value=" ")
          property(name="timereported" dateFormat="week") constant(value=" ")
          property(name="timereported" dateFormat="hour" date.inUTC="on") constant(value=" ")
          property(name="timereported" dateFormat="ordinal" date.inUTC="on") constant(value=" ")
          property(name="timereported" dateFormat="rfc3339" format="jsonf" outname="t")
          constant(value="\n")
        }
        """;

    private const string JsonObject = """
        template(name="object" type="list" option.jsonf="on") {
          property(name="timereported" dateFormat="rfc3339" format="jsonf" outname="@timestamp")
          property(name="hostname" format="jsonf" outname="host")
          property(name="syslogseverity" format="jsonf" outname="severity" dataType="number")
          property(name="syslogfacility-text" format="jsonf" outname="facility")
          property(name="programname" format="jsonf" outname="program" onEmpty="skip")
          property(name="procid" format="jsonf" outname="pid" dataType="auto")
          property(name="msg" format="jsonf" outname="message")
          constant(value="1" format="jsonf" outname="version")
        }
        """;

    private const string Sql = """
        template(name="sql" type="list" option.sql="on") {
          constant(value="INSERT INTO log (host, tag, msg) VALUES ('")
          property(name="hostname") constant(value="', '") property(name="syslogtag") constant(value="', '")
          property(name="msg") constant(value="');\n")
        }
        template(name="stdsql" type="list" option.stdsql="on") {
          constant(value="('") property(name="msg") constant(value="', '\\t')\n")
        }
        """;

    public static TheoryData<string> Variants => BuiltInTemplateDifferentialTests.Variants;

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_property_and_constant_parameter(string variant) =>
        DifferentialRun.AssertIdentical(EveryParameter + "\n" + JsonObject + "\n" + Sql,
            [new("list", "list"), new("object", "object"), new("sql", "sql"), new("stdsql", "stdsql")],
            DifferentialCorpus.All(), BuiltInTemplateDifferentialTests.Globals(variant));

    [Fact]
    public void Every_date_format_on_lines_with_a_timestamp() =>
        DifferentialRun.AssertIdentical(Dates, [new("dates", "dates")], DifferentialCorpus.Timestamped());
}
