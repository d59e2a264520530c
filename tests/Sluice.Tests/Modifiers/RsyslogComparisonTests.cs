using System.Text;
using Sluice.Tests.Integration;
using Sluice.Tests.Outputs.File;

namespace Sluice.Tests.Modifiers;

/// <summary>
/// mmrm1stspace and mmutf8fix against the real rsyslogd 8.2302: the same config and the same received bytes go
/// through both daemons, and the files they write must be byte-identical (the templates hold no time).
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class RsyslogComparisonTests
{
    private static byte[] B(string ascii) => Encoding.ASCII.GetBytes(ascii);

    private static byte[] Cat(params object[] parts)
    {
        var all = new List<byte>();
        foreach (var p in parts) all.AddRange(p is string s ? Encoding.ASCII.GetBytes(s) : (byte[])p);
        return all.ToArray();
    }

    /// <summary>Messages whose MSG starts with zero, one or two spaces, or is empty, in both syslog formats.</summary>
    private static readonly byte[][] SpaceCorpus =
    [
        B("<13>Oct 11 22:14:15 host app: one leading space"),
        B("<13>Oct 11 22:14:15 host app:no space"),
        B("<13>Oct 11 22:14:15 host app:  two spaces"),
        B("<13>Oct 11 22:14:15 host app[42]: with pid"),
        B("<13>Oct 11 22:14:15 host app:"),
        B("<13>Oct 11 22:14:15 host app: "),
        B("<13>Oct 11 22:14:15 host tagless message text"),
        B("<165>1 2003-10-11T22:14:15.003Z mymachine evntslog - ID47 - An application event"),
        B("<165>1 2003-10-11T22:14:15.003Z mymachine evntslog - ID47 -  space first"),
        B("<13>1 2023-01-02T03:04:05+05:30 h app - - - "),
        B("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8"),
    ];

    /// <summary>Valid and invalid UTF-8 of every kind mmutf8fix distinguishes, control and 8-bit bytes.</summary>
    private static readonly byte[][] Utf8Corpus =
    [
        Cat("<13>Oct 11 22:14:15 host app: valid caf", new byte[] { 0xC3, 0xA9 }, " euro ", new byte[] { 0xE2, 0x82, 0xAC }, " smile ", new byte[] { 0xF0, 0x9F, 0x98, 0x80 }),
        Cat("<13>Oct 11 22:14:15 host app: lone lead at the end ", new byte[] { 0xC3 }),
        Cat("<13>Oct 11 22:14:15 host app: cut 2-byte ", new byte[] { 0xC3 }, "( after"),
        Cat("<13>Oct 11 22:14:15 host app: cut 3-byte early ", new byte[] { 0xE2 }, "( after"),
        Cat("<13>Oct 11 22:14:15 host app: cut 3-byte late ", new byte[] { 0xE2, 0x82 }, "( after"),
        Cat("<13>Oct 11 22:14:15 host app: 3-byte at the end ", new byte[] { 0xE2, 0x82 }),
        Cat("<13>Oct 11 22:14:15 host app: 4-byte at the end ", new byte[] { 0xF0, 0x9F, 0x98 }),
        Cat("<13>Oct 11 22:14:15 host app: too large ", new byte[] { 0xF4, 0x90, 0x80, 0x80 }, " after"),
        Cat("<13>Oct 11 22:14:15 host app: five-byte lead ", new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 }, " after"),
        Cat("<13>Oct 11 22:14:15 host app: overlong ", new byte[] { 0xC0, 0xAF }, " and ", new byte[] { 0xE0, 0x80, 0xAF }),
        Cat("<13>Oct 11 22:14:15 host app: surrogate ", new byte[] { 0xED, 0xA0, 0x80 }, " after"),
        Cat("<13>Oct 11 22:14:15 host app: stray ", new byte[] { 0x80, 0xBF }, " and ", new byte[] { 0xFF, 0xFE }),
        Cat("<13>Oct 11 22:14:15 host app: latin-1 ", new byte[] { 0xE9, 0x74, 0xE9 }, " end"),
        Cat("<13>Oct 11 22:14:15 host app: control", new byte[] { 0x01 }, "chars and\ttab ~ tilde"),
        Cat("<13>1 2026-01-01T00:00:00Z host app - - - ", new byte[] { 0xEF, 0xBB, 0xBF }, "bom then ", new byte[] { 0xC3 }),
        Cat("<13>Oct 11 22:14:15 host app", new byte[] { 0xC3, 0xA9 }, ": 8-bit tag"),
        Cat("<13>Oct 11 22:14:15 host ap", new byte[] { 0xFF }, "p: invalid tag (8.2302 leaves the tag alone)"),
        Cat("<13>Oct 11 22:14:15 host app: overlong 2-byte ", new byte[] { 0xC1, 0xBF }, " 4-byte ", new byte[] { 0xF0, 0x80, 0x80, 0xAF }),
        Cat("<13>Oct 11 22:14:15 host app: new lead cuts ", new byte[] { 0xE2, 0x82, 0xC3, 0xA9 }, " x"),
        B("<13>Oct 11 22:14:15 host app:"),
    ];

    /// <summary>
    /// Runs <paramref name="actions"/> on both daemons with <paramref name="frames"/> and compares <paramref name="files"/>.
    /// The actions see every message but the daemons' own (facility syslog: sluiced logs its start, rsyslogd does not).
    /// </summary>
    private static void Compare(string actions, byte[][] frames, string file1, string? file2 = null, string? file3 = null,
        bool escapeOnReceive = true)
    {
        string[] files = new[] { file1, file2, file3 }.OfType<string>().ToArray();
        string config = (escapeOnReceive ? "" : "$EscapeControlCharactersOnReceive off\n") + Input + "\n*.*;syslog.none {\n" + actions + "\n}\n";
        var outputs = new Dictionary<string, byte[][]>();
        foreach (var daemon in DaemonRun.Daemons)
        {
            using var run = DaemonRun.Start(daemon, config);
            run.SendOctetCounted(frames);
            foreach (var f in files) run.WaitUntil(() => run.CountLines(f) >= frames.Length, $"{frames.Length} lines in {f}");
            outputs[daemon] = files.Select(run.Read).ToArray();
        }
        for (int i = 0; i < files.Length; i++)
            DaemonRun.AssertSameBytes(outputs["rsyslogd"][i], outputs["sluiced"][i], files[i]);
    }

    private const string Input = """
        module(load="imtcp")
        module(load="mmrm1stspace")
        module(load="mmutf8fix")
        input(type="imtcp" port="0" listenPortFileName="{dir}/port" address="127.0.0.1")
        template(name="t" type="string" string="[%msg%] [%rawmsg%] [%syslogtag%]\n")
        """;

    [Fact]
    public void Mmrm1stspace_writes_what_rsyslogd_writes()
    {
        Compare("""
            action(type="omfile" file="{dir}/before" template="t")
            action(type="mmrm1stspace")
            action(type="omfile" file="{dir}/after" template="t")
            action(type="mmrm1stspace")
            action(type="omfile" file="{dir}/twice" template="t")
            """, SpaceCorpus, "before", "after", "twice");
    }

    [Theory]
    [InlineData("")]
    [InlineData("mode=\"utf-8\" replacementChar=\"?\"")]
    [InlineData("mode=\"controlcharacters\"")]
    [InlineData("mode=\"controlcharacters\" replacementChar=\"_\"")]
    public void Mmutf8fix_writes_what_rsyslogd_writes(string parameters)
    {
        Compare($$"""
            action(type="mmutf8fix" {{parameters}})
            action(type="omfile" file="{dir}/out" template="t")
            """, Utf8Corpus, "out");
    }

    [Fact]
    public void Mmutf8fix_without_receive_escaping_writes_what_rsyslogd_writes()
    {
        // With $EscapeControlCharactersOnReceive off the control bytes reach MSG, for controlcharacters mode to replace.
        Compare("""
            action(type="mmutf8fix" mode="controlcharacters")
            action(type="omfile" file="{dir}/out" template="t")
            """, Utf8Corpus, "out", escapeOnReceive: false);
    }
}
