using Sluice.Engine.Diagnostics;
using Sluice.Native;

namespace Sluice.Engine.Queues.Disk;

// Reading, acknowledging, state file and close.
public sealed unsafe partial class DiskQueueStore
{
    private DiskPosition _lastRead;
    private bool _gapPending;
    private bool _stateErrorReported;
    private bool _stateClosed;
    private long _lastStateSyncTicks;
    /// <summary>This run wrote the .qi (so it exists and holds a full record to overwrite in place).</summary>
    private bool _stateWritten;

    /// <summary>Records handed out by <see cref="TryRead"/> and not yet acknowledged.</summary>
    public long InFlight { get { lock (_gate) return _readOrdinal - _ackOrdinal; } }

    /// <summary>
    /// Hands out the next committed record without removing it. Its payload stays valid until it is acknowledged
    /// or the store is closed. Damaged bytes (found after recovery) are skipped, counted and logged.
    /// </summary>
    public bool TryRead(out DiskRecord record) => Read(advance: true, out record);

    /// <summary>The record <see cref="TryRead"/> would hand out next, without handing it out.</summary>
    public bool TryPeek(out DiskRecord record) => Read(advance: false, out record);

    private bool Read(bool advance, out DiskRecord record)
    {
        record = default;
        lock (_gate)
        {
            if (_closed) return false;
            // Every turn either returns, enters the next segment or skips damaged bytes forward.
            for (int turn = 0; turn < 1_000_000; turn++)
            {
                if (_readIndex >= _segments.Count) return false;
                var s = _segments[_readIndex];
                if (_readOffset >= s.CommittedEnd)
                {
                    if (s.Writable || s.CommittedEnd < s.End || _readIndex + 1 >= _segments.Count) return false;
                    _readIndex++;
                    _readOffset = SegmentFormat.HeaderSize;
                    continue;
                }
                if (!s.IsMapped)
                {
                    var e = s.MapForReading();
                    if (e != Errno.None)
                    {
                        _log.Error($"queue {_name}: queue file {s.Path} cannot be read any more ({NativeException.Describe(e)}): its records are skipped");
                        _readOffset = s.CommittedEnd;
                        _gapPending = true;
                        continue;
                    }
                }
                var data = new ReadOnlySpan<byte>(s.Base, s.CommittedEnd);
                var status = SegmentFormat.ReadRecord(data, _readOffset, _readMinSequence, out long seq, out int length);
                if (status != RecordStatus.Valid)
                {
                    SkipDamage(s, data);
                    continue;
                }
                if (_gapPending)
                {
                    _gapPending = false;
                    long lost = seq - _readMinSequence;
                    DamagedRecords += lost;
                    _count = Math.Max(_readOrdinal - _ackOrdinal, _count - lost);
                }
                int next = _readOffset + SegmentFormat.RecordSize(length);
                var position = new DiskPosition(seq, _readOrdinal, s.Number, next);
                record = new DiskRecord(new ReadOnlySpan<byte>(s.Base + _readOffset + SegmentFormat.RecordHeaderSize, length), position);
                if (!advance)
                {
                    // Stay on it; skipped damage and segment changes before it are kept.
                    _readMinSequence = seq;
                    return true;
                }
                _lastRead = position;
                _readOffset = next;
                _readOrdinal++;
                _readMinSequence = seq + 1;
                return true;
            }
            return false;
        }
    }

    private void SkipDamage(Segment s, ReadOnlySpan<byte> data)
    {
        int next = SegmentFormat.Resynchronise(data, _readOffset, _readMinSequence);
        int to = next < 0 ? s.CommittedEnd : next;
        _log.Error($"queue {_name}: {to - _readOffset} damaged bytes at offset {_readOffset} of {s.Path} were skipped");
        _readOffset = to;
        _gapPending = true;
    }

