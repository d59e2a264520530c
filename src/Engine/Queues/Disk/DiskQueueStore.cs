using Sluice.Engine.Diagnostics;
using Sluice.Native;

namespace Sluice.Engine.Queues.Disk;

/// <summary>
/// The storage engine of disk and disk-assisted queues: an append-only journal of records in memory-mapped
/// segment files, read in order and removed only when the consumer acknowledges them.
///
/// <para><b>Usage.</b> Producers <see cref="Append(ReadOnlySpan{byte})"/> records and then <see cref="Commit"/>
/// (group commit: one commit covers every append before it, from any thread; concurrent committers share one
/// msync). A consumer <see cref="TryRead"/>s committed records (they stay stored), hands them to its output, and
/// after the output committed them calls <see cref="Acknowledge(DiskPosition)"/> (or
/// <see cref="AcknowledgeRead"/>); <see cref="Rewind"/> makes unacknowledged records readable again (the queue
/// calls it when a batch is given up, e.g. at shutdown; after a restart they come back anyway). All methods are
/// thread-safe; the intended use is any number of producers and one consumer.</para>
///
/// <para><b>Durability.</b> A record is in the page cache the moment Append copies it into the shared mapping, so
/// a kill -9 after Commit never loses it, whatever the settings (that is more than rsyslog's classic disk queue
/// gives). With syncQueueFiles=on, Commit returns only after msync(MS_SYNC) put the records on the disk, so they
/// also survive power loss; the batch size is what keeps that fast (one msync per commit). checkpointInterval=N
/// rewrites the state file after every N acknowledged records: after a crash at most the records acknowledged
/// since the last state write are delivered again (with 0: the acknowledged records of the oldest segment file);
/// with syncQueueFiles=on those state writes are fsynced at most once a second (after a power loss up to a second of
/// delivered records more can come again; see StateSyncDue).
/// Without syncQueueFiles, a power loss can lose what the kernel had not yet written back (about 30 s).</para>
///
/// <para><b>On-disk format</b> (little-endian; version 1):
/// <code>
/// &lt;spool&gt;/&lt;filename&gt;.00000001, .00000002, …   segment files, at least 8 digits (rsyslog's naming)
///   header, 40 bytes:  "SLUICEQS" | u32 version=1 | u32 header size=40 | i64 segment number
///                      | i64 sequence number of its first record | u32 0 | u32 CRC-32C of bytes 0..35
///   records, from offset 40, each 8-byte aligned:
///                      u32 payload length | u32 CRC-32C | i64 sequence number | payload | zero padding to 8
///                      The CRC covers the sequence number, then the length, then the payload.
///   then zero bytes to the end of the file (segments are preallocated with fallocate, zero-filled).
/// &lt;spool&gt;/&lt;filename&gt;.qi                        state, 88 bytes, replaced atomically (write .qi.tmp, fsync,
///                                                 rename, fsync the directory):
///   "SLUICEQI" | u32 version=1 | u32 size=88 | i64 ack sequence (first unconsumed record) | i64 next sequence
///   | i64 next segment number | i64 ack segment | i32 ack offset | i32 write offset | i64 write segment
///   | i64 record count | i64 bytes | u32 0 | u32 CRC-32C of bytes 0..83
/// </code>
/// Sequence numbers increase by one per record for the queue's whole life. They order the segments (file names
/// are only labels), tell recovery which records were consumed (those below the state's ack sequence) and make
/// each record self-identifying, so the state file is a hint that can be lost: recovery rebuilds it from the
/// segments (see <see cref="DiskQueueRecovery"/>). A segment is only ever appended to by the run that created it;
/// after a restart writing goes to a new segment, so recovered data is never written over. New files are created
/// with O_EXCL, never replacing an existing one.</para>
///
/// <para><b>Space.</b> Each segment is maxFileSize bytes, preallocated (fallocate) so writing through the mapping
/// cannot fail with ENOSPC (which would be SIGBUS); maxDiskSpace counts these files. When a new segment would go
/// past maxDiskSpace, or the file system is full, Append returns <see cref="AppendResult.Full"/> and logs it once;
/// the queue decides (block up to timeoutEnqueue, then discard). A fully acknowledged segment is deleted at once
/// (in the background); at close the last segment is cut to its used length, and an empty queue removes all its
/// files.</para>
/// </summary>
public sealed unsafe partial class DiskQueueStore : IDisposable
{
    private const uint FileMode = 384; // 0600, as rsyslog creates queue files
    private const Errno EDQUOT = (Errno)122;

