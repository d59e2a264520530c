using Sluice.Engine.Config;
using Sluice.Engine.Outputs;
using Sluice.Engine.Outputs.File;
using Sluice.Native;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Outputs.File;

public class FileOutputTests : IDisposable
{
    private readonly FileOutputFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static string Lines(params string[] texts) => string.Concat(texts.Select(FileOutputFixture.Expected));

    [Fact]
    public void Writes_rendered_lines_at_commit_with_the_default_template()
    {
        using var output = _f.Create("messages");
        Assert.Equal("RSYSLOG_FileFormat", output.Template.Name);
        Assert.False(output.IsOpen); // opened lazily
        Assert.Equal(ActionResult.Ok, FileOutputFixture.Commit(output, "one", "two"));
        Assert.Equal(Lines("one", "two"), _f.Read("messages"));
        Assert.Equal(ActionResult.Ok, FileOutputFixture.Commit(output, "three"));
        Assert.Equal(Lines("one", "two", "three"), _f.Read("messages"));
    }

    [Fact]
    public void Appends_to_an_existing_file()
    {
        System.IO.File.WriteAllText(_f.PathOf("existing"), "old line\n");
        using var output = _f.Create("existing");
        FileOutputFixture.Commit(output, "new");
        Assert.Equal("old line\n" + Lines("new"), _f.Read("existing"));
    }

    [Fact]
    public void Uses_the_action_template()
    {
        using var output = _f.Create("trad", ("template", "RSYSLOG_TraditionalFileFormat"));
        FileOutputFixture.Commit(output, "x");
        Assert.Equal("Oct 11 22:14:15 host app: x\n", _f.Read("trad"));
    }

    [Fact]
    public void Discarded_transactions_write_nothing()
    {
        using var output = _f.Create("discard");
        var tx = output.CreateTransaction();
        tx.Add(FileOutputFixture.Line("dropped"), SampleMessages.Context);
        tx.Discard();
        tx.Add(FileOutputFixture.Line("kept"), SampleMessages.Context);
        tx.Commit();
        Assert.Equal(Lines("kept"), _f.Read("discard"));
    }

    [Fact]
    public void Without_flushOnTXEnd_data_waits_in_the_io_buffer_until_it_fills()
    {
        int lineLength = FileOutputFixture.Expected("aaaa").Length; // 41 bytes
        using var output = _f.Create("buffered", ("flushOnTXEnd", false), ("ioBufferSize", 100L));
        FileOutputFixture.Commit(output, "aaaa");
        FileOutputFixture.Commit(output, "bbbb");
        Assert.Equal("<missing>", _f.Read("buffered")); // 82 bytes buffered, nothing written
        FileOutputFixture.Commit(output, "cccc"); // 123 bytes: the first 100 are written
        string all = Lines("aaaa", "bbbb", "cccc");
        Assert.Equal(all[..100], _f.Read("buffered"));
        output.Flush();
        Assert.Equal(all, _f.Read("buffered"));
        Assert.Equal(3 * lineLength, all.Length);
    }

    [Fact]
    public void With_flushOnTXEnd_a_batch_larger_than_the_buffer_is_complete_after_commit()
    {
        using var output = _f.Create("bigbatch", ("ioBufferSize", 16L));
        var texts = Enumerable.Range(0, 50).Select(i => $"line {i}").ToArray();
        Assert.Equal(ActionResult.Ok, FileOutputFixture.Commit(output, texts));
        Assert.Equal(Lines(texts), _f.Read("bigbatch"));
    }

    [Fact]
    public void FlushInterval_writes_buffered_data_from_the_timer()
    {
        using var output = _f.Create("interval", ("flushOnTXEnd", false), ("flushInterval", 2L));
        FileOutputFixture.Commit(output, "late");
        output.OnTimer(10_000);
        output.OnTimer(11_000);
        Assert.Equal("<missing>", _f.Read("interval"));
        output.OnTimer(12_000);
        Assert.Equal(Lines("late"), _f.Read("interval"));
    }

    [Fact]
    public void CreateDirs_and_create_modes()
    {
        using var output = _f.Create("a/b/c.log", ("fileCreateMode", 416L /* 0640 */), ("dirCreateMode", 488L /* 0750 */));
        FileOutputFixture.Commit(output, "x");
        Assert.Equal(Lines("x"), _f.Read("a/b/c.log"));
        Assert.Equal(_f.AfterUmask((UnixFileMode)416), System.IO.File.GetUnixFileMode(_f.PathOf("a/b/c.log")));
        Assert.Equal(_f.AfterUmask((UnixFileMode)488), System.IO.File.GetUnixFileMode(_f.PathOf("a/b")));
        Assert.Equal(_f.AfterUmask((UnixFileMode)488), System.IO.File.GetUnixFileMode(_f.PathOf("a")));
    }

