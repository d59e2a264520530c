using Sluice.Tests.Integration;

namespace Sluice.Tests.Differential;

/// <summary>
/// $!, $. and $/ variables in string and list templates — plain, through the replacer, and under option.json,
/// option.jsonf and option.casesensitive — written by rsyslogd and by sluiced after the same set statements. The
/// seed article's client template (LongTagForwardFormat with %$.suffix% from a re_extract() of $!metadata!filename)
/// is among them.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class VariableTemplateDifferentialTests
{
    private const string Actions = """
        set $!a!b = "x/y \"q\" \\ tab\there";
        set $!a!n = 42;
        set $!Mixed!Case = "mc";
        set $!num = $syslogseverity;
        set $.x = $programname;
        set $.n = 7;
        set $/g = "global " & $syslogfacility-text;
        set $/GlobalMixed = "gm";
        set $!metadata!filename = "/var/log/app/" & $programname & ".log";
        set $.suffix = re_extract($!metadata!filename, "(.*)/([^/]*)", 0, 2, "all.log");
        set $.fromtag = re_extract($syslogtag, "^([a-z]+)", 0, 1, "");
        set $.msgpart = substring($msg, 1, 12);
        """;

    private static string String(string name, string text, string options = "") =>
        $"template(name=\"{name}\" type=\"string\" string=\"{DifferentialRun.ConfigString(text)}\" {options})";

    private static readonly string Templates = string.Join("\n",
        String("plain",
            "a=[%$!a%] ab=[%$!a!b%] an=[%$!a!n%] num=[%$!num%] all=[%$!%] loc=[%$.%] x=[%$.x%] n=[%$.n%] g=[%$/g%] " +
            "miss=[%$!nope%] missl=[%$.nope!deeper%] mc=[%$!Mixed!Case%] mcl=[%$!mixed!case%] fn=[%$!metadata!filename%] " +
            "sfx=[%$.suffix%] ft=[%$.fromtag%] mp=[%$.msgpart%] aj=[%$!all-json%] ajp=[%$!all-json-plain%]\n"),
        String("replacer",
            "up=[%$!a!b:::uppercase%] sub=[%$.x:1:3%] json=[%$!a!b:::json%] csv=[%$!a!b:::csv%] jf=[%$!a!b:::jsonf%] " +
            "jfn=[%$.n:::jsonf%] jfo=[%$!a:::jsonf%] jfr=[%$!a!b:::jsonfr%] named=[%$.x:::jsonf:prog%] " +
            "sec=[%$!metadata!filename:::secpath-replace%] fw=[%$.x:1:6:fixed-width%] re=[%$!a!b:R,ERE,1,BLANK:([a-z]+)/--end%] " +
            "fld=[%$!metadata!filename:F,47:4%] esc=[%$!a!b:::escape-cc%] sp=[%$.msgpart:::sp-if-no-1st-sp%]\n"),
        String("json", "[%$!a!b%] [%$.x%] [%$!%] [%msg%]\n", "option.json=\"on\""),
        String("jsonf", "{%$!a!b:::jsonf%, %$.n:::jsonf%, %$!a:::jsonf%, %$/g:::jsonf%}\n", "option.jsonf=\"on\""),
        String("sql", "[%$!a!b%] [%$.x%]\n", "option.sql=\"on\""),
        String("cs", "[%$!Mixed!Case%] [%$!mixed!case%] [%$!MIXED%] %$!Mixed!Case:::jsonf% %$.X:::jsonf% %$/GlobalMixed:::jsonf% %MSG:::jsonf%\n",
            "option.casesensitive=\"on\""),
        String("ci", "[%$!Mixed!Case%] [%$!mixed!case%] [%$!MIXED%] %$!Mixed!Case:::jsonf% %$.X:::jsonf% %$/GlobalMixed:::jsonf% %MSG:::jsonf%\n"),
        "$template legacycs,\"%$!Mixed!Case:::jsonf% %$/GlobalMixed:::jsonf%\\n\",casesensitive",
        "$template legacyci,\"%$!Mixed!Case:::jsonf% %$/GlobalMixed:::jsonf%\\n\"",
        String("LongTagForwardFormat",
            "<%PRI%>%TIMESTAMP:::date-rfc3339% %HOSTNAME% %syslogtag%%$.suffix%%msg:::sp-if-no-1st-sp%%msg%\n"),
        """
        template(name="list" type="list") {
          property(name="$!a!b") constant(value=" ")
          property(name="$!a") constant(value=" ")
          property(name="$.x" caseConversion="upper" position.from="1" position.to="4") constant(value=" ")
          property(name="$!metadata!filename" securePath="replace") constant(value=" ")
          property(name="$!a!b" format="json") constant(value=" ")
          property(name="$!a!n" format="jsonf") constant(value=" ")
          property(name="$.n" format="jsonf" outname="n" dataType="number") constant(value=" ")
          property(name="$/g" format="jsonf" outname="g") constant(value=" ")
          property(name="$!nope" format="jsonf" outname="nope" onEmpty="null") constant(value=" ")
          property(name="$!") constant(value=" ")
          property(name="$.")
          constant(value="\n")
        }
        template(name="object" type="list" option.jsonf="on") {
          property(name="$!a!b" format="jsonf")
          property(name="$!a" format="jsonf" outname="a")
          property(name="$.x" format="jsonf" outname="program")
          property(name="$.n" format="jsonf" outname="n" dataType="auto")
          property(name="$!Mixed!Case" format="jsonf")
          constant(value="v" format="jsonf" outname="c")
        }
        template(name="listcs" type="list" option.casesensitive="on") {
          property(name="$!Mixed!Case" format="jsonf") constant(value=" ")
          property(name="$.X" format="jsonf") constant(value=" ")
          property(name="$/GlobalMixed" format="jsonf") constant(value=" ")
          property(name="MSG" format="jsonf")
          constant(value="\n")
        }
        template(name="listci" type="list") {
          property(name="$!Mixed!Case" format="jsonf") constant(value=" ")
          property(name="$.X" format="jsonf") constant(value=" ")
          property(name="$/GlobalMixed" format="jsonf") constant(value=" ")
          property(name="MSG" format="jsonf")
          constant(value="\n")
        }
        template(name="listjson" type="list" option.json="on") {
          property(name="$!a!b") constant(value=" | ") property(name="$!metadata") constant(value="\n")
        }
        """);

    private static readonly DifferentialOutput[] Outputs =
    [
        new("plain", "plain"), new("replacer", "replacer"), new("json", "json"), new("jsonf", "jsonf"), new("sql", "sql"),
        new("cs", "cs"), new("ci", "ci"), new("legacycs", "legacycs"), new("legacyci", "legacyci"),
        new("listcs", "listcs"), new("listci", "listci"), new("article", "LongTagForwardFormat"),
        new("list", "list"), new("object", "object"), new("listjson", "listjson"),
    ];

    [Fact]
    public void Variables_in_string_and_list_templates() =>
        DifferentialRun.AssertIdentical(Templates, Outputs, DifferentialCorpus.All(), actions: Actions);
}