    private readonly DiskQueueOptions _options;
    private readonly SpoolFiles _files;
    private readonly IInternalLog _log;
    private readonly string _name;
    private readonly bool _sync;
    private readonly int _checkpointInterval;
    private readonly long _maxFileSize;
    private readonly long _maxDiskSpace;

    /// <summary>Guards every field below; never held across msync or the state file write.</summary>
    private readonly object _gate = new();
    /// <summary>Serialises msyncs (group commit: waiters find their records already synced).</summary>
    private readonly object _syncLock = new();
    /// <summary>Serialises state file writes.</summary>
    private readonly object _stateLock = new();

    private readonly List<Segment> _segments;
    private readonly SegmentReclaimer _reclaimer = new();
    private Segment? _write;
    private long _nextSequence;
    private long _nextSegmentNumber;
    /// <summary>Every record below this sequence is committed (visible, and on disk when syncing).</summary>
    private long _committedBelow;

    // Acknowledged position: the first unconsumed record is at _ackOffset of _segments[0].
    private int _ackOffset;
    private long _ackSequence;
    private long _ackOrdinal;

    // Read position: the next record to hand out is at _readOffset of _segments[_readIndex].
    private int _readIndex;
    private int _readOffset;
    private long _readMinSequence;
    private long _readOrdinal;

    private long _count;
    private long _bytes;
    private long _diskBytes;
    private long _sinceCheckpoint;
    private bool _fullReported;
    private bool _closed;

    // Scratch of Commit (guarded by _syncLock).
    private readonly List<(Segment Segment, int From, int To)> _syncWork = new();
    private long _lastStateAck;

    private DiskQueueStore(DiskQueueOptions options, SpoolFiles files, RecoveredQueue recovered)
    {
        _options = options;
        _files = files;
        _log = options.Log;
        _name = options.DisplayName;
        _sync = options.SyncQueueFiles;
        _checkpointInterval = Math.Max(0, options.CheckpointInterval);
        _maxFileSize = Math.Clamp(options.MaxFileSize, 4096, DiskQueueOptions.MaxSegmentSize);
        _maxDiskSpace = options.MaxDiskSpace <= 0 ? 0 : Math.Max(options.MaxDiskSpace, _maxFileSize);

        _segments = recovered.Segments;
        _nextSequence = recovered.NextSequence;
        _nextSegmentNumber = recovered.NextSegmentNumber;
        _committedBelow = _nextSequence;
        _ackOffset = recovered.AckOffset;
        _ackSequence = recovered.AckSequence;
        _readOffset = _ackOffset;
        _readMinSequence = _ackSequence;
        _count = recovered.Count;
        _bytes = recovered.Bytes;
        _diskBytes = recovered.DiskBytes;
        RecoveredRecords = recovered.Count;
    }

