using Sluice.Engine.Diagnostics;
using Sluice.Native;

namespace Sluice.Engine.Queues.Disk;

/// <summary>What recovery hands to the store: the live segments (sealed, unmapped) and the positions.</summary>
internal sealed class RecoveredQueue
{
    public List<Segment> Segments { get; } = new();
    public long AckSequence = 1;
    public int AckOffset = SegmentFormat.HeaderSize;
    public long NextSequence = 1;
    public long NextSegmentNumber = 1;
    public long Count;
    public long Bytes;
    public long DiskBytes;
    /// <summary>Records found valid (acknowledged ones included), damaged bytes found, files set aside.</summary>
    public long ValidRecords;
    public long DamagedBytes;
    public int FilesSetAside;
}

/// <summary>
/// Opening a spool: reads the state file, validates every record of every segment, and repairs what it can
/// without ever losing or overwriting data (rsyslog#5771: a missing or short .qi made rsyslog write over its
/// spool; rsyslog#2654/#2655: damaged queue files crashed it at startup). The rules:
/// <list type="bullet">
/// <item>a missing, short or damaged <c>.qi</c> is moved aside (when present) and the positions are rebuilt from
/// the segments, which describe themselves (sequence numbers in every record);</item>
/// <item>a file that is not a Sluice segment, or cannot be read, is moved aside as <c>.corrupt-&lt;time&gt;</c>;
/// a file of only zero bytes (a crash while creating it) holds nothing and is removed;</item>
/// <item>damaged bytes between valid records: the original file is kept as <c>.corrupt-&lt;time&gt;</c> and the
/// valid records are rewritten into a clean segment under the original name;</item>
/// <item>non-zero bytes after the last valid record (a torn write): those bytes are saved as
/// <c>.cut-&lt;time&gt;</c> and the segment is cut after its last valid record;</item>
/// <item>a <c>.qi</c> that says more was consumed than the segments hold is not trusted: every record is kept.</item>
/// </list>
/// Every case is logged with the file names and byte counts. Cold path: clarity over speed.
/// </summary>
internal sealed unsafe class DiskQueueRecovery
{
    private readonly DiskQueueOptions _options;
    private readonly SpoolFiles _files;
    private readonly IInternalLog _log;
    private readonly string _name;
    private readonly RecoveredQueue _result = new();
    private long _highestNumberSeen;

    private DiskQueueRecovery(DiskQueueOptions options, SpoolFiles files)
    {
        _options = options;
        _files = files;
        _log = options.Log;
        _name = options.DisplayName;
    }

    public static RecoveredQueue Run(DiskQueueOptions options, SpoolFiles files)
    {
        var r = new DiskQueueRecovery(options, files);
        r.Recover();
        return r._result;
    }

    private void Recover()
    {
        RemoveLeftovers(out var segmentFiles);
        bool hasState = ReadState(segmentFiles.Count > 0, out var state);

        var candidates = new List<Segment>();
        foreach (var (number, path) in segmentFiles)
        {
            _highestNumberSeen = Math.Max(_highestNumberSeen, number);
            var s = OpenCandidate(number, path);
            if (s != null) candidates.Add(s);
        }
        // Order by the sequence numbers the segments carry, not by file name: the names are only labels.
        candidates.Sort(static (a, b) => a.FirstSequence != b.FirstSequence
            ? a.FirstSequence.CompareTo(b.FirstSequence) : a.Number.CompareTo(b.Number));

        long minSequence = 1;
        foreach (var s in candidates)
        {
            if (!ScanAndRepair(s, minSequence)) continue;
            _result.Segments.Add(s);
            minSequence = s.LastSequence + 1;
        }

        long firstSeq = _result.Segments.Count > 0 ? _result.Segments[0].FirstSequence : 0;
        long lastSeq = _result.Segments.Count > 0 ? _result.Segments[^1].LastSequence : 0;
        long ack = firstSeq > 0 ? firstSeq : 1;
        if (hasState)
        {
            if (_result.Segments.Count > 0 && state.AckSequence > lastSeq + 1)
            {
                _log.Warning($"queue {_name}: state file {_files.StatePath} says records up to {state.AckSequence - 1} were " +
                             $"consumed, but the queue files end at record {lastSeq}: the state file is not trusted and all " +
                             $"{_result.ValidRecords} records are kept");
            }
            else
            {
                ack = Math.Max(ack, state.AckSequence);
            }
        }
        DropConsumedSegments(ack);
        LocateAckPosition(ack);

        _result.AckSequence = ack;
        _result.NextSequence = Math.Max(Math.Max(lastSeq + 1, ack), hasState ? state.NextSequence : 1);
        _result.NextSegmentNumber = Math.Max(_highestNumberSeen + 1, hasState ? state.NextSegmentNumber : 1);
        foreach (var s in _result.Segments) _result.DiskBytes += s.FileSize;

        if (_result.Segments.Count > 0 || _result.DamagedBytes > 0 || _result.FilesSetAside > 0)
            _log.Info($"queue {_name}: recovered {_result.Count} unconsumed records ({_result.Bytes} bytes) in " +
                      $"{FileCount(_result.Segments.Count)} from {_files.Directory}" +
                      (_result.DamagedBytes > 0 ? $"; {_result.DamagedBytes} damaged bytes set aside" : "") +
                      (_result.FilesSetAside > 0 ? $"; {FileCount(_result.FilesSetAside)} set aside" : ""));
    }

