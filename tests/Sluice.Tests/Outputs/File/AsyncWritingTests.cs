using System.Diagnostics;
using Sluice.Engine.Outputs;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Outputs.File;

/// <summary>asyncWriting="on": full buffers are written by the action's writer thread, flushInterval bounds the wait.</summary>
public class AsyncWritingTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly FileOutputFixture _f = new();

    public void Dispose() => _f.Dispose();

    /// <summary>Polls (bounded) until <paramref name="file"/> reads <paramref name="expected"/>; no timing is asserted.</summary>
    private bool EventuallyReads(string file, string expected)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < Patience)
        {
            if (_f.Read(file) == expected) return true;
            Thread.Sleep(20);
        }
        return false;
    }

    [Fact]
    public void A_line_becomes_visible_within_flushInterval_without_any_flush_call()
    {
        using var output = _f.Create("async.log", ("asyncWriting", true), ("flushInterval", 1L), ("ioBufferSize", 65536L));
        Assert.Equal(ActionResult.Ok, FileOutputFixture.Commit(output, "soon"));
        Assert.True(EventuallyReads("async.log", FileOutputFixture.Expected("soon")), "the writer thread did not write the line");
        Assert.Equal(ActionResult.Ok, FileOutputFixture.Commit(output, "again"));
        Assert.True(EventuallyReads("async.log", FileOutputFixture.Expected("soon") + FileOutputFixture.Expected("again")));
    }

    [Fact]
    public void Full_buffers_are_written_by_the_writer_while_the_rest_waits_for_flushInterval()
    {
        string line = FileOutputFixture.Expected("0123456789"); // 47 bytes
        using var output = _f.Create("full.log", ("asyncWriting", true), ("flushInterval", 3600L), ("ioBufferSize", 64L));
        FileOutputFixture.Commit(output, "0123456789", "0123456789"); // 94 bytes: one full buffer of 64, 30 wait
        string all = line + line;
        Assert.True(EventuallyReads("full.log", all[..64]), $"the full buffer was not written: '{_f.Read("full.log")}'");
        output.Flush(); // shutdown writes the rest
        Assert.Equal(all, _f.Read("full.log"));
    }

    [Fact]
    public void With_asyncWriting_flushOnTXEnd_leaves_the_flush_to_the_writer()
    {
        // rsyslog: "if we have an async writer, it controls the flush via a timeout".
        using var output = _f.Create("tx.log", ("asyncWriting", true), ("flushInterval", 3600L), ("flushOnTXEnd", true));
        FileOutputFixture.Commit(output, "held");
        Assert.Equal("", _f.Read("tx.log")); // opened at commit, line still in memory
        output.Flush();
        Assert.Equal(FileOutputFixture.Expected("held"), _f.Read("tx.log"));
    }

    [Fact]
    public void Many_commits_through_small_buffers_keep_their_order()
    {
        using var output = _f.Create("order.log", ("asyncWriting", true), ("ioBufferSize", 100L), ("flushInterval", 0L));
        const int Batches = 200, PerBatch = 7;
        var txs = Enumerable.Range(0, 4).Select(_ => output.CreateTransaction()).ToArray();
        for (int b = 0; b < Batches; b++)
        {
            var tx = txs[b % txs.Length];
            for (int i = 0; i < PerBatch; i++) tx.Add(FileOutputFixture.Line($"{b}:{i}"), SampleMessages.Context);
            Assert.Equal(ActionResult.Ok, tx.Commit());
        }
        string expected = string.Concat(Enumerable.Range(0, Batches).SelectMany(b => Enumerable.Range(0, PerBatch))
            .Select((_, k) => FileOutputFixture.Expected($"{k / PerBatch}:{k % PerBatch}")));
        Assert.True(EventuallyReads("order.log", expected), "flushInterval=0 writes everything without a flush call");
    }

    [Fact]
    public void Dynamic_files_are_written_by_the_writer_and_reopened_on_hup()
    {
        using var output = _f.CreateDyna("{dir}/%programname%.log", ("asyncWriting", true), ("flushInterval", 1L));
        var m = FileOutputFixture.Line("first");
        FileOutputFixture.CommitMessages(output, m);
        Assert.True(EventuallyReads("app.log", FileOutputFixture.Expected("first")));
        System.IO.File.Move(_f.PathOf("app.log"), _f.PathOf("app.log.1"));
        FileOutputFixture.CommitMessages(output, FileOutputFixture.Line("second")); // still buffered or in the old file
        output.Reopen(); // writes what is buffered to the old file, closes
        FileOutputFixture.CommitMessages(output, FileOutputFixture.Line("third"));
        Assert.True(EventuallyReads("app.log", FileOutputFixture.Expected("third")));
        Assert.Equal(FileOutputFixture.Expected("first") + FileOutputFixture.Expected("second"), _f.Read("app.log.1"));
    }

    [Fact]
    public void A_file_that_cannot_be_opened_suspends_at_commit_and_is_logged_once()
    {
        Directory.CreateDirectory(_f.PathOf("isdir"));
        using var output = _f.Create("isdir", ("asyncWriting", true));
        Assert.Equal(ActionResult.Suspended, FileOutputFixture.Commit(output, "a"));
        Assert.Equal(ActionResult.Suspended, FileOutputFixture.Commit(output, "b"));
        Assert.Single(_f.Log.Lines, l => l.Text.Contains("cannot write to"));
    }

    [Fact]
    public void Two_async_actions_on_one_file_each_get_their_lines_written()
    {
        // They share the file's lock, and so the monitor their writer threads wait on.
        using var a = _f.Create("shared.log", ("asyncWriting", true), ("flushInterval", 1L));
        using var b = _f.Create("shared.log", ("asyncWriting", true), ("flushInterval", 1L));
        FileOutputFixture.Commit(a, "from a");
        FileOutputFixture.Commit(b, "from b");
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < Patience && _f.Read("shared.log").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length < 2) Thread.Sleep(20);
        var lines = _f.Read("shared.log").Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToArray();
        Assert.Equal(new[] { FileOutputFixture.Expected("from a").TrimEnd('\n'), FileOutputFixture.Expected("from b").TrimEnd('\n') }, lines);
    }

    [Fact]
    public void Shutdown_writes_everything_still_buffered()
    {
        var output = _f.Create("shutdown.log", ("asyncWriting", true), ("flushInterval", 3600L), ("ioBufferSize", 128L));
        var texts = Enumerable.Range(0, 100).Select(i => $"line {i}").ToArray();
        FileOutputFixture.Commit(output, texts);
        output.Dispose();
        Assert.Equal(string.Concat(texts.Select(FileOutputFixture.Expected)), _f.Read("shutdown.log"));
    }
}
