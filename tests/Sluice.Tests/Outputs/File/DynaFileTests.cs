using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Outputs.File;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Outputs.File;

public class DynaFileTests : IDisposable
{
    private readonly FileOutputFixture _f = new();

    public void Dispose() => _f.Dispose();

    /// <summary>A message from program <paramref name="program"/> with MSG <paramref name="text"/>.</summary>
    private static Message From(string program, string text) => SampleMessages.Parse($"<13>Oct 11 22:14:15 host {program}: {text}");

    private static string Line(string program, string text) => $"2026-10-11T22:14:15+00:00 host {program}: {text}\n";

    /// <summary>Renders the message's MSG (without its first space) after a prefix: paths the test controls byte for byte.</summary>
    private sealed class MsgPath(string name, string prefix) : Template(name)
    {
        private readonly byte[] _prefix = Encoding.UTF8.GetBytes(prefix);

        public override void Render(Message message, ByteBuffer destination, in RenderContext context)
        {
            destination.Append(_prefix);
            var msg = message.Slice(message.Msg);
            destination.Append(msg.Length > 0 && msg[0] == (byte)' ' ? msg[1..] : msg);
        }
    }

    private long Stat(string counter, DynaFileOutput output) =>
        _f.Services.Stats.Find("dynafile cache " + output.Settings.DynaFileTemplate)!.Find(counter)!.Value;

    [Fact]
    public void Each_line_goes_to_the_file_its_path_renders_and_missing_directories_are_created()
    {
        using var output = _f.CreateDyna("{dir}/dyn/%programname%/out.log");
        FileOutputFixture.CommitMessages(output, From("a", "1"), From("b", "2"), From("a", "3"));
        Assert.Equal(Line("a", "1") + Line("a", "3"), _f.Read("dyn/a/out.log"));
        Assert.Equal(Line("b", "2"), _f.Read("dyn/b/out.log"));
        Assert.Equal(_f.AfterUmask((UnixFileMode)420), System.IO.File.GetUnixFileMode(_f.PathOf("dyn/a/out.log")));
        Assert.Equal(_f.AfterUmask((UnixFileMode)448), System.IO.File.GetUnixFileMode(_f.PathOf("dyn/a")));
        Assert.Equal(2, output.OpenFiles);
    }

    [Theory]
    [InlineData(true, false)]   // flushOnTXEnd: every touched file written at commit
    [InlineData(false, false)]  // buffered: evicted files must be written out before they close
    [InlineData(false, true)]   // asyncWriting: the writer thread and eviction share the files
    public void Ten_thousand_paths_through_a_cache_of_100_lose_no_line_and_keep_each_files_order(bool flushOnTxEnd, bool async)
    {
        const int Paths = 10_000, PerPath = 3, Batch = 50;
        using var output = _f.CreateDyna("{dir}/dyn/%programname:1:3%/%programname%.log",
            ("dynaFileCacheSize", 100L), ("flushOnTXEnd", flushOnTxEnd), ("asyncWriting", async), ("ioBufferSize", 256L));

        // Every path gets PerPath lines, the paths in a shuffled order (seeded) so the cache keeps missing.
        var order = new List<(int Path, int N)>();
        for (int n = 0; n < PerPath; n++)
        {
            var paths = Enumerable.Range(0, Paths).ToArray();
            new Random(42 + n).Shuffle(paths);
            order.AddRange(paths.Select(p => (p, n)));
        }
        var tx = output.CreateTransaction();
        int maxOpen = 0;
        for (int i = 0; i < order.Count; i++)
        {
            var (p, n) = order[i];
            Assert.Equal(ActionResult.Ok, tx.Add(From($"p{p:D5}", $"line {n} of {p}"), SampleMessages.Context));
            if ((i + 1) % Batch == 0 || i == order.Count - 1)
            {
                Assert.Equal(ActionResult.Ok, tx.Commit());
                maxOpen = Math.Max(maxOpen, output.OpenFiles);
            }
        }
        output.Dispose(); // shutdown writes what is still buffered

        Assert.Equal(100, maxOpen);
        for (int p = 0; p < Paths; p++)
        {
            string program = $"p{p:D5}";
            string expected = string.Concat(Enumerable.Range(0, PerPath).Select(n => Line(program, $"line {n} of {p}")));
            Assert.Equal(expected, _f.Read($"dyn/{program[..3]}/{program}.log"));
        }
        Assert.Equal(Paths * PerPath, Stat("requests", output));
        Assert.Equal(100, Stat("maxused", output));
        Assert.True(Stat("missed", output) >= Paths);
        Assert.Equal(Stat("missed", output) - 100, Stat("evicted", output)); // once full, every miss evicts one file
    }

