using System.Text;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Differential;

/// <summary>
/// The seed article's log server (forwarding-article.txt) as the article writes it, moved under the run's directory:
/// files under srv/log/&lt;fromhost-ip&gt;/&lt;year&gt;/&lt;month&gt;/&lt;day&gt;/&lt;$.logpath&gt;, where $.logpath is set by
/// replace() on the program name for local0-7 (written bare after mmrm1stspace) and from the facility otherwise
/// (RSYSLOG_FileFormat); module-level owners and modes, receive escaping off, asyncWriting with 64k buffers and
/// flushInterval 1. A second layout files every message by a re_extract() of its tag in a string template. The whole
/// tree (paths, owners, modes, bytes) must be the same as rsyslogd's.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class DynaFileDifferentialTests
{
    private const string Preamble = """
        $EscapeControlCharactersOnReceive off
        module(load="mmrm1stspace")
        module(load="builtin:omfile" FileOwner="nobody" FileGroup="adm" dirOwner="nobody"
                dirGroup="adm" FileCreateMode="0640" DirCreateMode="0755")
        """;

    private const string Templates = """
        template(name="RemoteLogSavePath" type="list") {
            constant(value="{dir}/srv/log/")
            property(name="fromhost-ip")
            constant(value="/")
            property(name="timegenerated" dateFormat="year")
            constant(value="/")
            property(name="timegenerated" dateFormat="month")
            constant(value="/")
            property(name="timegenerated" dateFormat="day")
            constant(value="/")
            property(name="$.logpath" )
        }
        template(name="OnlyMsg" type="string" string="%msg:::drop-last-lf%\n")
        template(name="ByTag" type="string" string="{dir}/srv/bytag/%$.tagdir%/%syslogseverity-text:::uppercase%.log")
        """;

    /// <summary>The article's RemoteLogProcess ruleset body, kept away from the daemons' own (facility syslog) messages.</summary>
    private const string Rules = """
        if $syslogfacility-text != "syslog" then {
            set $.tagdir = re_extract($syslogtag, "^([A-Za-z]+)[^A-Za-z]", 0, 1, "other");
            action(type="omfile" dynaFile="ByTag" template="RSYSLOG_TraditionalFileFormat" dynaFileCacheSize="3")
            action(type="omfile" file="{dir}/srv/static/all.log" template="RSYSLOG_DebugFormat" fileGroupNum="7")
            if ( $syslogfacility >= 16 ) then {
                action(type="mmrm1stspace")
                set $.logpath = replace($programname, "__", "/");
                action(type="omfile" dynaFileCacheSize="1024" dynaFile="RemoteLogSavePath" template="OnlyMsg"
                flushOnTXEnd="off" asyncWriting="on" flushInterval="1" ioBufferSize="64k")
            } else {
                if (($syslogfacility == 0)) then {
                    set $.logpath = "kern";
                } else if (($syslogfacility == 4) or ($syslogfacility == 10)) then {
                    set $.logpath = "auth";
                } else if (($syslogfacility == 9) or ($syslogfacility == 15)) then {
                    set $.logpath = "cron";
                } else {
                    set $.logpath ="syslog";
                }
                action(type="omfile" dynaFileCacheSize="1024" dynaFile="RemoteLogSavePath" template="RSYSLOG_FileFormat"
                flushOnTXEnd="off" asyncWriting="on" flushInterval="1" ioBufferSize="64k")
            }
        }
        """;

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>What the article's clients send: file names in the tag with '/' encoded as "__", every facility.</summary>
    private static readonly byte[][] ArticleLines =
    [
        B("<134>Oct 11 22:14:15 web-01 nginx__access: GET /index.html 200"),
        B("<134>Oct 11 22:14:15 web-01 nginx__error:no space after the tag"),
        B("<189>Oct 11 22:14:16 db mysql__slow.log: # Time: 231011 22:14:16\n# Query_time: 2.5\nSELECT 1;\n"),
        B("<190>Oct 11 22:14:17 web-02 php-fpm[812]:   three spaces, one removed"),
        B("<182>Oct 11 22:14:17 lb haproxy__2026__error.log: deep path"),
        B("<13>Oct 11 22:14:18 web-01 app: user.notice in RSYSLOG_FileFormat"),
        B("<34>Oct 11 22:14:19 gate sshd[4711]: Accepted publickey for deploy"),
        B("<78>Oct 11 22:14:20 gate CRON[99]: (root) CMD (run-parts /etc/cron.hourly)"),
        B("<85>Oct 11 22:14:21 gate sudo: deploy : TTY=pts/0 ; COMMAND=/bin/true"),
        B("<0>Oct 11 22:14:22 gate kernel: [12345.678] eth0: link up"),
        B("<122>Oct 11 22:14:22 gate cron2: facility 15"),
        B("<131>1 2003-10-11T22:14:15.003Z mymachine app-5424 77 - [a@1 b=\"c\"] local0 from RFC 5424"),
        B("<134>Oct 11 22:14:23 web-01 nginx__access: second line for nginx"),
        B("<134>Oct 11 22:14:26 web-01 caf\u00e9: 8-bit program name"),
    ];

    private static byte[][] Corpus() => ArticleLines.Concat(DifferentialCorpus.All()).ToArray();

    [Fact]
    public void The_seed_articles_server_writes_the_same_tree_as_rsyslogd()
    {
        var tree = DifferentialRun.AssertIdentical(Templates, [], Corpus(), preamble: Preamble, actions: Rules, tree: "srv");
        // The layout is the article's: "__" became directories, facilities chose kern/auth/cron/syslog, owners and modes
        // came from the module defaults (nobody = 65534, adm = 4).
        Assert.Contains("srv/log/127.0.0.1/YYYY/MM/DD/nginx/access 65534:4 640", tree);
        Assert.Contains("srv/log/127.0.0.1/YYYY/MM/DD/haproxy/2026/error.log 65534:4 640", tree);
        Assert.Contains("srv/log/127.0.0.1/YYYY/MM/DD/haproxy/2026 65534:4 755 <dir>", tree);
        Assert.Contains("srv/log/127.0.0.1/YYYY 65534:4 755 <dir>", tree);
        foreach (var name in new[] { "kern", "auth", "cron", "syslog" })
            Assert.Contains($"srv/log/127.0.0.1/YYYY/MM/DD/{name} 65534:4 640", tree);
        Assert.Contains("srv/bytag/nginx/INFO.log 65534:4 640", tree);
        Assert.Contains("srv/bytag/other/NOTICE.log 65534:4 640", tree);
        // A static file gets the module's owner too, and an action's number overrides the module's group.
        Assert.Contains("srv/static/all.log 65534:7 640", tree);
    }

    /// <summary>
    /// 10,000 distinct files through a cache of 100 (every miss evicts, buffered and asynchronous writing): every
    /// message lands in its file, in order, in both daemons alike.
    /// </summary>
    [Fact]
    public void Ten_thousand_files_through_a_cache_of_100()
    {
        const int Files = 10_000;
        const string Templates = """
            template(name="Spread" type="string" string="{dir}/srv/spread/%programname:1:3%/%programname%.log")
            template(name="Line" type="string" string="%syslogtag%%msg%\n")
            """;
        const string Rules = """
            if $programname startswith "p" then
                action(type="omfile" dynaFile="Spread" template="Line" dynaFileCacheSize="100" flushOnTXEnd="off"
                       asyncWriting="on" ioBufferSize="4k")
            """;
        var corpus = new List<byte[]>();
        for (int round = 0; round < 2; round++)
        {
            var order = Enumerable.Range(0, Files).ToArray();
            new Random(7 + round).Shuffle(order);
            foreach (int i in order) corpus.Add(B($"<13>Oct 11 22:14:15 host p{i:D5}[{round}]: line {round} of {i}"));
        }
        var tree = DifferentialRun.AssertIdentical(Templates, [], corpus.ToArray(), actions: Rules, tree: "srv");
        Assert.Equal(Files, tree.Count(k => k.EndsWith(".log 0:0 644", StringComparison.Ordinal)));
    }
}
