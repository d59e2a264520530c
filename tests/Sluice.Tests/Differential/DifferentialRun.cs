using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
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
    /// <param name="actions">Lines before the output actions (message modification actions).</param>
    public static void AssertIdentical(string templates, IReadOnlyList<DifferentialOutput> outputs, byte[][] corpus, string globals = "",
        string preamble = "", string actions = "")
    {
        string config = Config(templates, outputs, globals, preamble, actions);
        var (rsyslogd, rsyslogdCount) = RunDaemon("rsyslogd", RepoLayout.Rsyslogd, config, outputs, corpus);
        var (sluiced, sluicedCount) = RunDaemon("sluiced", RepoLayout.Sluiced, config, outputs, corpus);
        // Nearly every line passes the filter (all but those of facility syslog), in both daemons alike.
        Assert.True(rsyslogdCount > corpus.Length * 9 / 10, $"rsyslogd received only {rsyslogdCount} of {corpus.Length} messages");
        Assert.Equal(rsyslogdCount, sluicedCount);

        var failures = new List<string>();
        foreach (var o in outputs)
        {
            byte[] expected = rsyslogd[o.Name], actual = sluiced[o.Name];
            if (expected.Length == 0) failures.Add($"{o.Name} ({o.Template}): rsyslogd wrote nothing, so there is nothing to compare");
            else if (!expected.AsSpan().SequenceEqual(actual)) failures.Add(Difference(o, expected, actual));
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {outputs.Count} files differ:\n\n" + string.Join("\n\n", failures));
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
    private static (Dictionary<string, byte[]> Files, int Received) RunDaemon(string name, string exe, string config, IReadOnlyList<DifferentialOutput> outputs,
        byte[][] corpus)
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
        return (files, received.AsSpan().Count((byte)'\n'));
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