    /// <summary>
    /// Removes <paramref name="upTo"/> and every record read before it: their output committed them. Fully
    /// consumed segment files are deleted; the state file is rewritten per checkpointInterval. Returns false for a
    /// position that was not handed out (or is already acknowledged).
    /// </summary>
    public bool Acknowledge(DiskPosition upTo)
    {
        QueueState state;
        lock (_gate)
        {
            if (_closed || upTo.Ordinal < _ackOrdinal || upTo.Ordinal >= _readOrdinal) return false;
            int k = -1;
            for (int i = 0; i <= _readIndex && i < _segments.Count; i++)
            {
                if (_segments[i].Number == upTo.SegmentNumber)
                {
                    k = i;
                    break;
                }
            }
            if (k < 0) return false;

            long bytes = upTo.NextOffset - (k == 0 ? _ackOffset : SegmentFormat.HeaderSize);
            for (int i = 0; i < k; i++) bytes += _segments[i].End - (i == 0 ? _ackOffset : SegmentFormat.HeaderSize);
            long records = upTo.Ordinal + 1 - _ackOrdinal;
            for (int i = 0; i < k; i++) RemoveHead();
            _ackOffset = upTo.NextOffset;
            _ackSequence = upTo.Sequence + 1;
            _ackOrdinal = upTo.Ordinal + 1;
            _count = Math.Max(0, _count - records);
            _bytes = Math.Max(0, _bytes - bytes);
            AcknowledgedRecords += records;
            var head = _segments[0];
            if (!head.Writable && _ackOffset >= head.End) RemoveHead();

            _sinceCheckpoint += records;
            if (_checkpointInterval == 0 || _sinceCheckpoint < _checkpointInterval) return true;
            _sinceCheckpoint = 0;
            state = Snapshot();
        }
        WriteState(state, _sync && StateSyncDue(), inPlace: true);
        return true;
    }

    /// <summary>
    /// With syncQueueFiles=on a checkpoint's state file is fsynced at most once a second. The state only bounds
    /// re-delivery: a kill -9 sees every state write (page cache) however it was synced, and after a power loss an
    /// older state means at most a second's worth of delivered records come again, never a lost one (the records
    /// themselves are msynced at enqueue). Three syncs per delivered batch would cap the drain at a few hundred
    /// batches a second.
    /// </summary>
    private bool StateSyncDue()
    {
        long now = Environment.TickCount64;
        if (now - Volatile.Read(ref _lastStateSyncTicks) < 1000) return false;
        Volatile.Write(ref _lastStateSyncTicks, now);
        return true;
    }

    /// <summary>Acknowledges everything handed out so far (the usual call after an output committed a batch).</summary>
    public bool AcknowledgeRead()
    {
        DiskPosition last;
        lock (_gate)
        {
            if (_readOrdinal == _ackOrdinal) return true;
            last = _lastRead;
        }
        return Acknowledge(last);
    }

    /// <summary>Makes the records handed out but not acknowledged readable again, in their order.</summary>
    public void Rewind()
    {
        lock (_gate)
        {
            _readIndex = 0;
            _readOffset = _ackOffset;
            _readOrdinal = _ackOrdinal;
            _readMinSequence = _ackSequence;
            _gapPending = false;
        }
    }

    /// <summary>Writes the state file now (the queue also does at open, per checkpointInterval and at close).</summary>
    public bool Checkpoint()
    {
        QueueState state;
        lock (_gate)
        {
            if (_closed) return false;
            _sinceCheckpoint = 0;
            state = Snapshot();
        }
        return WriteState(state, _sync);
    }

