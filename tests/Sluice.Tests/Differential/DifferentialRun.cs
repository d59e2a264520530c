using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Sluice.Tests.Integration;
using Sluice.Tests.Parsing;

namespace Sluice.Tests.Differential;

/// <summary>One file of a run: the action writing DIR/out-NAME with template TEMPLATE (built-in or defined).</summary>
internal sealed record DifferentialOutput(string Name, string Template);

/// <summary>
/// The differential harness: the same config and the same received bytes go through the real rsyslogd and the
/// real published sluiced, one after the other, each in its own directory with TZ=America/New_York (so that local
/// time shows); then every output file must be byte-identical once the reception-time texts are masked
/// (<see cref="TimeMask"/>).
/// <para>
/// Actions run under the PRI filter "*.*;syslog.none": both daemons' own messages (facility syslog) stay out of the
/// files, and one main-queue worker keeps the messages in order. The corpus goes octet-counted over one imtcp
/// connection, followed by a sentinel; once the sentinel is in the last action's file, the daemon is stopped with
/// TERM and its files are read.
/// </para>
/// </summary>
internal static class DifferentialRun
{
    public const string TimeZone = "America/New_York";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <param name="templates">template() objects and $template lines the outputs use.</param>
    /// <param name="globals">Extra global() parameters.</param>
    /// <param name="preamble">Lines before the input (legacy $-directives, module loads).</param>
    /// <param name="actions">Lines before the output actions (message modification actions, or whole rule blocks).</param>
    /// <param name="tree">
    /// A directory under the run's directory that dynaFile actions write into: every file and directory below it
    /// must be there in both runs, with the same owner, mode and (masked) bytes. The reception date in a path
    /// (TREE/log/IP/YYYY/MM/DD, the seed article's layout) is masked too.
    /// </param>
    /// <returns>The keys ("path owner mode") of rsyslogd's tree, for a test to check the layout.</returns>
    public static IReadOnlyCollection<string> AssertIdentical(string templates, IReadOnlyList<DifferentialOutput> outputs, byte[][] corpus, string globals = "",
        string preamble = "", string actions = "", string? tree = null)
    {
        string config = Config(templates, outputs, globals, preamble, actions);
        var rsyslogd = RunDaemon("rsyslogd", RepoLayout.Rsyslogd, config, outputs, corpus, tree);
        var sluiced = RunDaemon("sluiced", RepoLayout.Sluiced, config, outputs, corpus, tree);
        // Nearly every line passes the filter (all but those of facility syslog), in both daemons alike.
        Assert.True(rsyslogd.Received > corpus.Length * 9 / 10, $"rsyslogd received only {rsyslogd.Received} of {corpus.Length} messages");
        Assert.Equal(rsyslogd.Received, sluiced.Received);

        var failures = new List<string>();
        if (tree is not null) CompareTrees(rsyslogd.Tree, sluiced.Tree, failures);
        foreach (var o in outputs)
        {
            byte[] expected = rsyslogd.Files[o.Name], actual = sluiced.Files[o.Name];
            if (expected.Length == 0) failures.Add($"{o.Name} ({o.Template}): rsyslogd wrote nothing, so there is nothing to compare");
            else if (!expected.AsSpan().SequenceEqual(actual)) failures.Add(Difference(o, expected, actual));
        }
        Assert.True(failures.Count == 0, $"{failures.Count} files differ:\n\n" + string.Join("\n\n", failures));
        return rsyslogd.Tree.Keys;
    }

    private static void CompareTrees(SortedDictionary<string, byte[]> rsyslogd, SortedDictionary<string, byte[]> sluiced, List<string> failures)
    {
        if (rsyslogd.Count == 0) failures.Add("rsyslogd wrote no file in the tree, so there is nothing to compare");
        foreach (var key in rsyslogd.Keys.Except(sluiced.Keys)) failures.Add($"only rsyslogd has {key}");
        foreach (var key in sluiced.Keys.Except(rsyslogd.Keys)) failures.Add($"only sluiced has {key}");
        foreach (var (key, expected) in rsyslogd)
            if (sluiced.TryGetValue(key, out var actual) && !expected.AsSpan().SequenceEqual(actual))
                failures.Add(Difference(new DifferentialOutput(key, "dynaFile"), expected, actual));
    }

