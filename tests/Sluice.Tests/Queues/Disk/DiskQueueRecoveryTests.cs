using System.Security.Cryptography;
using System.Text;
using Sluice.Engine.Queues.Disk;

namespace Sluice.Tests.Queues.Disk;

/// <summary>
/// Damaged spools, built by hand: every case must be logged, keep every valid record, set the unreadable bytes
/// aside (never delete or overwrite them) and leave a store that works (rsyslog#5771, #2654, #2655).
/// </summary>
public sealed class DiskQueueRecoveryTests : IDisposable
{
    private readonly SpoolDir _spool = new();

    public void Dispose() => _spool.Dispose();

    /// <summary>A closed spool holding records 1..count (one segment unless the records need more).</summary>
    private void MakeSpool(int count, long maxFileSize = 64 * 1024)
    {
        using var store = _spool.Open(maxFileSize);
        TestRecords.AppendRange(store, 1, count);
    }

    /// <summary>Offsets of the records in a segment file as written (header 40 bytes, 16-byte record headers, 8-aligned).</summary>
    private static List<(int Offset, int Length)> RecordsOf(byte[] file)
    {
        var list = new List<(int, int)>();
        int off = 40;
        while (off + 16 <= file.Length)
        {
            int len = BitConverter.ToInt32(file, off);
            if (len == 0 && BitConverter.ToInt64(file, off + 8) == 0) break;
            list.Add((off, len));
            off += 16 + ((len + 7) & ~7);
        }
        return list;
    }

    private List<long> ReopenAndReadAll()
    {
        using var store = _spool.Open();
        var all = TestRecords.ReadAll(store);
        Assert.Equal(all.Count, store.Count);
        return all;
    }

    private static List<long> Range(long from, long toInclusive) => Enumerable.Range((int)from, (int)(toInclusive - from + 1)).Select(i => (long)i).ToList();

    [Fact]
    public void A_segment_truncated_mid_record_loses_only_that_record_and_the_cut_bytes_are_kept()
    {
        MakeSpool(100);
        string seg = Assert.Single(_spool.Segments());
        var original = File.ReadAllBytes(seg);
        var last = RecordsOf(original)[^1];
        using (var f = new FileStream(seg, FileMode.Open)) f.SetLength(original.Length - 10);

        Assert.Equal(Range(1, 99), ReopenAndReadAll());
        Assert.Contains("cut", _spool.Logged);
        var cut = Assert.Single(_spool.FilesWith(".cut-"));
        var kept = File.ReadAllBytes(cut);
        Assert.True(kept.Length > 16 && kept.Length <= original.Length - 10 - last.Offset);
        Assert.Equal(original.AsSpan(last.Offset, kept.Length).ToArray(), kept);
        Assert.Equal(last.Offset, new FileInfo(seg).Length);

        // Repaired: the next start has nothing to say about damage.
        int lines = _spool.Log.Lines.Count;
        Assert.Equal(Range(1, 99), ReopenAndReadAll());
        Assert.DoesNotContain(_spool.Log.Lines.Skip(lines), l => l.Text.Contains("cut", StringComparison.Ordinal));
    }

    [Fact]
    public void A_flipped_byte_inside_a_record_in_the_middle_loses_that_record_only_and_the_original_file_is_kept()
    {
        MakeSpool(100);
        string seg = Assert.Single(_spool.Segments());
        var bytes = File.ReadAllBytes(seg);
        var r50 = RecordsOf(bytes)[49];
        bytes[r50.Offset + 16 + 3] ^= 0x40;
        File.WriteAllBytes(seg, bytes);

        var expected = Range(1, 100);
        expected.Remove(50);
        Assert.Equal(expected, ReopenAndReadAll());
        Assert.Contains("damaged bytes", _spool.Logged);
        var aside = Assert.Single(_spool.FilesWith(".corrupt-"));
        Assert.Equal(bytes, File.ReadAllBytes(aside));

        int lines = _spool.Log.Lines.Count;
        Assert.Equal(expected, ReopenAndReadAll());
        Assert.DoesNotContain(_spool.Log.Lines.Skip(lines), l => l.Text.Contains("damaged", StringComparison.Ordinal));
        Assert.Single(_spool.FilesWith(".corrupt-"));
    }

    [Fact]
    public void A_damaged_length_field_is_skipped_by_resynchronising_on_the_next_valid_record()
    {
        MakeSpool(60);
        string seg = Assert.Single(_spool.Segments());
        var bytes = File.ReadAllBytes(seg);
        var records = RecordsOf(bytes);
        // Records 20 and 21: the first's length claims far more than the file holds, the second's header is zeroed.
        BitConverter.TryWriteBytes(bytes.AsSpan(records[19].Offset), 1 << 20);
        bytes.AsSpan(records[20].Offset, 16).Clear();
        File.WriteAllBytes(seg, bytes);

        var expected = Range(1, 60);
        expected.Remove(20);
        expected.Remove(21);
        Assert.Equal(expected, ReopenAndReadAll());
    }