    [Fact]
    public void Cache_counters_are_rsyslogs()
    {
        using var output = _f.CreateDyna("{dir}/%programname%.log", ("dynaFileCacheSize", 2L));
        FileOutputFixture.CommitMessages(output, From("a", "1"), From("a", "2"), From("b", "3"), From("a", "4"), From("c", "5"));
        var so = _f.Services.Stats.Find("dynafile cache " + output.Settings.DynaFileTemplate)!;
        Assert.Equal("omfile", so.Origin);
        // rsyslog's counters in rsyslog's order, then Sluice's "refused" (paths with '..' or empty, see DynaFilePath).
        Assert.Equal(new[] { "requests", "level0", "missed", "evicted", "maxused", "closetimeouts", "refused" }, so.Counters.Select(c => c.Name));
        Assert.Equal(5, Stat("requests", output));
        Assert.Equal(1, Stat("level0", output));  // a after a
        Assert.Equal(3, Stat("missed", output));  // a, b, c (a after b is found in the cache)
        Assert.Equal(1, Stat("evicted", output)); // c evicts b, the least recently used
        Assert.Equal(2, Stat("maxused", output));
        Assert.Equal(Line("b", "3"), _f.Read("b.log"));
    }

    [Fact]
    public void An_evicted_file_is_written_out_before_it_is_closed()
    {
        using var output = _f.CreateDyna("{dir}/%programname%.log", ("dynaFileCacheSize", 1L), ("flushOnTXEnd", false));
        FileOutputFixture.CommitMessages(output, From("a", "buffered"));
        Assert.Equal("", _f.Read("a.log")); // opened (created), the line still buffered
        FileOutputFixture.CommitMessages(output, From("b", "evicts a"));
        Assert.Equal(Line("a", "buffered"), _f.Read("a.log"));
        Assert.Equal("", _f.Read("b.log")); // created, still buffered
        output.Flush();
        Assert.Equal(Line("b", "evicts a"), _f.Read("b.log"));
    }

    [Theory]
    [InlineData("", "the file name is empty")]
    [InlineData("{dir}/a/../escaped.log", "'..' component")]
    [InlineData("..", "'..' component")]
    [InlineData("{dir}/..", "'..' component")]
    public void Empty_paths_and_parent_components_are_refused_and_counted(string path, string reason)
    {
        var template = new MsgPath("msgpath" + Guid.NewGuid().ToString("N"), "");
        using var output = _f.CreateDyna(template, _f.ModuleParams());
        string msg = path.Replace("{dir}", _f.Dir);
        var tx = output.CreateTransaction();
        Assert.Equal(ActionResult.DataFail, tx.Add(From("app", msg), SampleMessages.Context));
        Assert.Equal(ActionResult.Ok, tx.Add(From("app", _f.PathOf("fine.log")), SampleMessages.Context));
        Assert.Equal(ActionResult.Ok, tx.Commit());
        Assert.True(_f.Log.Contains(reason), string.Join("\n", _f.Log.Lines.Select(l => l.Text)));
        Assert.True(_f.Log.Contains("message discarded"));
        Assert.False(System.IO.File.Exists(_f.PathOf("escaped.log")));
        Assert.Equal(Line("app", _f.PathOf("fine.log")), _f.Read("fine.log"));
        Assert.Equal(1, Stat("requests", output)); // the refused message never reached the files
        Assert.Equal(1, Stat("refused", output));
    }

    [Fact]
    public void Names_with_dots_that_are_not_parent_components_are_fine()
    {
        foreach (var ok in new[] { "/a/..b", "/a/b..", "/a/.../c", "/a/./b", "a..b" })
            Assert.Equal(DynaFilePathProblem.None, DynaFilePath.Check(Encoding.ASCII.GetBytes(ok)));
        Assert.Equal(DynaFilePathProblem.ParentComponent, DynaFilePath.Check("../x"u8));
        Assert.Equal(DynaFilePathProblem.Nul, DynaFilePath.Check("/a\0b"u8));
    }

    [Fact]
    public void Non_utf8_bytes_in_a_path_are_kept_as_they_are()
    {
        var template = new MsgPath("msgpath8bit", _f.Dir + "/");
        using var output = _f.CreateDyna(template, _f.ModuleParams());
        var m = new Message();
        m.SetRaw([.. "<13>Oct 11 22:14:15 host app: caf"u8, 0xE9, .. ".log"u8]); // Latin-1 é: invalid UTF-8
        m.TimeGenerated = SampleMessages.Received;
        m.Peer = SampleMessages.Localhost;
        m.Input = SampleMessages.ImTcp;
        new Sluice.Engine.Parsing.SyslogParser(new Sluice.Engine.Runtime.GlobalSettings { EscapeControlCharactersOnReceive = false }).Parse(m);
        FileOutputFixture.CommitMessages(output, m);
        // ls -b shows the byte itself as an octal escape (a UTF-8 round trip would have made it "caf\357\277\275").
        var psi = new System.Diagnostics.ProcessStartInfo("ls", ["-b", _f.Dir]) { RedirectStandardOutput = true };
        using var ls = System.Diagnostics.Process.Start(psi)!;
        string listing = ls.StandardOutput.ReadToEnd();
        Assert.True(ls.WaitForExit(30_000));
        Assert.Contains("caf\\351.log", listing);
    }

