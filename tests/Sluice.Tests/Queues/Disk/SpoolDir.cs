using Sluice.Engine.Diagnostics;
using Sluice.Engine.Queues.Disk;

namespace Sluice.Tests.Queues.Disk;

/// <summary>A private spool directory (on the real disk under /tmp, so msync and fallocate are real), removed at dispose.</summary>
public sealed class SpoolDir : IDisposable
{
    public const string Name = "q";

    public string Path { get; } = Directory.CreateTempSubdirectory("sluice-diskq-").FullName;

    public RecordingLog Log { get; } = new();

    public DiskQueueOptions Options(long maxFileSize = 64 * 1024, long maxDiskSpace = 0, int checkpointInterval = 0, bool sync = false) => new()
    {
        Directory = Path,
        FileName = Name,
        MaxFileSize = maxFileSize,
        MaxDiskSpace = maxDiskSpace,
        CheckpointInterval = checkpointInterval,
        SyncQueueFiles = sync,
        Log = Log,
    };

    public DiskQueueStore Open(long maxFileSize = 64 * 1024, long maxDiskSpace = 0, int checkpointInterval = 0, bool sync = false)
        => DiskQueueStore.Open(Options(maxFileSize, maxDiskSpace, checkpointInterval, sync));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string StatePath => File(Name + ".qi");

    /// <summary>The queue's segment files, in number order.</summary>
    public string[] Segments()
    {
        var list = new List<string>();
        foreach (var f in Directory.GetFiles(Path))
        {
            string n = System.IO.Path.GetFileName(f);
            if (n.StartsWith(Name + ".", StringComparison.Ordinal) && n.Length == Name.Length + 9 && ulong.TryParse(n.AsSpan(Name.Length + 1), out _))
                list.Add(f);
        }
        list.Sort(StringComparer.Ordinal);
        return list.ToArray();
    }

    /// <summary>Files whose names contain <paramref name="fragment"/> (e.g. ".corrupt-", ".cut-").</summary>
    public string[] FilesWith(string fragment)
        => Directory.GetFiles(Path).Where(f => System.IO.Path.GetFileName(f).Contains(fragment, StringComparison.Ordinal)).ToArray();

    public string Logged => string.Join("\n", Log.Lines.Select(l => l.Text));

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Numbered test records whose contents can be checked: 8-byte number, then bytes derived from it.</summary>
public static class TestRecords
{
    public static byte[] Make(long number, int fillerLength)
    {
        var b = new byte[8 + fillerLength];
        BitConverter.TryWriteBytes(b, number);
        for (int i = 0; i < fillerLength; i++) b[8 + i] = (byte)(number * 31 + i * 7 + 1);
        return b;
    }

    /// <summary>Filler length varies with the number so records straddle pages and segment ends differently.</summary>
    public static byte[] Make(long number) => Make(number, (int)(number * 37 % 301));

    /// <summary>The number in a record, after checking the filler; throws on any damage.</summary>
    public static long Check(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 8) throw new InvalidDataException($"record of {payload.Length} bytes");
        long number = BitConverter.ToInt64(payload);
        for (int i = 8; i < payload.Length; i++)
            if (payload[i] != (byte)(number * 31 + (i - 8) * 7 + 1)) throw new InvalidDataException($"record {number} damaged at byte {i}");
        return number;
    }

    /// <summary>Reads every readable record (without acknowledging) and returns their numbers in order.</summary>
    public static List<long> ReadAll(DiskQueueStore store, int limit = 10_000_000)
    {
        var numbers = new List<long>();
        while (numbers.Count < limit && store.TryRead(out var r)) numbers.Add(Check(r.Payload));
        return numbers;
    }

    public static void AppendRange(DiskQueueStore store, long from, long count)
    {
        for (long n = from; n < from + count; n++) Assert.Equal(AppendResult.Ok, store.Append(Make(n)));
        Assert.True(store.Commit());
    }
}