    /// <summary>Lists this queue's segment files and removes the temporary files an interrupted write leaves.</summary>
    private void RemoveLeftovers(out List<(long Number, string Path)> segments)
    {
        segments = new List<(long, string)>();
        foreach (var path in Directory.EnumerateFiles(_files.Directory))
        {
            string name = Path.GetFileName(path);
            if (path == _files.StateTempPath
                || (name.StartsWith(_files.Prefix, StringComparison.Ordinal) && name.EndsWith(".rewrite", StringComparison.Ordinal)
                    && _files.ParseSegmentNumber(name[..^".rewrite".Length]) >= 0))
            {
                // Ours, and unfinished: the file it was to replace is still in place.
                MappedFiles.Unlink(path);
                continue;
            }
            long n = _files.ParseSegmentNumber(name);
            if (n >= 0) segments.Add((n, path));
        }
        segments.Sort(static (a, b) => a.Number.CompareTo(b.Number));
    }

    private bool ReadState(bool haveSegments, out QueueState state)
    {
        state = default;
        byte[] data;
        try
        {
            if (!File.Exists(_files.StatePath))
            {
                if (haveSegments)
                    _log.Warning($"queue {_name}: state file {_files.StatePath} is missing: positions are rebuilt from the queue files, no data is lost");
                return false;
            }
            data = File.ReadAllBytes(_files.StatePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            SetStateAside($"it cannot be read ({e.Message})");
            return false;
        }
        var error = QueueState.TryRead(data, out state);
        if (error == QueueState.ReadError.None)
        {
            _highestNumberSeen = Math.Max(_highestNumberSeen, state.NextSegmentNumber - 1);
            return true;
        }
        SetStateAside($"{QueueState.Describe(error)} ({data.Length} bytes)");
        return false;
    }

    private void SetStateAside(string why)
    {
        string? aside = SpoolFiles.MoveAside(_files.StatePath, "corrupt", out var errno);
        _result.FilesSetAside += aside != null ? 1 : 0;
        _log.Warning($"queue {_name}: state file {_files.StatePath} is unusable: {why}; " +
                     (aside != null ? $"moved aside as {aside}" : $"it could not be moved aside ({NativeException.Describe(errno)})") +
                     "; positions are rebuilt from the queue files");
    }

    /// <summary>Checks the segment header; returns null (after logging and setting the file aside) for anything else.</summary>
    private Segment? OpenCandidate(long number, string path)
    {
        var e = MappedFiles.Open(path, MappedFiles.O_RDONLY, 0, out int fd);
        if (e != Errno.None)
        {
            SetAside(path, $"it cannot be opened ({NativeException.Describe(e)})");
            return null;
        }
        try
        {
            e = MappedFiles.Size(fd, out long size);
            if (e != Errno.None)
            {
                SetAside(path, $"its size cannot be read ({NativeException.Describe(e)})");
                return null;
            }
            if (size == 0)
            {
                RemoveEmpty(path, "is empty");
                return null;
            }
            if (size > DiskQueueOptions.MaxSegmentSize + SegmentFormat.RecordSize(SegmentFormat.MaxPayload))
            {
                SetAside(path, $"it is larger ({size} bytes) than a queue file can be: it is not a Sluice queue file");
                return null;
            }
            e = MappedFiles.Map(fd, size, writable: false, out byte* p);
            if (e != Errno.None)
            {
                SetAside(path, $"it cannot be mapped ({NativeException.Describe(e)})");
                return null;
            }
            try
            {
                var bytes = new ReadOnlySpan<byte>(p, (int)size);
                if (SegmentFormat.TryReadHeader(bytes, out _, out long firstSeq)) return new Segment(number, path, firstSeq, size);
                if (bytes.IndexOfAnyExcept((byte)0) < 0) RemoveEmpty(path, $"holds only zero bytes ({size})");
                else SetAside(path, "it is not a Sluice queue file (no valid segment header)");
                return null;
            }
            finally
            {
                MappedFiles.Unmap(p, size);
            }
        }
        finally
        {
            Files.Close(fd);
        }
    }

    /// <summary>
    /// Validates every record of <paramref name="s"/> and repairs the file (see the class comment). Returns false
    /// when the segment holds no valid record (the file is then gone or set aside).
    /// </summary>
    private bool ScanAndRepair(Segment s, long minSequence)
    {
        var e = s.MapForReading();
        if (e != Errno.None)
        {
            SetAside(s.Path, $"it cannot be mapped ({NativeException.Describe(e)})");
            return false;
        }
        SegmentScan scan;
        int end = -1;
        try
        {
            scan = SegmentScan.Run(s.Bytes, minSequence, null);
            if (scan.SkippedRegions > 0)
            {
                var records = new List<ScannedRecord>((int)Math.Min(scan.Records, 1 << 20));
                SegmentScan.Run(s.Bytes, minSequence, records);
                end = RewriteWithoutDamage(s, scan, records);
                if (end < 0 && scan.Records == 0) return false; // left in place, nothing readable in it
            }
            else if (scan.TailBytes > 0)
            {
                if (!CutTail(s, scan) && scan.Records == 0) return false; // left in place, nothing readable in it
            }
        }
        finally
        {
            s.Unmap();
        }

        if (scan.Records == 0)
        {
            // Nothing valid in it and any damaged bytes are saved aside: only a header remains.
            MappedFiles.Unlink(s.Path);
            return false;
        }
        // Give back the unused preallocated part (only zero bytes follow the records).
        if (end < 0 && scan.TailBytes == 0 && s.FileSize > scan.ValidEnd && TruncateTo(s.Path, scan.ValidEnd)) s.FileSize = scan.ValidEnd;

        if (end < 0) end = scan.ValidEnd;
        s.End = s.CommittedEnd = s.SyncedEnd = end;
        s.Records = scan.Records;
        s.LastSequence = scan.LastSequence;
        _result.ValidRecords += scan.Records;
        return true;
    }

    /// <summary>Returns the end of the records in the rewritten file, or -1 when the original was left as it is.</summary>
    private int RewriteWithoutDamage(Segment s, SegmentScan scan, List<ScannedRecord> records)
    {
        _result.DamagedBytes += scan.SkippedBytes + scan.TailBytes;
        string tmp = SpoolFiles.RewritePath(s.Path);
        long size = SegmentFormat.HeaderSize + scan.RecordBytes;
        string? aside = null;
        var e = MappedFiles.Open(tmp, MappedFiles.O_RDWR | MappedFiles.O_CREAT | MappedFiles.O_EXCL, 384 /* 0600 */, out int fd);
        if (e == Errno.None)
        {
            try
            {
                e = MappedFiles.Truncate(fd, size);
                byte* p = null;
                if (e == Errno.None) e = MappedFiles.Map(fd, size, writable: true, out p);
                if (e == Errno.None)
                {
                    var dst = new Span<byte>(p, (int)size);
                    var src = s.Bytes;
                    src[..SegmentFormat.HeaderSize].CopyTo(dst);
                    int at = SegmentFormat.HeaderSize;
                    foreach (var r in records)
                    {
                        src.Slice(r.Offset, r.Size).CopyTo(dst[at..]);
                        at += r.Size;
                    }
                    e = MappedFiles.Sync(p, 0, size);
                    MappedFiles.Unmap(p, size);
                }
            }
            finally
            {
                Files.Close(fd);
            }
            // The original keeps its bytes under a new name (a second link: never copied, never overwritten).
            if (e == Errno.None)
            {
                string candidate = SpoolFiles.AsideName(s.Path, "corrupt");
                e = MappedFiles.Link(s.Path, candidate);
                if (e == Errno.None) aside = candidate;
            }
            if (e == Errno.None) e = MappedFiles.Rename(tmp, s.Path);
            if (e == Errno.None) SyncDirectory();
            else MappedFiles.Unlink(tmp);
        }
        if (e != Errno.None || aside == null)
        {
            // The original stays as it is; the reader skips its damaged bytes the same way.
            if (aside != null) MappedFiles.Unlink(aside);
            _log.Error($"queue {_name}: {s.Path} has {scan.SkippedBytes} damaged bytes in {scan.SkippedRegions} places between " +
                       $"{scan.Records} valid records; it could not be rewritten ({NativeException.Describe(e)}): left as it is, " +
                       "the damaged bytes are skipped when reading");
            return -1;
        }
        _result.FilesSetAside++;
        s.FileSize = size;
        _log.Error($"queue {_name}: {s.Path} had {scan.SkippedBytes} damaged bytes in {scan.SkippedRegions} places" +
                   (scan.TailBytes > 0 ? $" and {scan.TailBytes} after its last valid record" : "") +
                   $"; its {scan.Records} valid records were kept, the original file is kept as {aside}");
        return (int)size;
    }

    /// <summary>Saves the bytes after the last valid record aside and cuts them off; false when they stay in place.</summary>
    private bool CutTail(Segment s, SegmentScan scan)
    {
        _result.DamagedBytes += scan.TailBytes;
        string cutPath = SpoolFiles.AsideName(s.Path, "cut");
        var e = MappedFiles.Open(cutPath, Files.O_WRONLY | MappedFiles.O_CREAT | MappedFiles.O_EXCL, 384 /* 0600 */, out int fd);
        if (e == Errno.None)
        {
            e = MappedFiles.WriteAll(fd, s.Bytes[scan.ValidEnd..scan.TailEnd]);
            if (e == Errno.None) e = Files.Fsync(fd);
            Files.Close(fd);
            if (e != Errno.None) MappedFiles.Unlink(cutPath);
        }
        if (e != Errno.None)
        {
            _log.Error($"queue {_name}: {s.Path} has {scan.TailBytes} bytes of a torn or damaged record after its last valid record " +
                       $"(offset {scan.ValidEnd}); they could not be saved ({NativeException.Describe(e)}), so the file is left as it is " +
                       "and only its valid records are read");
            return false;
        }
        _result.FilesSetAside++;
        SyncDirectory();
        if (TruncateTo(s.Path, scan.ValidEnd)) s.FileSize = scan.ValidEnd;
        _log.Warning($"queue {_name}: cut {scan.TailBytes} bytes of a torn or damaged record from the end of {s.Path} " +
                     $"(after offset {scan.ValidEnd}, behind {scan.Records} valid records); the cut bytes are kept in {cutPath}");
        return true;
    }

    /// <summary>Segments whose records were all consumed (below the acknowledged sequence) are removed.</summary>
    private void DropConsumedSegments(long ack)
    {
        int drop = 0;
        while (drop < _result.Segments.Count && _result.Segments[drop].LastSequence < ack) drop++;
        for (int i = 0; i < drop; i++) MappedFiles.Unlink(_result.Segments[i].Path);
        if (drop > 0) SyncDirectory();
        _result.Segments.RemoveRange(0, drop);
    }

    /// <summary>Finds where the first unconsumed record sits and counts what is left.</summary>
    private void LocateAckPosition(long ack)
    {
        for (int i = 0; i < _result.Segments.Count; i++)
        {
            var s = _result.Segments[i];
            if (i > 0)
            {
                _result.Count += s.Records;
                _result.Bytes += s.End - SegmentFormat.HeaderSize;
                continue;
            }
            if (s.MapForReading() != Errno.None)
            {
                // It was readable a moment ago; count it whole and let the reader deal with it.
                _result.Count += s.Records;
                _result.Bytes += s.End - SegmentFormat.HeaderSize;
                continue;
            }
            try
            {
                var list = new List<ScannedRecord>();
                SegmentScan.Run(s.Bytes[..s.End], 1, list);
                _result.AckOffset = s.End;
                foreach (var r in list)
                {
                    if (r.Sequence < ack) continue;
                    if (_result.AckOffset == s.End) _result.AckOffset = r.Offset;
                    _result.Count++;
                    _result.Bytes += r.Size;
                }
            }
            finally
            {
                s.Unmap();
            }
        }
    }

    private bool TruncateTo(string path, long length)
    {
        var e = MappedFiles.Open(path, MappedFiles.O_RDWR, 0, out int fd);
        if (e != Errno.None) return false;
        try
        {
            e = MappedFiles.Truncate(fd, length);
            if (e == Errno.None) e = Files.Fsync(fd);
            return e == Errno.None;
        }
        finally
        {
            Files.Close(fd);
        }
    }

    private void SetAside(string path, string why)
    {
        string? aside = SpoolFiles.MoveAside(path, "corrupt", out var errno);
        if (aside != null) _result.FilesSetAside++;
        _log.Error($"queue {_name}: queue file {path} is unusable: {why}; " +
                   (aside != null ? $"moved aside as {aside}, the other files are used"
                                  : $"it could not be moved aside ({NativeException.Describe(errno)}) and is left alone; new files never reuse its name"));
    }

    private void RemoveEmpty(string path, string what)
    {
        MappedFiles.Unlink(path);
        _log.Info($"queue {_name}: removed {path}: it {what} (a crash while it was being created)");
    }

    private static string FileCount(int n) => n == 1 ? "1 file" : $"{n} files";

    private void SyncDirectory()
    {
        if (MappedFiles.OpenDirectory(_files.Directory, out int fd) != Errno.None) return;
        Files.Fsync(fd);
        Files.Close(fd);
    }
}
