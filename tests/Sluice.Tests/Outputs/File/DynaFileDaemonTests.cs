using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Outputs.File;

/// <summary>dynaFile in the running daemons: the seed article's server layout compared with rsyslogd, and SIGHUP.</summary>
[Collection(DaemonCollection.Name)]
public sealed class DynaFileDaemonTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>
    /// The seed article's log server (forwarding-article.txt): files under srv/log/&lt;ip&gt;/&lt;year&gt;/&lt;month&gt;/&lt;day&gt;/,
    /// module-level owners and modes, receive escaping off, local0-7 stripped of the first space and written bare,
    /// the rest in RSYSLOG_FileFormat, asyncWriting with 64k buffers and flushInterval 1. The article builds the file
    /// name in $.logpath with set/replace(): Differential/DynaFileDifferentialTests runs that exact ruleset; this one
    /// names files by %programname% and checks, without stopping the daemons, that asyncWriting with flushInterval
    /// brings every line to disk by itself.
    /// </summary>
    private const string ArticleConfig = """
        $EscapeControlCharactersOnReceive off
        global(workDirectory="{dir}/work")
        module(load="imtcp")
        module(load="mmrm1stspace")
        module(load="builtin:omfile" FileOwner="nobody" FileGroup="adm" dirOwner="nobody"
                dirGroup="adm" FileCreateMode="0640" DirCreateMode="0755")
        input(type="imtcp" port="0" listenPortFileName="{dir}/port" address="127.0.0.1")
        template(name="RemoteLogSavePath" type="string"
                 string="{dir}/srv/log/%fromhost-ip%/%timegenerated:::date-year%/%timegenerated:::date-month%/%timegenerated:::date-day%/%programname%.log")
        template(name="OnlyMsg" type="string" string="%msg:::drop-last-lf%\n")
        local0,local1,local2,local3,local4,local5,local6,local7.* {
            action(type="mmrm1stspace")
            action(type="omfile" dynaFileCacheSize="1024" dynaFile="RemoteLogSavePath" template="OnlyMsg"
                   flushOnTXEnd="off" asyncWriting="on" flushInterval="1" ioBufferSize="64k")
            stop
        }
        *.*;syslog.none action(type="omfile" dynaFileCacheSize="1024" dynaFile="RemoteLogSavePath" template="RSYSLOG_FileFormat"
               flushOnTXEnd="off" asyncWriting="on" flushInterval="1" ioBufferSize="64k")
        """;

    private static readonly byte[][] ArticleCorpus =
    [
        B("<134>Oct 11 22:14:15 web-01 nginx: tok1 GET /index.html 200"),
        B("<134>Oct 11 22:14:15 web-01 nginx:tok2 no space after the tag"),
        B("<189>Oct 11 22:14:16 db mysql__slow.log: tok3 # Time: 231011 22:14:16\n# Query_time: 2.5\nSELECT 1;"),
        B("<190>Oct 11 22:14:17 web-02 php-fpm[812]: tok4   three spaces kept after the first"),
        B("<13>Oct 11 22:14:18 web-01 app: tok5 user.notice in RSYSLOG_FileFormat"),
        B("<34>Oct 11 22:14:19 gate sshd[4711]: tok6 Accepted publickey for deploy"),
        B("<78>Oct 11 22:14:20 gate CRON[99]: tok7 (root) CMD (run-parts /etc/cron.hourly)"),
        B("<85>Oct 11 22:14:21 gate sudo: tok8 deploy : TTY=pts/0 ; COMMAND=/bin/true"),
        B("<0>Oct 11 22:14:22 gate kernel: tok9 [12345.678] eth0: link up"),
        B("<165>1 2003-10-11T22:14:15.003Z mymachine evntslog - ID47 - tok10 RFC 5424 into user.notice"),
        B("<131>1 2003-10-11T22:14:15.003Z mymachine app-5424 77 - [a@1 b=\"c\"] tok11 local0 from RFC 5424"),
        B("<134>Oct 11 22:14:23 web-01 nginx: tok12 second line for nginx"),
        B("<189>Oct 11 22:14:24 db mysql__slow.log: tok13 second slow entry"),
        B("<13>Oct 11 22:14:25 web-01 app: tok14 second app line"),
        B("<134>Oct 11 22:14:26 web-01 caf\u00e9: tok15 8-bit program name"),
    ];

    private static readonly Regex DatePart = new(@"^(srv/log/[^/]+)/\d{4}/\d{2}/\d{2}/", RegexOptions.Compiled);

    /// <summary>Every file and directory under srv/ with its (date-masked) path, owner, mode and, for files, bytes.</summary>
    private static SortedDictionary<string, string> Snapshot(DaemonRun run)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string root = Path.Combine(run.Dir, "srv");
        foreach (var entry in Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(run.Dir, entry);
            string key = DatePart.Replace(rel, "$1/YYYY/MM/DD/");
            string mode = Convert.ToString((int)System.IO.File.GetUnixFileMode(entry), 8);
            string content = System.IO.File.Exists(entry) ? Encoding.UTF8.GetString(run.Read(rel)) : "<dir>";
            result[key] = $"{FileOutputFixture.OwnerOf(entry)} {mode} {content}";
        }
        return result;
    }

    private static int Tokens(DaemonRun run)
    {
        int n = 0;
        foreach (var bytes in run.Tree("srv").Values) n += Regex.Matches(Encoding.UTF8.GetString(bytes), @"tok\d+ ").Count;
        return n;
    }

    [Fact]
    public void The_seed_articles_server_layout_matches_rsyslogd_file_for_file()
    {
        var snapshots = new Dictionary<string, SortedDictionary<string, string>>();
        foreach (var daemon in DaemonRun.Daemons)
        {
            using var run = DaemonRun.Start(daemon, ArticleConfig);
            run.SendOctetCounted(ArticleCorpus);
            // Nobody calls flush: asyncWriting with flushInterval="1" must bring every line to disk by itself.
            run.WaitUntil(() => Tokens(run) >= ArticleCorpus.Length, $"{ArticleCorpus.Length} messages under srv/");
            snapshots[daemon] = Snapshot(run);
        }
        var expected = snapshots["rsyslogd"];
        var actual = snapshots["sluiced"];
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (path, value) in expected) Assert.Equal(value, actual[path]);
        Assert.Contains("srv/log/127.0.0.1/YYYY/MM/DD/nginx.log", expected.Keys); // the layout is the article's
        Assert.StartsWith("65534:4 640 ", expected["srv/log/127.0.0.1/YYYY/MM/DD/nginx.log"]);
    }

    /// <summary>SIGHUP with dynaFiles, the logrotate way: rename the files, HUP, and the next lines create them anew.</summary>
    [Theory]
    [InlineData("sluiced")]
    [InlineData("rsyslogd")]
    public void Hup_closes_every_dynamic_file_and_renamed_files_keep_only_the_old_lines(string daemon)
    {
        const string Config = """
            module(load="imtcp")
            input(type="imtcp" port="0" listenPortFileName="{dir}/port" address="127.0.0.1")
            template(name="path" type="string" string="{dir}/dyn/%programname%.log")
            template(name="line" type="string" string="%msg%\n")
            *.*;syslog.none action(type="omfile" dynaFile="path" template="line")
            """;
        string[] programs = ["alpha", "beta", "gamma"];
        IEnumerable<byte[]> Batch(string label, int count) =>
            programs.SelectMany(p => Enumerable.Range(0, count).Select(i => B($"<13>Oct 11 22:14:15 host {p}: {label}-{i}")));

        using var run = DaemonRun.Start(daemon, Config);
        run.SendOctetCounted(Batch("before", 5));
        foreach (var p in programs) run.WaitUntil(() => run.CountLines($"dyn/{p}.log") >= 5, $"5 lines in {p}.log");
        foreach (var p in programs) System.IO.File.Move(Path.Combine(run.Dir, $"dyn/{p}.log"), Path.Combine(run.Dir, $"dyn/{p}.log.1"));
        run.Process.Signal("HUP");

        // The HUP is handled asynchronously: probe until a line shows up in a new alpha.log.
        var sw = Stopwatch.StartNew();
        int probes = 0;
        while (run.CountLines("dyn/alpha.log") == 0)
        {
            Assert.True(sw.Elapsed < DaemonRun.Patience, $"no new alpha.log after SIGHUP ({probes} probes)\n{run.Process.Diagnostics()}");
            run.SendOctetCounted([B($"<13>Oct 11 22:14:15 host alpha: probe-{probes++}")]);
            Thread.Sleep(100);
        }
        run.SendOctetCounted(Batch("after", 5));
        foreach (var p in programs)
            run.WaitUntil(() => Encoding.UTF8.GetString(run.Read($"dyn/{p}.log")).Contains("after-4\n"), $"the after lines in {p}.log");

        foreach (var p in programs)
        {
            var old = Encoding.UTF8.GetString(run.Read($"dyn/{p}.log.1")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var fresh = Encoding.UTF8.GetString(run.Read($"dyn/{p}.log")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Enumerable.Range(0, 5).Select(i => $" before-{i}"), old.Where(l => !l.Contains("probe")));
            Assert.Equal(Enumerable.Range(0, 5).Select(i => $" after-{i}"), fresh.Where(l => !l.Contains("probe")));
        }
    }

    /// <summary>
    /// A dynaFile that cannot be opened (here: a name longer than 255 bytes) costs its own message only. rsyslogd 8.2302
    /// loses the action's next message too (checked here so that the difference stays known): sluiced does not copy that.
    /// </summary>
    [Theory]
    [InlineData("sluiced")]
    [InlineData("rsyslogd")]
    public void A_file_that_cannot_be_opened_costs_its_own_message(string daemon)
    {
        const string Config = """
            module(load="imtcp")
            input(type="imtcp" port="0" listenPortFileName="{dir}/port" address="127.0.0.1")
            template(name="path" type="string" string="{dir}/dyn/%programname%")
            template(name="line" type="string" string="%msg%\n")
            *.*;syslog.none action(type="omfile" dynaFile="path" template="line")
            """;
        using var run = DaemonRun.Start(daemon, Config);
        run.SendOctetCounted([
            B("<13>Oct 11 22:14:15 host tag: one"), B("<13>Oct 11 22:14:15 host " + new string('t', 300) + ": too long"),
            B("<13>Oct 11 22:14:15 host tag: two"), B("<13>Oct 11 22:14:15 host tag: three"), B("<13>Oct 11 22:14:15 host tag: four"),
        ]);
        run.WaitUntil(() => Encoding.UTF8.GetString(run.Read("dyn/tag")).Contains(" four\n"), "the last line");
        string expected = daemon == "sluiced" ? " one\n two\n three\n four\n" : " one\n three\n four\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(run.Read("dyn/tag")));
    }
}
