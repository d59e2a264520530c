using Sluice.Engine.Queues.Disk;

namespace Sluice.Tests.Queues.Disk;

public sealed class DiskQueueStoreTests : IDisposable
{
    private readonly SpoolDir _spool = new();

    public void Dispose() => _spool.Dispose();

    [Fact]
    public void Records_come_back_in_order_with_their_bytes_after_commit()
    {
        using var store = _spool.Open();
        for (long n = 1; n <= 500; n++) Assert.Equal(AppendResult.Ok, store.Append(TestRecords.Make(n)));
        // Not visible before the commit.
        Assert.False(store.TryRead(out _));
        Assert.True(store.Commit());
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), TestRecords.ReadAll(store));
        Assert.Equal(500, store.Count);
        Assert.Equal(500, store.InFlight);
    }

    [Fact]
    public void Sequence_numbers_increase_by_one_and_positions_name_the_segment()
    {
        using var store = _spool.Open(maxFileSize: 4096);
        for (long n = 1; n <= 50; n++)
        {
            Assert.Equal(AppendResult.Ok, store.Append(TestRecords.Make(n), out long seq));
            Assert.Equal(n, seq);
        }
        store.Commit();
        var segments = new HashSet<long>();
        for (long n = 1; n <= 50; n++)
        {
            Assert.True(store.TryRead(out var r));
            Assert.Equal(n, r.Sequence);
            Assert.Equal(n - 1, r.Position.Ordinal);
            segments.Add(r.Position.SegmentNumber);
        }
        Assert.True(segments.Count > 1, "records of ~150 bytes over 4 KiB segments span several files");
    }

    [Fact]
    public void Segments_roll_over_at_maxFileSize_and_are_deleted_once_acknowledged()
    {
        using var store = _spool.Open(maxFileSize: 4096);
        TestRecords.AppendRange(store, 1, 400);
        int files = _spool.Segments().Length;
        Assert.True(files >= 10, $"{files} segment files");
        Assert.Equal(files, store.SegmentCount);
        Assert.Equal(files * 4096L, store.DiskBytes);
        foreach (var f in _spool.Segments()) Assert.Equal(4096, new FileInfo(f).Length);

        // Read and acknowledge half: the files holding only acknowledged records go away.
        DiskPosition middle = default;
        for (int i = 0; i < 200; i++)
        {
            Assert.True(store.TryRead(out var r));
            middle = r.Position;
        }
        Assert.True(store.Acknowledge(middle));
        Assert.Equal(200, store.Count);
        Assert.True(store.WaitForDeletions(TimeSpan.FromSeconds(30)));
        int left = _spool.Segments().Length;
        Assert.True(left < files && left >= files / 2 - 1, $"{left} of {files} files left");
        Assert.Equal(left, store.SegmentCount);
        Assert.Equal(left * 4096L, store.DiskBytes);

        Assert.Equal(Enumerable.Range(201, 200).Select(i => (long)i), TestRecords.ReadAll(store));
        Assert.True(store.AcknowledgeRead());
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.Bytes);
        Assert.True(store.WaitForDeletions(TimeSpan.FromSeconds(30)));
        // Only the segment still being written to remains.
        Assert.Single(_spool.Segments());
    }

    [Fact]
    public void A_record_larger_than_maxFileSize_gets_a_segment_of_its_own()
    {
        using var store = _spool.Open(maxFileSize: 4096);
        var big = TestRecords.Make(7, 20_000);
        Assert.Equal(AppendResult.Ok, store.Append(TestRecords.Make(6)));
        Assert.Equal(AppendResult.Ok, store.Append(big));
        Assert.Equal(AppendResult.Ok, store.Append(TestRecords.Make(8)));
        store.Commit();
        Assert.Equal(new long[] { 6, 7, 8 }, TestRecords.ReadAll(store));
        Assert.Equal(3, _spool.Segments().Length);
    }

    [Fact]
    public void Acknowledge_removes_only_up_to_the_given_position_and_Rewind_hands_out_the_rest_again()
    {
        using var store = _spool.Open();
        TestRecords.AppendRange(store, 1, 10);
        var positions = new List<DiskPosition>();
        while (store.TryRead(out var r)) positions.Add(r.Position);
        Assert.Equal(10, positions.Count);
        Assert.True(store.Acknowledge(positions[3]));
        Assert.Equal(6, store.Count);
        Assert.Equal(6, store.InFlight);
        // A position already acknowledged, or never handed out, is refused.
        Assert.False(store.Acknowledge(positions[2]));
        store.Rewind();
        Assert.Equal(0, store.InFlight);
        Assert.Equal(new long[] { 5, 6, 7, 8, 9, 10 }, TestRecords.ReadAll(store));
        store.Rewind();
        Assert.True(store.TryRead(out var again));
        Assert.Equal(5, TestRecords.Check(again.Payload));
        Assert.False(store.Acknowledge(new DiskPosition(9, 8, again.Position.SegmentNumber, 0)));
    }

    [Fact]
    public void TryPeek_shows_the_next_record_without_handing_it_out()
    {
        using var store = _spool.Open();
        Assert.False(store.TryPeek(out _));
        TestRecords.AppendRange(store, 1, 3);
        Assert.True(store.TryPeek(out var p1));
        Assert.Equal(1, TestRecords.Check(p1.Payload));
        Assert.True(store.TryPeek(out var p2));
        Assert.Equal(p1.Position, p2.Position);
        Assert.Equal(0, store.InFlight);
        Assert.True(store.TryRead(out var r1));
        Assert.Equal(p1.Position, r1.Position);
        Assert.True(store.TryPeek(out var p3));
        Assert.Equal(2, TestRecords.Check(p3.Payload));
        Assert.Equal(new long[] { 2, 3 }, TestRecords.ReadAll(store));
    }

    [Fact]
    public void Reopen_after_a_clean_close_restores_the_exact_positions()
    {
        using (var store = _spool.Open(maxFileSize: 4096))
        {
            TestRecords.AppendRange(store, 1, 300);
            DiskPosition p = default;
            for (int i = 0; i < 120; i++)
            {
                Assert.True(store.TryRead(out var r));
                p = r.Position;
            }
            // 120 read, then rewound and 100 acknowledged: the other 200 come back after the restart.
            store.Rewind();
            for (int i = 0; i < 100; i++)
            {
                Assert.True(store.TryRead(out var r));
                p = r.Position;
            }
            Assert.True(store.Acknowledge(p));
        }
        // The last segment was cut to its used length at close.
        var last = _spool.Segments()[^1];
        Assert.True(new FileInfo(last).Length < 4096);

        using (var store = _spool.Open(maxFileSize: 4096))
        {
            Assert.Equal(200, store.Count);
            Assert.Equal(200, store.RecoveredRecords);
            TestRecords.AppendRange(store, 301, 50);
            Assert.Equal(Enumerable.Range(101, 250).Select(i => (long)i), TestRecords.ReadAll(store));
        }
        Assert.DoesNotContain("damaged", _spool.Logged);
        Assert.DoesNotContain("missing", _spool.Logged);
    }

    [Fact]
    public void An_empty_queue_removes_its_files_at_close()
    {
        using (var store = _spool.Open())
        {
            TestRecords.AppendRange(store, 1, 20);
            TestRecords.ReadAll(store);
            store.AcknowledgeRead();
        }
        Assert.Empty(Directory.GetFiles(_spool.Path));
        using var again = _spool.Open();
        Assert.Equal(0, again.Count);
        TestRecords.AppendRange(again, 1, 3);
        Assert.Equal(new long[] { 1, 2, 3 }, TestRecords.ReadAll(again));
    }

    [Fact]
    public void MaxDiskSpace_makes_Append_report_Full_logged_once_until_space_is_freed()
    {
        using var store = _spool.Open(maxFileSize: 8192, maxDiskSpace: 32768);
        int ok = 0;
        AppendResult result = AppendResult.Ok;
        for (int i = 0; i < 10_000 && result == AppendResult.Ok; i++)
        {
            result = store.Append(TestRecords.Make(i + 1, 500));
            if (result == AppendResult.Ok) ok++;
        }
        Assert.Equal(AppendResult.Full, result);
        Assert.True(store.IsFull);
        Assert.True(store.DiskBytes <= 32768, $"{store.DiskBytes} bytes on disk");
        Assert.True(ok > 40 && ok < 80, $"{ok} records of 512 bytes in 32 KiB");
        // Refused again, but logged once.
        Assert.Equal(AppendResult.Full, store.Append(TestRecords.Make(9999, 500)));
        Assert.Single(_spool.Log.Lines, l => l.Text.Contains("disk queue is full", StringComparison.Ordinal));
        Assert.Contains("queue.maxDiskSpace is 32768", _spool.Logged);

        store.Commit();
        Assert.Equal(ok, TestRecords.ReadAll(store).Count);
        Assert.True(store.AcknowledgeRead());
        Assert.Equal(AppendResult.Ok, store.Append(TestRecords.Make(ok + 1, 500)));
        Assert.False(store.IsFull);
        Assert.Contains("have room again", _spool.Logged);
    }

    [Fact]
    public void MaxDiskSpace_equal_to_one_segment_still_flows_once_the_segment_is_consumed()
    {
        using var store = _spool.Open(maxFileSize: 8192, maxDiskSpace: 8192);
        long next = 1;
        for (int round = 0; round < 5; round++)
        {
            int appended = 0;
            while (appended < 1000 && store.Append(TestRecords.Make(next, 200)) == AppendResult.Ok)
            {
                next++;
                appended++;
            }
            Assert.True(appended > 10, $"round {round}: {appended}");
            store.Commit();
            var got = TestRecords.ReadAll(store);
            Assert.Equal(appended, got.Count);
            Assert.Equal(next - 1, got[^1]);
            store.AcknowledgeRead();
        }
        Assert.True(store.DiskBytes <= 8192);
    }

    [Fact]
    public void Checkpoint_interval_writes_the_state_so_acknowledged_records_do_not_come_back()
    {
        var store = _spool.Open(checkpointInterval: 1);
        TestRecords.AppendRange(store, 1, 50);
        for (int i = 0; i < 30; i++) Assert.True(store.TryRead(out _));
        Assert.True(store.AcknowledgeRead());
        // No Dispose (as after kill -9): the state written at acknowledge time is what the next open sees.
        var state = File.ReadAllBytes(_spool.StatePath);
        using (var other = DiskQueueStore.Open(_spool.Options(checkpointInterval: 1) with { Directory = CopyOf(_spool.Path) }))
            Assert.Equal(Enumerable.Range(31, 20).Select(i => (long)i), TestRecords.ReadAll(other));
        Assert.Equal(88, state.Length);
        store.Dispose();
    }

    [Fact]
    public void Concurrent_producers_and_a_consumer_with_sync_lose_nothing_and_keep_each_producers_order()
    {
        using var store = _spool.Open(maxFileSize: 16 * 1024, checkpointInterval: 1, sync: true);
        const int producers = 3, perProducer = 2000;
        var threads = new List<Thread>();
        for (int p = 0; p < producers; p++)
        {
            int id = p;
            var t = new Thread(() =>
            {
                for (int i = 0; i < perProducer; i += 50)
                {
                    for (int j = i; j < i + 50; j++) Assert.Equal(AppendResult.Ok, store.Append(TestRecords.Make(id * 1_000_000L + j, 40)));
                    Assert.True(store.Commit());
                }
            });
            threads.Add(t);
            t.Start();
        }
        var last = new long[producers];
        Array.Fill(last, -1);
        int received = 0;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (received < producers * perProducer && DateTime.UtcNow < deadline)
        {
            int batch = 0;
            while (batch < 100 && store.TryRead(out var r))
            {
                long n = TestRecords.Check(r.Payload);
                int id = (int)(n / 1_000_000);
                Assert.Equal(last[id] + 1, n % 1_000_000);
                last[id] = n % 1_000_000;
                batch++;
            }
            received += batch;
            if (batch > 0) Assert.True(store.AcknowledgeRead());
            else Thread.Sleep(1);
        }
        foreach (var t in threads) Assert.True(t.Join(TimeSpan.FromSeconds(60)));
        Assert.Equal(producers * perProducer, received);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Open_refuses_a_missing_directory_and_a_path_as_file_name()
    {
        Assert.Throws<DiskQueueException>(() => DiskQueueStore.Open(_spool.Options() with { Directory = _spool.File("nope") }));
        Assert.Throws<DiskQueueException>(() => DiskQueueStore.Open(_spool.Options() with { FileName = "a/b" }));
    }

    [Fact]
    public void Segment_files_use_rsyslog_naming_and_mode_0600()
    {
        using var store = _spool.Open();
        TestRecords.AppendRange(store, 1, 1);
        var seg = Assert.Single(_spool.Segments());
        Assert.Equal("q.00000001", Path.GetFileName(seg));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(seg));
        Assert.True(File.Exists(_spool.StatePath));
    }

    /// <summary>A copy of a spool directory as it is on disk right now (what a crash would leave).</summary>
    private static string CopyOf(string dir)
    {
        string copy = Path.Combine(dir, "copy");
        Directory.CreateDirectory(copy);
        foreach (var f in Directory.GetFiles(dir)) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        return copy;
    }
}