    /// <summary>
    /// Opens (and recovers) the queue's files in <see cref="DiskQueueOptions.Directory"/>. Damaged or foreign files
    /// are logged and set aside, never fatal. Throws <see cref="DiskQueueException"/> only when the directory
    /// itself cannot be used.
    /// </summary>
    public static DiskQueueStore Open(DiskQueueOptions options)
    {
        if (string.IsNullOrEmpty(options.FileName) || options.FileName.Contains('/'))
            throw new DiskQueueException($"queue file name \"{options.FileName}\" must be a file name, not a path");
        if (!Directory.Exists(options.Directory))
            throw new DiskQueueException($"queue spool directory {options.Directory} does not exist");
        var files = new SpoolFiles(options.Directory, options.FileName);
        RecoveredQueue recovered;
        try
        {
            recovered = DiskQueueRecovery.Run(options, files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiskQueueException($"queue spool directory {options.Directory} cannot be read: {e.Message}");
        }
        var store = new DiskQueueStore(options, files, recovered);
        store.Checkpoint();
        return store;
    }

    // ------------------------------------------------------------------ figures

    /// <summary>Records stored and not yet acknowledged (read or not).</summary>
    public long Count { get { lock (_gate) return _count; } }
    /// <summary>Bytes of those records, as stored (headers and padding included).</summary>
    public long Bytes { get { lock (_gate) return _bytes; } }
    /// <summary>Bytes the segment files take: what maxDiskSpace limits.</summary>
    public long DiskBytes { get { lock (_gate) return _diskBytes; } }
    public int SegmentCount { get { lock (_gate) return _segments.Count; } }
    /// <summary>Records appended since open, acknowledged since open, and found at open.</summary>
    public long AppendedRecords { get; private set; }
    public long AcknowledgedRecords { get; private set; }
    public long RecoveredRecords { get; }
    /// <summary>Records lost to damage found while reading (after recovery); each case is logged.</summary>
    public long DamagedRecords { get; private set; }
    /// <summary>True while appends are refused for lack of space.</summary>
    public bool IsFull { get { lock (_gate) return _fullReported; } }
    public string SpoolDirectory => _files.Directory;

    // ------------------------------------------------------------------ append / commit

    /// <summary>Appends one record (not yet visible to readers: see <see cref="Commit"/>).</summary>
    public AppendResult Append(ReadOnlySpan<byte> record) => Append(record, out _);

    public AppendResult Append(ReadOnlySpan<byte> record, out long sequence)
    {
        fixed (byte* p = record)
            return Append(record.Length, new SpanWriter(p, record.Length), out sequence);
    }

    /// <summary>Appends a record of <paramref name="length"/> bytes that <paramref name="writer"/> writes in place.</summary>
    public AppendResult Append<TWriter>(int length, TWriter writer) where TWriter : IRecordWriter, allows ref struct
        => Append(length, writer, out _);

    public AppendResult Append<TWriter>(int length, TWriter writer, out long sequence) where TWriter : IRecordWriter, allows ref struct
    {
        sequence = 0;
        if ((uint)length > SegmentFormat.MaxPayload) return AppendResult.TooLarge;
        int size = SegmentFormat.RecordSize(length);
        lock (_gate)
        {
            if (_closed) return AppendResult.Failed;
            var w = _write;
            if (w == null || w.End + (long)size > w.FileSize)
            {
                var r = StartSegment(size);
                if (r != AppendResult.Ok) return r;
                w = _write!;
            }
            var record = new Span<byte>(w.Base + w.End, size);
            writer.Write(record.Slice(SegmentFormat.RecordHeaderSize, length));
            long seq = _nextSequence++;
            SegmentFormat.SealRecord(record, seq, length);
            w.End += size;
            w.Records++;
            w.LastSequence = seq;
            _count++;
            _bytes += size;
            AppendedRecords++;
            sequence = seq;
            return AppendResult.Ok;
        }
    }

    /// <summary>
    /// Makes every record appended so far (by any thread) visible to readers; with syncQueueFiles=on, returns once
    /// they are on the disk. Returns false when msync failed (logged); the records are still kept and readable.
    /// </summary>
    public bool Commit()
    {
        long target;
        lock (_gate)
        {
            target = _nextSequence;
            if (_closed || _committedBelow >= target) return _committedBelow >= target;
            if (!_sync)
            {
                PublishAll();
                return true;
            }
        }
        lock (_syncLock)
        {
            _syncWork.Clear();
            long upTo;
            lock (_gate)
            {
                if (_committedBelow >= target || _closed) return _committedBelow >= target;
                upTo = _nextSequence;
                for (int i = _segments.Count - 1; i >= 0; i--)
                {
                    var s = _segments[i];
                    if (s.SyncedEnd >= s.End) break;
                    _syncWork.Add((s, s.SyncedEnd, s.End));
                }
            }
            // Outside the lock: appends go on while the disk works. Segments in the list hold uncommitted records,
            // which nobody can read or acknowledge, so none of them is unmapped meanwhile.
            var error = Errno.None;
            foreach (var (s, from, to) in _syncWork)
            {
                var e = MappedFiles.Sync(s.Base, from, to - from);
                if (e != Errno.None) error = e;
            }
            lock (_gate)
            {
                foreach (var (s, _, to) in _syncWork)
                {
                    s.SyncedEnd = Math.Max(s.SyncedEnd, to);
                    s.CommittedEnd = Math.Max(s.CommittedEnd, to);
                }
                _committedBelow = upTo;
                for (int i = 0; i < _syncWork.Count; i++) ReleaseMappingIfIdle(_syncWork[i].Segment);
            }
            if (error != Errno.None)
                _log.Error($"queue {_name}: msync of queue files in {_files.Directory} failed: {NativeException.Describe(error)}; " +
                           "the records are kept but may not survive a power loss");
            return error == Errno.None;
        }
    }

    private void PublishAll()
    {
        for (int i = _segments.Count - 1; i >= 0; i--)
        {
            var s = _segments[i];
            if (s.CommittedEnd >= s.End) break;
            s.CommittedEnd = s.End;
        }
        _committedBelow = _nextSequence;
    }

    /// <summary>Seals the write segment and starts the next one, big enough for a record of <paramref name="recordSize"/>.</summary>
    private AppendResult StartSegment(int recordSize)
    {
        var old = _write;
        long size = Math.Max(_maxFileSize, SegmentFormat.HeaderSize + (long)recordSize);
        // A write segment whose records were all acknowledged is not needed any more: its space counts for the next one.
        bool oldConsumed = old != null && _segments.Count > 0 && _segments[0] == old && _ackOffset >= old.End && old.CommittedEnd >= old.End;
        long used = _diskBytes - (oldConsumed ? old!.FileSize : 0);
        if (_maxDiskSpace > 0 && used > 0 && used + size > _maxDiskSpace)
        {
            ReportFull($"the queue files take {_diskBytes} bytes and queue.maxDiskSpace is {_maxDiskSpace}");
            return AppendResult.Full;
        }

        // O_EXCL: an existing file (another queue's, or one set aside) is never replaced; its number is skipped.
        long number = _nextSegmentNumber;
        string path = _files.SegmentPath(number);
        var e = MappedFiles.Open(path, MappedFiles.O_RDWR | MappedFiles.O_CREAT | MappedFiles.O_EXCL, FileMode, out int fd);
        for (int attempt = 1; e == Errno.EEXIST && attempt < 1000; attempt++)
        {
            number++;
            path = _files.SegmentPath(number);
            e = MappedFiles.Open(path, MappedFiles.O_RDWR | MappedFiles.O_CREAT | MappedFiles.O_EXCL, FileMode, out fd);
        }
        if (e != Errno.None)
        {
            _log.Error($"queue {_name}: cannot create queue file {path}: {NativeException.Describe(e)}");
            return e is Errno.ENOSPC or EDQUOT ? ReportFullError(e) : AppendResult.Failed;
        }
        _nextSegmentNumber = number + 1;
        byte* p = null;
        try
        {
            e = MappedFiles.Allocate(fd, size);
            // Without fallocate (some file systems) the file is sparse: a full disk would then show at write time.
            if (e == Errno.EOPNOTSUPP) e = MappedFiles.Truncate(fd, size);
            if (e == Errno.None) e = MappedFiles.Map(fd, size, writable: true, out p);
        }
        finally
        {
            Files.Close(fd);
        }
        if (e != Errno.None)
        {
            MappedFiles.Unlink(path);
            if (e is Errno.ENOSPC or EDQUOT) return ReportFullError(e);
            _log.Error($"queue {_name}: cannot prepare queue file {path} ({size} bytes): {NativeException.Describe(e)}");
            return AppendResult.Failed;
        }
        if (_sync) SyncDirectory();

        var s = new Segment(number, path, _nextSequence, size) { Writable = true, Base = p, MappedWritable = true };
        s.SyncedEnd = 0; // the header is new too
        SegmentFormat.WriteHeader(s.Bytes, number, _nextSequence);
        _segments.Add(s);
        _write = s;
        _diskBytes += size;
        if (old != null)
        {
            old.Writable = false;
            if (oldConsumed) RemoveHead();
            else ReleaseMappingIfIdle(old);
        }
        if (_fullReported)
        {
            _fullReported = false;
            _log.Info($"queue {_name}: queue files have room again ({_diskBytes} bytes used)");
        }
        return AppendResult.Ok;
    }

    private void ReportFull(string why)
    {
        if (_fullReported) return;
        _fullReported = true;
        _log.Error($"queue {_name}: disk queue is full: {why}; new messages wait and are then discarded until " +
                   "queued messages are delivered");
    }

    private AppendResult ReportFullError(Errno e)
    {
        ReportFull($"the file system holding {_files.Directory} has no space left ({NativeException.Describe(e)})");
        return AppendResult.Full;
    }

    /// <summary>Writes a caller's span (used by <see cref="Append(ReadOnlySpan{byte})"/>).</summary>
    private readonly struct SpanWriter : IRecordWriter
    {
        private readonly byte* _p;
        private readonly int _length;

        public SpanWriter(byte* p, int length)
        {
            _p = p;
            _length = length;
        }

        public void Write(Span<byte> destination) => new ReadOnlySpan<byte>(_p, _length).CopyTo(destination);
    }
}