    [Fact]
    public void A_file_that_cannot_be_opened_costs_its_lines_only()
    {
        Directory.CreateDirectory(_f.PathOf("isdir.log"));
        using var output = _f.CreateDyna("{dir}/%programname%.log");
        FileOutputFixture.CommitMessages(output, From("isdir", "lost"), From("good", "kept"));
        Assert.Equal(Line("good", "kept"), _f.Read("good.log"));
        Assert.True(_f.Log.Contains($"could not open dynamic file '{_f.PathOf("isdir.log")}'"));
        Assert.True(_f.Log.Contains("discarding message"));
        Assert.Equal(1, output.OpenFiles);
    }

    [Fact]
    public void Reopen_closes_every_dynamic_file_and_the_next_line_creates_it_anew()
    {
        using var output = _f.CreateDyna("{dir}/%programname%.log");
        FileOutputFixture.CommitMessages(output, From("a", "one"), From("b", "one"));
        System.IO.File.Move(_f.PathOf("a.log"), _f.PathOf("a.log.1"));
        System.IO.File.Move(_f.PathOf("b.log"), _f.PathOf("b.log.1"));
        FileOutputFixture.CommitMessages(output, From("a", "two")); // still the renamed file, as rsyslog before HUP
        output.Reopen();
        Assert.Equal(0, output.OpenFiles);
        FileOutputFixture.CommitMessages(output, From("a", "three"), From("b", "three"));
        Assert.Equal(Line("a", "one") + Line("a", "two"), _f.Read("a.log.1"));
        Assert.Equal(Line("b", "one"), _f.Read("b.log.1"));
        Assert.Equal(Line("a", "three"), _f.Read("a.log"));
        Assert.Equal(Line("b", "three"), _f.Read("b.log"));
    }

    [Fact]
    public void Reopen_writes_buffered_lines_to_the_old_files_first()
    {
        using var output = _f.CreateDyna("{dir}/%programname%.log", ("flushOnTXEnd", false));
        FileOutputFixture.CommitMessages(output, From("a", "buffered"));
        System.IO.File.Move(_f.PathOf("a.log"), _f.PathOf("a.log.1"));
        output.Reopen();
        Assert.Equal(Line("a", "buffered"), _f.Read("a.log.1"));
        Assert.Equal("<missing>", _f.Read("a.log"));
    }

    [Fact]
    public void Idle_dynamic_files_close_after_closeTimeout_which_defaults_to_10_minutes()
    {
        using var output = _f.CreateDyna("{dir}/%programname%.log");
        Assert.Equal(10, output.Settings.CloseTimeoutMinutes);
        FileOutputFixture.CommitMessages(output, From("a", "1"), From("b", "1"));
        output.OnTimer(0);
        FileOutputFixture.CommitMessages(output, From("b", "2"));
        output.OnTimer(300_000); // b was written since the last tick: its idle time starts now
        output.OnTimer(600_000);
        Assert.Equal(1, output.OpenFiles); // a closed, b still open
        Assert.Equal(1, Stat("closetimeouts", output));
        output.OnTimer(900_000);
        Assert.Equal(0, output.OpenFiles);
        FileOutputFixture.CommitMessages(output, From("a", "3"));
        Assert.Equal(Line("a", "1") + Line("a", "3"), _f.Read("a.log"));
    }

    [Fact]
    public void FlushInterval_writes_buffered_dynamic_files_from_the_timer()
    {
        using var output = _f.CreateDyna("{dir}/%programname%.log", ("flushOnTXEnd", false), ("flushInterval", 2L));
        FileOutputFixture.CommitMessages(output, From("a", "late"), From("b", "late"));
        output.OnTimer(10_000);
        output.OnTimer(11_000);
        Assert.Equal("", _f.Read("a.log"));
        output.OnTimer(12_000);
        Assert.Equal(Line("a", "late"), _f.Read("a.log"));
        Assert.Equal(Line("b", "late"), _f.Read("b.log"));
    }

    [Fact]
    public void Steady_state_add_and_commit_to_cached_files_allocate_nothing()
    {
        using var output = _f.CreateDyna("{dir}/%programname%.log", ("ioBufferSize", 256L));
        var messages = Enumerable.Range(0, 16).Select(i => From($"p{i % 6}", $"message {i}")).ToArray();
        var context = SampleMessages.Context;
        var tx = output.CreateTransaction();
        int failures = 0;

        void Batch()
        {
            foreach (var m in messages)
                if (tx.Add(m, context) != ActionResult.Ok) failures++;
            if (tx.Commit() != ActionResult.Ok) failures++;
        }

        for (int i = 0; i < 5; i++) Batch(); // opens the files, grows the buffers
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++) Batch();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void The_dynaFile_template_must_exist()
    {
        var action = _f.ActionParams(("dynaFile", "nosuchtemplate"));
        var e = Assert.Throws<Sluice.Engine.Config.ConfigException>(() =>
            _f.Module.CreateOutput(_f.ModuleParams(), action, _f.Templates.Find("RSYSLOG_FileFormat")!, _f.Services));
        Assert.Contains("dynaFile template 'nosuchtemplate' is not defined", e.Message);
    }
}