    [Fact]
    public void Default_file_mode_is_0644_from_the_module()
    {
        using var output = _f.Create("mode");
        FileOutputFixture.Commit(output, "x");
        Assert.Equal(_f.AfterUmask((UnixFileMode)420), System.IO.File.GetUnixFileMode(_f.PathOf("mode")));
    }

    [Fact]
    public void Missing_directory_without_createDirs_suspends_and_logs_once()
    {
        using var output = _f.Create("nodir/x.log", ("createDirs", false));
        Assert.Equal(ActionResult.Suspended, FileOutputFixture.Commit(output, "a"));
        Assert.Equal(ActionResult.Suspended, FileOutputFixture.Commit(output, "b"));
        Assert.Single(_f.Log.Lines, l => l.Text.Contains("cannot write to"));
        Directory.CreateDirectory(_f.PathOf("nodir"));
        Assert.Equal(ActionResult.Ok, FileOutputFixture.Commit(output, "c"));
        Assert.Equal(Lines("c"), _f.Read("nodir/x.log"));
        Assert.True(_f.Log.Contains("works again"));
    }

    [Fact]
    public void A_directory_in_the_files_place_suspends()
    {
        Directory.CreateDirectory(_f.PathOf("isdir"));
        using var output = _f.Create("isdir");
        Assert.Equal(ActionResult.Suspended, FileOutputFixture.Commit(output, "a"));
        Assert.True(_f.Log.Contains("cannot write to"));
    }

    [Fact]
    public void Reopen_after_rename_leaves_the_renamed_file_and_creates_a_new_one()
    {
        using var output = _f.Create("rot");
        FileOutputFixture.Commit(output, "one");
        System.IO.File.Move(_f.PathOf("rot"), _f.PathOf("rot.1"));
        FileOutputFixture.Commit(output, "two"); // still the open (renamed) file, as with rsyslog before HUP
        output.Reopen();
        Assert.False(output.IsOpen);
        FileOutputFixture.Commit(output, "three");
        Assert.Equal(Lines("one", "two"), _f.Read("rot.1"));
        Assert.Equal(Lines("three"), _f.Read("rot"));
    }

    [Fact]
    public void Reopen_writes_buffered_data_to_the_old_file_first()
    {
        using var output = _f.Create("rotbuf", ("flushOnTXEnd", false), ("ioBufferSize", 50L));
        FileOutputFixture.Commit(output, "first line fills the small buffer"); // written: the file is open
        FileOutputFixture.Commit(output, "x"); // the rest stays buffered
        System.IO.File.Move(_f.PathOf("rotbuf"), _f.PathOf("rotbuf.1"));
        output.Reopen();
        Assert.Equal(Lines("first line fills the small buffer", "x"), _f.Read("rotbuf.1"));
        Assert.Equal("<missing>", _f.Read("rotbuf"));
        FileOutputFixture.Commit(output, "y");
        output.Flush();
        Assert.Equal(Lines("y"), _f.Read("rotbuf"));
    }