    [Fact]
    public void Flipped_bytes_in_the_last_record_are_cut_like_a_torn_write()
    {
        MakeSpool(30);
        string seg = Assert.Single(_spool.Segments());
        var bytes = File.ReadAllBytes(seg);
        bytes[RecordsOf(bytes)[^1].Offset + 20] ^= 1;
        File.WriteAllBytes(seg, bytes);

        Assert.Equal(Range(1, 29), ReopenAndReadAll());
        Assert.Single(_spool.FilesWith(".cut-"));
    }

    [Fact]
    public void A_torn_write_in_a_preallocated_segment_left_by_a_crash_is_cut_and_the_zero_tail_given_back()
    {
        // A store that is never closed leaves its write segment preallocated (as kill -9 does).
        var crashed = _spool.Open(maxFileSize: 64 * 1024);
        TestRecords.AppendRange(crashed, 1, 40);
        string seg = Assert.Single(_spool.Segments());
        string copyDir = _spool.File("crash");
        Directory.CreateDirectory(copyDir);
        foreach (var f in Directory.GetFiles(_spool.Path)) File.Copy(f, Path.Combine(copyDir, Path.GetFileName(f)));
        crashed.Dispose();

        string copy = Path.Combine(copyDir, Path.GetFileName(seg));
        var bytes = File.ReadAllBytes(copy);
        Assert.Equal(64 * 1024, bytes.Length);
        int end = RecordsOf(bytes)[^1].Offset + 16 + ((RecordsOf(bytes)[^1].Length + 7) & ~7);
        // Half a record: a plausible header and part of its payload.
        var torn = TestRecords.Make(41);
        BitConverter.TryWriteBytes(bytes.AsSpan(end), torn.Length);
        BitConverter.TryWriteBytes(bytes.AsSpan(end + 8), 41L);
        torn.AsSpan(0, torn.Length / 2).CopyTo(bytes.AsSpan(end + 16));
        File.WriteAllBytes(copy, bytes);

        using (var store = DiskQueueStore.Open(_spool.Options() with { Directory = copyDir }))
        {
            Assert.Equal(Range(1, 40), TestRecords.ReadAll(store));
            // Appending goes to a new segment: the recovered one is never written again.
            TestRecords.AppendRange(store, 41, 5);
            Assert.Equal(Range(41, 45), TestRecords.ReadAll(store));
        }
        Assert.Matches(@"cut \d+ bytes of a torn or damaged record", _spool.Logged);
        Assert.Equal(end, new FileInfo(copy).Length);
        Assert.Single(Directory.GetFiles(copyDir, "*.cut-*"));
    }

    [Fact]
    public void A_missing_state_file_is_rebuilt_from_the_segments_without_losing_a_record()
    {
        using (var store = _spool.Open(maxFileSize: 4096))
        {
            TestRecords.AppendRange(store, 1, 200);
            for (int i = 0; i < 70; i++) Assert.True(store.TryRead(out _));
            store.AcknowledgeRead();
        }
        File.Delete(_spool.StatePath);

        using var again = DiskQueueStore.Open(_spool.Options(maxFileSize: 4096));
        var got = TestRecords.ReadAll(again);
        Assert.Contains("missing", _spool.Logged);
        // Every unconsumed record is there, in order; acknowledged ones of the oldest file may come again.
        Assert.Equal(200, got[^1]);
        Assert.True(got[0] <= 71 && got[0] > 40, $"starts at {got[0]}");
        Assert.Equal(Range(got[0], 200), got);
        Assert.True(File.Exists(_spool.StatePath));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("garbage")]
    [InlineData("rsyslog")]
    [InlineData("checksum")]
    public void An_unusable_state_file_is_moved_aside_and_rebuilt(string kind)
    {
        MakeSpool(50);
        var state = File.ReadAllBytes(_spool.StatePath);
        byte[] bad = kind switch
        {
            "short" => state.AsSpan(0, 10).ToArray(),
            "garbage" => RandomNumberGenerator.GetBytes(88),
            "rsyslog" => Encoding.ASCII.GetBytes("<OPB:1:qqueue:1:\n+iQueueSize:2:2:50:\n+tVars.disk.sizeOnDisk:2:4:9000:\n>End\n.\n"),
            _ => Flip(state, 20),
        };
        File.WriteAllBytes(_spool.StatePath, bad);

        Assert.Equal(Range(1, 50), ReopenAndReadAll());
        Assert.Contains("is unusable", _spool.Logged);
        if (kind == "rsyslog") Assert.Contains("rsyslog queue state file", _spool.Logged);
        var aside = Assert.Single(_spool.FilesWith(".qi.corrupt-"));
        Assert.Equal(bad, File.ReadAllBytes(aside));
    }