    /// <summary>
    /// Closes the store: commits what was appended, writes the state file (always synced) and unmaps the segments.
    /// A queue with no records left removes its files, as rsyslog does for an empty disk queue.
    /// </summary>
    public void Dispose()
    {
        Commit();
        _reclaimer.WaitIdle(TimeSpan.FromSeconds(30));
        QueueState state;
        bool empty;
        lock (_syncLock)
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            empty = _count == 0;
            foreach (var s in _segments) s.Unmap();
            if (empty)
            {
                foreach (var s in _segments) MappedFiles.Unlink(s.Path);
                _segments.Clear();
                _diskBytes = 0;
            }
            else if (_write is { } w && w.FileSize > w.End && TruncateFile(w.Path, w.End))
            {
                _diskBytes -= w.FileSize - w.End;
                w.FileSize = w.End;
            }
            _write = null;
            state = Snapshot();
        }
        if (empty)
        {
            lock (_stateLock)
            {
                _stateClosed = true;
                MappedFiles.Unlink(_files.StatePath);
            }
            SyncDirectory();
            return;
        }
        WriteState(state, sync: true);
        lock (_stateLock) _stateClosed = true;
    }

    /// <summary>Waits until the files of consumed segments are deleted (they go in the background).</summary>
    public bool WaitForDeletions(TimeSpan timeout) => _reclaimer.WaitIdle(timeout);

    // ------------------------------------------------------------------ helpers (callers hold _gate)

    /// <summary>Drops the oldest segment (fully acknowledged; its file goes in the background) and moves the positions that pointed into it.</summary>
    private void RemoveHead()
    {
        var h = _segments[0];
        _reclaimer.Add(h);
        _diskBytes -= h.FileSize;
        _segments.RemoveAt(0);
        if (_write == h) _write = null;
        _ackOffset = SegmentFormat.HeaderSize;
        if (_readIndex > 0) _readIndex--;
        else _readOffset = SegmentFormat.HeaderSize;
    }

    /// <summary>Unmaps a sealed segment nobody reads yet and whose bytes need no msync; a reader maps it again.</summary>
    private void ReleaseMappingIfIdle(Segment s)
    {
        if (s.Writable || !s.IsMapped || (_sync && s.SyncedEnd < s.End)) return;
        for (int i = _segments.Count - 1; i > _readIndex; i--)
        {
            if (_segments[i] == s)
            {
                s.Unmap();
                return;
            }
        }
    }

    private QueueState Snapshot() => new()
    {
        AckSequence = _ackSequence,
        NextSequence = _nextSequence,
        NextSegmentNumber = _nextSegmentNumber,
        AckSegmentNumber = _segments.Count > 0 ? _segments[0].Number : 0,
        AckOffset = _ackOffset,
        WriteSegmentNumber = _write?.Number ?? 0,
        WriteOffset = _write?.End ?? 0,
        Count = _count,
        Bytes = _bytes,
    };

    /// <summary>
    /// Atomic replace: write .qi.tmp, fdatasync, rename over .qi, fsync the directory (the syncs when asked). The
    /// frequent checkpoints of queue.checkpointInterval (<paramref name="inPlace"/>) overwrite the existing .qi's
    /// fixed-size record instead: on ext4 a rename over an existing file forces the new file's data out
    /// (auto_da_alloc), milliseconds per delivered batch. A single 88-byte write cannot be torn by kill -9, and a
    /// write torn by a power loss fails the state's CRC, so recovery rebuilds the positions from the segments
    /// (more duplicates, never a loss).
    /// </summary>
    private bool WriteState(in QueueState state, bool sync, bool inPlace = false)
    {
        lock (_stateLock)
        {
            if (_stateClosed || state.AckSequence < _lastStateAck) return false;
            Span<byte> buffer = stackalloc byte[QueueState.Size];
            state.Write(buffer);
            if (inPlace && _stateWritten)
            {
                var ei = MappedFiles.Open(_files.StatePath, Files.O_WRONLY, FileMode, out int sfd);
                if (ei == Errno.None)
                {
                    ei = MappedFiles.WriteAll(sfd, buffer);
                    if (ei == Errno.None && sync) ei = MappedFiles.DataSync(sfd);
                    Files.Close(sfd);
                    if (ei == Errno.None)
                    {
                        _lastStateAck = state.AckSequence;
                        return true;
                    }
                }
                // Fall back to the atomic replace (and its error reporting).
            }
            var e = MappedFiles.Open(_files.StateTempPath, Files.O_WRONLY | MappedFiles.O_CREAT | MappedFiles.O_TRUNC, FileMode, out int fd);
            if (e == Errno.None)
            {
                e = MappedFiles.WriteAll(fd, buffer);
                if (e == Errno.None && sync) e = MappedFiles.DataSync(fd);
                Files.Close(fd);
            }
            if (e == Errno.None) e = MappedFiles.Rename(_files.StateTempPath, _files.StatePath);
            if (e == Errno.None && sync) SyncDirectory();
            if (e != Errno.None)
            {
                if (!_stateErrorReported)
                    _log.Error($"queue {_name}: cannot write state file {_files.StatePath}: {NativeException.Describe(e)}; " +
                               "the queue goes on, after a crash more messages may be delivered twice");
                _stateErrorReported = true;
                return false;
            }
            _stateErrorReported = false;
            _stateWritten = true;
            _lastStateAck = state.AckSequence;
            return true;
        }
    }

    private void SyncDirectory()
    {
        if (MappedFiles.OpenDirectory(_files.Directory, out int fd) != Errno.None) return;
        Files.Fsync(fd);
        Files.Close(fd);
    }

    private static bool TruncateFile(string path, long length)
    {
        if (MappedFiles.Open(path, MappedFiles.O_RDWR, 0, out int fd) != Errno.None) return false;
        bool ok = MappedFiles.Truncate(fd, length) == Errno.None;
        Files.Close(fd);
        return ok;
    }
}