    [Fact]
    public void Copytruncate_continues_at_the_start_of_the_emptied_file()
    {
        using var output = _f.Create("trunc");
        FileOutputFixture.Commit(output, "before truncation, a long line");
        using (var fs = new FileStream(_f.PathOf("trunc"), FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) fs.SetLength(0);
        FileOutputFixture.Commit(output, "after");
        var bytes = System.IO.File.ReadAllBytes(_f.PathOf("trunc"));
        Assert.DoesNotContain((byte)0, bytes);
        Assert.Equal(Lines("after"), _f.Read("trunc"));
    }

    [Fact]
    public void The_file_is_opened_with_O_APPEND_like_rsyslog()
    {
        using var output = _f.Create("flags");
        FileOutputFixture.Commit(output, "x");
        int fd = OpenDescriptorOf(_f.PathOf("flags"));
        int flags = Sluice.Tests.Native.FilesTests.FlagsOf(fd);
        Assert.Equal(Files.O_APPEND, flags & Files.O_APPEND);
        Assert.Equal(Files.O_CLOEXEC, flags & Files.O_CLOEXEC);
        output.Reopen();
        Assert.Equal(-1, OpenDescriptorOf(_f.PathOf("flags")));
    }

    /// <summary>This process's descriptor open on <paramref name="path"/>, or -1.</summary>
    private static int OpenDescriptorOf(string path)
    {
        foreach (var link in Directory.GetFiles("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(link).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed while listing
            }
            if (target == path) return int.Parse(Path.GetFileName(link));
        }
        return -1;
    }

    [Fact]
    public void Lines_of_a_concurrent_appender_are_never_overwritten()
    {
        // Another process appending to the same file (as a second logger or a shell redirect would) with its own
        // O_APPEND descriptor, while omfile commits: every line of both must survive whole.
        using var output = _f.Create("appenders", ("ioBufferSize", 512L));
        const int commits = 300, perCommit = 4, external = 1200;
        int fd = Files.OpenForAppend(_f.PathOf("appenders"), 420);
        try
        {
            var other = Task.Run(() =>
            {
                for (int i = 0; i < external; i++)
                    Assert.Equal(Errno.None, Files.WriteAll(fd, System.Text.Encoding.ASCII.GetBytes($"external line {i}\n"), out _));
            });
            var tx = output.CreateTransaction();
            for (int c = 0; c < commits; c++)
            {
                for (int i = 0; i < perCommit; i++) tx.Add(FileOutputFixture.Line($"c{c}i{i}"), SampleMessages.Context);
                Assert.Equal(ActionResult.Ok, tx.Commit());
            }
            Assert.True(other.Wait(TimeSpan.FromSeconds(60)), "the other appender did not finish");
        }
        finally
        {
            Files.Close(fd);
        }
        var lines = _f.Read("appenders").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(commits * perCommit + external, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^(external line \d+|2026-10-11T22:14:15\+00:00 host app: c\d+i\d)$", l));
        Assert.Equal(lines.Length, lines.Distinct().Count());
    }

    [Fact]
    public void CloseTimeout_closes_an_idle_file_and_the_next_write_reopens_it()
    {
        using var output = _f.Create("idle", ("closeTimeout", 1L));
        FileOutputFixture.Commit(output, "a");
        output.OnTimer(0);
        Assert.True(output.IsOpen);
        output.OnTimer(59_999);
        Assert.True(output.IsOpen);
        output.OnTimer(60_000);
        Assert.False(output.IsOpen);
        FileOutputFixture.Commit(output, "b");
        Assert.Equal(Lines("a", "b"), _f.Read("idle"));
    }

    [Fact]
    public void Sync_on_still_writes_every_commit()
    {
        using var output = _f.Create("sync", ("sync", true), ("flushOnTXEnd", false));
        FileOutputFixture.Commit(output, "x");
        output.Flush();
        Assert.Equal(Lines("x"), _f.Read("sync"));
    }

    [Fact]
    public void Transactions_rendered_in_parallel_are_committed_in_batch_order()
    {
        using var output = _f.Create("ordered");
        const int batches = 8, perBatch = 200;
        var txs = Enumerable.Range(0, batches).Select(_ => output.CreateTransaction()).ToArray();
        Parallel.For(0, batches, b =>
        {
            for (int i = 0; i < perBatch; i++) txs[b].Add(FileOutputFixture.Line($"{b}:{i}"), SampleMessages.Context);
        });
        for (int b = 0; b < batches; b++) Assert.Equal(ActionResult.Ok, txs[b].Commit());
        var expected = Lines(Enumerable.Range(0, batches).SelectMany(b => Enumerable.Range(0, perBatch).Select(i => $"{b}:{i}")).ToArray());
        Assert.Equal(expected, _f.Read("ordered"));
    }

    [Fact]
    public void Concurrent_commits_never_mix_lines_even_from_two_actions_on_one_file()
    {
        using var a = _f.Create("shared", ("ioBufferSize", 128L));
        using var b = _f.Create("shared", ("flushOnTXEnd", false), ("ioBufferSize", 100L));
        const int threads = 4, commits = 50, perCommit = 5;
        Parallel.For(0, threads, t =>
        {
            var output = t % 2 == 0 ? a : b;
            var tx = output.CreateTransaction();
            for (int c = 0; c < commits; c++)
            {
                for (int i = 0; i < perCommit; i++) tx.Add(FileOutputFixture.Line($"t{t}c{c}i{i}"), SampleMessages.Context);
                Assert.Equal(ActionResult.Ok, tx.Commit());
            }
        });
        b.Flush();
        var lines = _f.Read("shared").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(threads * commits * perCommit, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^2026-10-11T22:14:15\+00:00 host app: t\dc\d+i\d$", l));
        Assert.Equal(lines.Length, lines.Distinct().Count());
    }

    [Fact]
    public void Steady_state_add_and_commit_allocate_nothing()
    {
        using var output = _f.Create("alloc", ("ioBufferSize", 256L));
        using var buffered = _f.Create("alloc2", ("flushOnTXEnd", false), ("ioBufferSize", 256L));
        var messages = Enumerable.Range(0, 16).Select(i => FileOutputFixture.Line($"message {i}")).ToArray();
        var context = SampleMessages.Context;
        var tx = output.CreateTransaction();
        var tx2 = buffered.CreateTransaction();

        int failures = 0;

        void Batch()
        {
            foreach (var m in messages)
            {
                tx.Add(m, context);
                tx2.Add(m, context);
            }
            // (no xunit asserts in the measured loop: they box)
            if (tx.Commit() != ActionResult.Ok) failures++;
            if (tx2.Commit() != ActionResult.Ok) failures++;
        }

        for (int i = 0; i < 5; i++) Batch(); // opens the files, grows the buffers
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++) Batch();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
        Assert.Equal(55 * 16, _f.Read("alloc").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