    /// <summary>The first /YYYY[/MM[/DD]] after a directory below the tree's "log" (the seed article's layout).</summary>
    private static readonly Regex DatePath = new(@"^([^/]+/log/[^/]+)/\d{4}(/\d{2})?(/\d{2})?(?=/|$)", RegexOptions.Compiled);

    private static string MaskDate(string path) => DatePath.Replace(path, m =>
        m.Groups[1].Value + "/YYYY" + (m.Groups[2].Success ? "/MM" : "") + (m.Groups[3].Success ? "/DD" : ""));

    /// <summary>
    /// Every entry below DIR/<paramref name="tree"/>: the key is "path owner mode" (the path date-masked, relative to
    /// DIR), the value the masked bytes of a file or nothing for a directory.
    /// </summary>
    private static SortedDictionary<string, byte[]> Snapshot(string dir, string tree, List<byte[]> renderings)
    {
        var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        string root = Path.Combine(dir, tree);
        if (!Directory.Exists(root)) return result;
        var owners = Owners(root);
        foreach (var entry in Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            string rel = MaskDate(Path.GetRelativePath(dir, entry));
            string mode = Convert.ToString((int)File.GetUnixFileMode(entry), 8);
            bool isFile = File.Exists(entry);
            string owner = owners.TryGetValue(entry, out var o) ? o : "?";
            string key = $"{rel} {owner} {mode}{(isFile ? "" : " <dir>")}";
            result[key] = isFile ? TimeMask.Apply(ReadBytes(entry), renderings) : [];
        }
        return result;
    }