    [Fact]
    public void A_state_file_pointing_past_the_end_is_not_trusted_and_every_record_is_kept()
    {
        MakeSpool(50);
        var st = new QueueState { AckSequence = 1_000_000, NextSequence = 1_000_000, NextSegmentNumber = 2 };
        var bytes = new byte[QueueState.Size];
        st.Write(bytes);
        File.WriteAllBytes(_spool.StatePath, bytes);

        Assert.Equal(Range(1, 50), ReopenAndReadAll());
        Assert.Contains("not trusted", _spool.Logged);
    }

    [Fact]
    public void Files_that_are_not_segments_are_moved_aside_empty_ones_removed_and_their_numbers_never_reused()
    {
        MakeSpool(30);
        var foreign = RandomNumberGenerator.GetBytes(5000);
        File.WriteAllBytes(_spool.File("q.00000050"), foreign);
        var rsyslogRecord = Encoding.ASCII.GetBytes("<Obj:1:msg:1:\n+iProtocolVersion:2:1:0:\n+iSeverity:2:1:5:\n>End\n.\n");
        File.WriteAllBytes(_spool.File("q.00000051"), rsyslogRecord);
        File.WriteAllBytes(_spool.File("q.00000052"), Array.Empty<byte>());
        File.WriteAllBytes(_spool.File("q.00000053"), new byte[4096]);

        using (var store = _spool.Open())
        {
            Assert.Equal(Range(1, 30), TestRecords.ReadAll(store));
            TestRecords.AppendRange(store, 31, 1);
        }
        Assert.Contains("not a Sluice queue file", _spool.Logged);
        var aside = _spool.FilesWith(".corrupt-");
        Assert.Equal(2, aside.Length);
        Assert.Contains(aside, f => File.ReadAllBytes(f).AsSpan().SequenceEqual(foreign));
        Assert.Contains(aside, f => File.ReadAllBytes(f).AsSpan().SequenceEqual(rsyslogRecord));
        Assert.False(File.Exists(_spool.File("q.00000052")));
        Assert.False(File.Exists(_spool.File("q.00000053")));
        Assert.True(File.Exists(_spool.File("q.00000054")), string.Join(",", Directory.GetFiles(_spool.Path).Select(Path.GetFileName)));
    }

    [Fact]
    public void A_segment_with_a_damaged_header_is_moved_aside_and_the_other_segments_are_kept()
    {
        MakeSpool(300, maxFileSize: 4096);
        var segs = _spool.Segments();
        Assert.True(segs.Length >= 5);
        var victim = segs[2];
        var before = File.ReadAllBytes(victim);
        var damaged = Flip(before, 30);
        File.WriteAllBytes(victim, damaged);
        var lost = RecordsOf(before).Select(r => TestRecords.Check(before.AsSpan(r.Offset + 16, r.Length))).ToHashSet();

        var got = ReopenAndReadAll();
        Assert.Equal(Range(1, 300).Where(n => !lost.Contains(n)).ToList(), got);
        Assert.Equal(damaged, File.ReadAllBytes(Assert.Single(_spool.FilesWith(".corrupt-"))));
    }

    [Fact]
    public void Leftovers_of_an_interrupted_state_write_or_rewrite_are_removed()
    {
        MakeSpool(10);
        File.WriteAllBytes(_spool.StatePath + ".tmp", new byte[7]);
        File.WriteAllBytes(_spool.File("q.00000001.rewrite"), new byte[100]);
        Assert.Equal(Range(1, 10), ReopenAndReadAll());
        Assert.False(File.Exists(_spool.StatePath + ".tmp"));
        Assert.False(File.Exists(_spool.File("q.00000001.rewrite")));
    }

    [Fact]
    public void Existing_spool_data_is_never_written_over_whatever_the_state_file_says()
    {
        // rsyslog#5771: without a usable .qi rsyslog started at file 1 again and wrote over the spool.
        MakeSpool(200, maxFileSize: 4096);
        var before = _spool.Segments().ToDictionary(f => f, File.ReadAllBytes);
        File.WriteAllBytes(_spool.StatePath, new byte[5]);

        using (var store = _spool.Open(maxFileSize: 4096))
        {
            TestRecords.AppendRange(store, 201, 100);
            Assert.Equal(Range(1, 300), TestRecords.ReadAll(store));
        }
        // Each old file still holds exactly its bytes; at most the unused zero bytes after its records were given back.
        foreach (var (file, old) in before)
        {
            var now = File.ReadAllBytes(file);
            Assert.True(now.Length <= old.Length);
            Assert.Equal(old.AsSpan(0, now.Length).ToArray(), now);
            Assert.True(old.AsSpan(now.Length).IndexOfAnyExcept((byte)0) < 0);
        }
    }

    private static byte[] Flip(byte[] data, int at)
    {
        var copy = (byte[])data.Clone();
        copy[at] ^= 0x10;
        return copy;
    }
}
