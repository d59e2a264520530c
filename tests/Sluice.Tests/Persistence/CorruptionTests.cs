using System.Security.Cryptography;
using System.Text;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Queues.Disk;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Persistence;

/// <summary>
/// Damaged spools found by the real daemon at start (rsyslog#2654/#2655: such files crashed rsyslog; rsyslog#5771:
/// a missing .qi made it write over its spool): each case is logged, every valid record is delivered, unreadable
/// data is moved aside (never deleted or overwritten) and the daemon runs on.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class CorruptionTests
{
    private const int Count = 1000;

    /// <summary>Writes records 0..Count-1 the way the forwarder's queue would have (closed cleanly).</summary>
    private static string MakeSpool(Forwarder fwd)
    {
        var pool = new MessagePool();
        var options = new DiskQueueOptions { Directory = fwd.WorkDir, FileName = Forwarder.QueueFile, Log = new RecordingLog() };
        using (var store = DiskQueueStore.Open(options))
        {
            for (int i = 0; i < Count; i++)
            {
                var m = pool.Rent();
                m.SetRaw(Encoding.ASCII.GetBytes(Forwarder.Line(fwd.Run, i).TrimEnd('\n')));
                Assert.Equal(AppendResult.Ok, store.Append(m));
                m.Release();
            }
            Assert.True(store.Commit());
        }
        return Assert.Single(Directory.GetFiles(fwd.WorkDir, Forwarder.QueueFile + ".0*"));
    }

    /// <summary>(offset, payload length) of each record of a segment file (header 40 bytes, record headers 16, 8-aligned).</summary>
    private static List<(int Offset, int Length)> RecordsOf(byte[] file)
    {
        var list = new List<(int, int)>();
        int off = 40;
        while (off + 16 <= file.Length)
        {
            int len = BitConverter.ToInt32(file, off);
            if (len == 0) break;
            list.Add((off, len));
            off += 16 + ((len + 7) & ~7);
        }
        return list;
    }

    [Theory]
    [InlineData("truncated segment")]
    [InlineData("flipped bytes")]
    [InlineData("missing state file")]
    [InlineData("state past the end")]
    [InlineData("foreign file")]
    public void A_damaged_spool_is_logged_its_valid_records_delivered_and_bad_data_kept_aside(string damage)
    {
        int port = NumberSink.FreePort();
        using var fwd = new Forwarder(port, "");
        string segment = MakeSpool(fwd);
        string state = Path.Combine(fwd.WorkDir, Forwarder.QueueFile + ".qi");
        var bytes = File.ReadAllBytes(segment);
        var records = RecordsOf(bytes);
        Assert.Equal(Count, records.Count);
        int? lost = null;
        string logged, asideMarker;
        byte[]? foreign = null;
        switch (damage)
        {
            case "truncated segment":
                using (var f = new FileStream(segment, FileMode.Open)) f.SetLength(bytes.Length - 10);
                lost = Count - 1;
                logged = "bytes of a torn or damaged record from the end of";
                asideMarker = ".cut-";
                break;
            case "flipped bytes":
                bytes[records[500].Offset + 16 + 20] ^= 0x5A;
                bytes[records[500].Offset + 16 + 21] ^= 0xA5;
                File.WriteAllBytes(segment, bytes);
                lost = 500;
                logged = "damaged bytes";
                asideMarker = ".corrupt-";
                break;
            case "missing state file":
                File.Delete(state);
                logged = "is missing: positions are rebuilt from the queue files, no data is lost";
                asideMarker = "";
                break;
            case "state past the end":
                var st = new QueueState { AckSequence = 1_000_000, NextSequence = 1_000_000, NextSegmentNumber = 2 };
                var sb = new byte[QueueState.Size];
                st.Write(sb);
                File.WriteAllBytes(state, sb);
                logged = "is not trusted and all";
                asideMarker = "";
                break;
            default:
                foreign = RandomNumberGenerator.GetBytes(5000);
                File.WriteAllBytes(Path.Combine(fwd.WorkDir, Forwarder.QueueFile + ".00000050"), foreign);
                logged = "not a Sluice queue file";
                asideMarker = ".corrupt-";
                break;
        }

        using var sink = new NumberSink(port, fwd.Run, Count + 1);
        fwd.Start();
        int expected = lost is null ? Count : Count - 1;
        Assert.True(sink.WaitForDistinct(expected, TimeSpan.FromSeconds(60)), $"{sink.Distinct} of {expected}\n{fwd.Daemon!.Diagnostics()}");
        Assert.Contains(logged, fwd.Daemon!.Stderr);
        if (lost is int l) Assert.Equal(0, sink.CountOf(l));
        if (asideMarker.Length > 0)
        {
            var aside = Directory.GetFiles(fwd.WorkDir).Where(f => Path.GetFileName(f).Contains(asideMarker, StringComparison.Ordinal)).ToArray();
            Assert.NotEmpty(aside);
            if (foreign is not null) Assert.Contains(aside, f => File.ReadAllBytes(f).AsSpan().SequenceEqual(foreign));
            if (damage == "flipped bytes") Assert.Contains(aside, f => File.ReadAllBytes(f).AsSpan().SequenceEqual(bytes));
        }

        // The daemon runs on: a new message goes through.
        fwd.Send(Count, 1);
        Assert.True(sink.WaitForDistinct(expected + 1, TimeSpan.FromSeconds(60)), fwd.Daemon.Diagnostics());
        Assert.False(fwd.Daemon.HasExited);
        Assert.Equal(0, fwd.Terminate(TimeSpan.FromSeconds(60)));
    }
}