    /// <summary>"uid:gid" of every entry below <paramref name="root"/>, from one find(1) (.NET has no API for owners).</summary>
    private static Dictionary<string, string> Owners(string root)
    {
        var psi = new ProcessStartInfo("find", [root, "-mindepth", "1", "-printf", "%U:%G %p\\0"]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        string text = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "find did not finish");
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in text.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = record.IndexOf(' ');
            owners[record[(space + 1)..]] = record[..space];
        }
        return owners;
    }

    private static string Config(string templates, IReadOnlyList<DifferentialOutput> outputs, string globals, string preamble, string actions)
    {
        var c = new StringBuilder();
        c.Append($"global(workDirectory=\"{{dir}}/work\" {globals})\n");
        c.Append(preamble).Append('\n');
        c.Append("main_queue(queue.workerThreads=\"1\")\n");
        c.Append("module(load=\"imtcp\")\n");
        c.Append("input(type=\"imtcp\" port=\"0\" listenPortFileName=\"{dir}/port\" address=\"127.0.0.1\")\n");
        c.Append($"template(name=\"differential-reception\" type=\"string\" string=\"{ConfigString(TimeMask.ReceptionTemplate)}\")\n");
        c.Append(templates).Append('\n');
        c.Append(actions).Append('\n');
        foreach (var o in outputs) c.Append($"*.*;syslog.none action(type=\"omfile\" file=\"{{dir}}/out-{o.Name}\" template=\"{o.Template}\")\n");
        // Last: actions run in configuration order, so once this file has the sentinel, the others have all messages.
        c.Append("*.*;syslog.none action(type=\"omfile\" file=\"{dir}/reception\" template=\"differential-reception\")\n");
        return c.ToString();
    }

    /// <summary>A RainerScript string literal's escapes for a template text.</summary>
    public static string ConfigString(string text) =>
        text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\t", "\\t");

    /// <summary>
    /// Runs one daemon over the corpus; returns each output file with the reception times masked, and how many
    /// messages (the sentinel included) reached the actions.
    /// </summary>
    private static (Dictionary<string, byte[]> Files, SortedDictionary<string, byte[]> Tree, int Received) RunDaemon(string name, string exe,
        string config, IReadOnlyList<DifferentialOutput> outputs, byte[][] corpus, string? tree)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("work"));
        var environment = new Dictionary<string, string> { ["TZ"] = TimeZone };
        using var daemon = DaemonProcess.Start(name, exe, config.Replace("{dir}", dir.Path), dir, environment);
        int port = daemon.WaitForPort(dir.File("port"), TimeSpan.FromSeconds(30));
        try
        {
            Send(port, corpus);
        }
        catch (SocketException e)
        {
            Assert.Fail($"sending to {name} failed: {e.Message}\n{daemon.Diagnostics()}");
        }

        string reception = dir.File("reception");
        var sw = Stopwatch.StartNew();
        while (!Contains(reception, DifferentialCorpus.SentinelText))
        {
            if (sw.Elapsed > Timeout || daemon.HasExited)
                Assert.Fail($"{name} did not write the whole corpus within {Timeout.TotalSeconds} s " +
                            $"(reception file: {ReadBytes(reception).Length} bytes)\n{daemon.Diagnostics()}");
            Thread.Sleep(50);
        }
        daemon.Signal("TERM");
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(30)) is not null, $"{name} did not exit on TERM\n{daemon.Diagnostics()}");

        byte[] received = ReadBytes(reception);
        var renderings = TimeMask.Renderings(received);
        var files = outputs.ToDictionary(o => o.Name, o => TimeMask.Apply(ReadBytes(dir.File("out-" + o.Name)), renderings));
        var snapshot = tree is null ? new SortedDictionary<string, byte[]>() : Snapshot(dir.Path, tree, renderings);
        return (files, snapshot, received.AsSpan().Count((byte)'\n'));
    }

    private static void Send(int port, byte[][] corpus)
    {
        var stream = new MemoryStream();
        foreach (var frame in corpus.Append(DifferentialCorpus.Sentinel))
        {
            stream.Write(Encoding.ASCII.GetBytes(frame.Length + " "));
            stream.Write(frame);
        }
        using var s = Integration.LoopbackTcp.Connect(port);
        s.Send(stream.ToArray());
        s.Shutdown(SocketShutdown.Send);
    }


    private static bool Contains(string path, string text) => ReadBytes(path).AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;

    private static byte[] ReadBytes(string path) => RsyslogDaemon.ReadBytes(path);

    /// <summary>The first differing lines (by LF), with their line numbers.</summary>
    private static string Difference(DifferentialOutput o, byte[] rsyslogd, byte[] sluiced)
    {
        var expected = Lines(rsyslogd);
        var actual = Lines(sluiced);
        var text = new StringBuilder($"{o.Name} ({o.Template}): rsyslogd wrote {rsyslogd.Length} bytes in {expected.Count} lines, " +
                                     $"sluiced {sluiced.Length} bytes in {actual.Count} lines");
        int shown = 0;
        for (int i = 0; i < Math.Max(expected.Count, actual.Count) && shown < 8; i++)
        {
            byte[] e = i < expected.Count ? expected[i] : [], a = i < actual.Count ? actual[i] : [];
            if (e.AsSpan().SequenceEqual(a)) continue;
            shown++;
            text.Append($"\n  line {i}:\n    rsyslogd [{RsyslogParserInteropTests.Show(e)}]\n    sluiced  [{RsyslogParserInteropTests.Show(a)}]");
        }
        return text.ToString();
    }

    private static List<byte[]> Lines(byte[] all)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int i = 0; i <= all.Length; i++)
        {
            if (i < all.Length && all[i] != (byte)'\n') continue;
            if (i < all.Length || start < all.Length) lines.Add(all.AsSpan(start, i - start).ToArray());
            start = i + 1;
        }
        return lines;
    }
}
