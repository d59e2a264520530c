using Sluice.Engine.Diagnostics;
using Sluice.Native;

namespace Sluice.Engine.Outputs.File;

/// <summary>
/// One file omfile writes to: its path (bytes, so that names built from message data need not be valid UTF-8),
/// its descriptor and its buffers.
/// <para>
/// The file is opened on first write with O_APPEND, as rsyslog opens it: the kernel appends every write at the
/// file's current end, so after logrotate's copytruncate the next line lands at the start of the emptied file and
/// lines of other appenders are never overwritten. A file that does not exist is created with fileCreateMode (its
/// missing directories with dirCreateMode when createDirs is on); only a file or directory created here gets the
/// configured owner and group (rsyslog's prepareFile / makeFileParentDirs).
/// </para>
/// <para>
/// Locking: the owning output's lock guards the front buffer and the bookkeeping fields; <see cref="Io"/> guards the
/// descriptor and the back buffer and is held for every write(2). The async writer thread takes only
/// <see cref="Io"/>, so a commit never waits for the disk unless both buffers are full. Lock order: output, then Io.
/// </para>
/// </summary>
internal sealed class FileSink
{
    private const int Closed = -1;

    private readonly FileOutputSettings _settings;
    private readonly IInternalLog _log;
    private readonly string _consequence;

    /// <summary>Held for every write and for the descriptor's and the back buffer's state.</summary>
    public readonly object Io = new();
    private int _fd = Closed;
    private bool _failing;

    private byte[] _path = [];
    private string? _pathText;

    private byte[] _front;
    private int _frontLength;
    private byte[]? _back;
    private int _backLength;

    // ---- bookkeeping of the owner (under the output's lock) ----
    /// <summary>When buffered data was first noticed by the timer (-1: none); sync mode's flushInterval.</summary>
    public long BufferedSeenAt = -1;
    /// <summary>Set by every write, cleared by the timer: closeTimeout counts from the last tick that saw a write.</summary>
    public volatile bool WroteSinceTick;
    public long LastActivityAt = -1;
    /// <summary>Async mode: waiting in the writer's queue / in its flushInterval queue since <see cref="DirtySince"/>.</summary>
    public bool QueuedForWrite;
    public bool InDirtyQueue;
    public long DirtySince;
    /// <summary>The number of the dynaFile commit that last wrote to this sink (its list of files to flush).</summary>
    public int TouchedInCommit;
    /// <summary>The dynaFile cache's LRU list.</summary>
    public FileSink? Newer, Older;

    /// <param name="consequence">What a failed write means, for the log ("action suspended", "lines discarded").</param>
    public FileSink(FileOutputSettings settings, IInternalLog log, string consequence)
    {
        _settings = settings;
        _log = log;
        _consequence = consequence;
        _front = new byte[settings.IoBufferSize];
    }

    /// <summary>The path's bytes (the dynaFile cache's key; never changed while the sink is in the cache).</summary>
    public byte[] Key => _path;

    public string PathText => _pathText ??= System.Text.Encoding.UTF8.GetString(_path);

    public bool IsOpen
    {
        get { lock (Io) return _fd != Closed; }
    }

    public int FrontLength => _frontLength;

    public bool HasBufferedData
    {
        get { lock (Io) return _frontLength > 0 || _backLength > 0; }
    }

    /// <summary>Points a closed, empty sink at <paramref name="path"/> (the array is kept as the cache key).</summary>
    public void Assign(byte[] path)
    {
        _path = path;
        _pathText = null;
        _failing = false;
        BufferedSeenAt = -1;
        LastActivityAt = -1;
        WroteSinceTick = false;
    }

    /// <summary>
    /// Opens the file now if it is not open (so that a failure shows at commit time). With <paramref name="report"/>
    /// a failure is logged like a failed write (once until writing works again); otherwise the caller reports it.
    /// </summary>
    public IoFailure EnsureOpen(bool report)
    {
        lock (Io)
        {
            if (_fd != Closed) return default;
            var failure = Open();
            if (failure.Failed && report) Fail(failure);
            return failure;
        }
    }

    /// <summary>
    /// Sync mode: buffers <paramref name="data"/>, writing whenever the buffer fills. When the buffer is empty and
    /// the data would be written before the commit ends anyway (it fills the buffer, or
    /// <paramref name="writeThroughWhenEmpty"/>), it is written without the copy.
    /// </summary>
    public IoFailure Append(ReadOnlySpan<byte> data, bool writeThroughWhenEmpty, ref bool wrote)
    {
        while (data.Length > 0)
        {
            if (_frontLength == 0 && (data.Length >= _front.Length || writeThroughWhenEmpty))
            {
                wrote = true;
                lock (Io) return Write(data);
            }
            int n = Math.Min(_front.Length - _frontLength, data.Length);
            data.Slice(0, n).CopyTo(_front.AsSpan(_frontLength));
            _frontLength += n;
            data = data.Slice(n);
            if (_frontLength == _front.Length)
            {
                var failure = WriteOut(ref wrote);
                if (failure.Failed) return failure;
            }
        }
        return default;
    }

    /// <summary>
    /// Async mode: buffers <paramref name="data"/>; each full buffer becomes the back buffer and is queued on
    /// <paramref name="writer"/> (waiting for the disk only when the previous back buffer is still unwritten).
    /// </summary>
    public void AppendAsync(ReadOnlySpan<byte> data, AsyncFileWriter writer)
    {
        while (data.Length > 0)
        {
            if (_frontLength == 0) writer.MarkDirty(this);
            int n = Math.Min(_front.Length - _frontLength, data.Length);
            data.Slice(0, n).CopyTo(_front.AsSpan(_frontLength));
            _frontLength += n;
            data = data.Slice(n);
            if (_frontLength == _front.Length) HandOff(writer);
        }
    }

    /// <summary>Async mode: the front buffer becomes the back buffer and is queued for the writer thread.</summary>
    public void HandOff(AsyncFileWriter writer)
    {
        if (_frontLength == 0) return;
        lock (Io)
        {
            if (_backLength > 0) WriteBackLocked(); // the writer has not got to it yet: keep the order, write it here
            _back ??= new byte[_front.Length];
            (_front, _back) = (_back, _front);
            _backLength = _frontLength;
            _frontLength = 0;
        }
        writer.Enqueue(this);
    }

    /// <summary>Writer thread: writes the back buffer (if it still holds data) and fsyncs when sync is on.</summary>
    public void WriteBack()
    {
        lock (Io)
        {
            if (_backLength == 0) return;
            WriteBackLocked();
        }
    }

    /// <summary>Writes everything buffered, back buffer first; the file's order is the order of the appends.</summary>
    public IoFailure WriteOut(ref bool wrote)
    {
        lock (Io)
        {
            IoFailure failure = default;
            if (_backLength > 0)
            {
                wrote = true;
                failure = Write(_back!.AsSpan(0, _backLength));
                _backLength = 0;
            }
            if (_frontLength > 0)
            {
                wrote = true;
                if (!failure.Failed) failure = Write(_front.AsSpan(0, _frontLength));
                _frontLength = 0;
            }
            BufferedSeenAt = -1;
            return failure;
        }
    }

    /// <summary>fsync(2) of the open file.</summary>
    public IoFailure Fsync()
    {
        lock (Io)
        {
            if (_fd == Closed) return default;
            var e = Files.Fsync(_fd);
            if (e == Errno.None) return default;
            var failure = new IoFailure("fsync", e);
            Fail(failure);
            return failure;
        }
    }

    /// <summary>Drops what is buffered (after a failure the runtime, not the file, decides about the lines).</summary>
    public void DropBuffered()
    {
        lock (Io)
        {
            _frontLength = 0;
            _backLength = 0;
            BufferedSeenAt = -1;
        }
    }

    /// <summary>Closes the descriptor (buffered data stays buffered); the next write opens the path again.</summary>
    public void Close()
    {
        lock (Io)
        {
            int fd = _fd;
            _fd = Closed;
            if (fd == Closed) return;
            var e = Files.Close(fd);
            if (e != Errno.None) Fail(new IoFailure("close", e));
        }
    }

    /// <summary>Writes <paramref name="data"/> (opening the file first if needed); holds <see cref="Io"/>.</summary>
    private IoFailure Write(ReadOnlySpan<byte> data)
    {
        if (_fd == Closed)
        {
            var failure = Open();
            if (failure.Failed)
            {
                Fail(failure);
                return failure;
            }
        }
        WroteSinceTick = true;
        var e = Files.WriteAll(_fd, data, out _);
        if (e != Errno.None)
        {
            var failure = new IoFailure("write", e);
            Fail(failure);
            return failure;
        }
        if (_failing)
        {
            _failing = false;
            _log.Info($"omfile: writing to '{PathText}' works again");
        }
        return default;
    }

    private void WriteBackLocked()
    {
        var failure = Write(_back!.AsSpan(0, _backLength));
        _backLength = 0;
        if (!failure.Failed && _settings.Sync) Files.Fsync(_fd);
    }

    /// <summary>
    /// A failed open or write: the descriptor is closed so the next attempt reopens the path, and the problem is
    /// logged once until writing works again. Holds <see cref="Io"/>.
    /// </summary>
    private void Fail(IoFailure failure)
    {
        int fd = _fd;
        _fd = Closed;
        if (fd != Closed) Files.Close(fd); // the descriptor is gone either way; the first error is the one to report
        if (_failing) return;
        _failing = true;
        _log.Error($"omfile: cannot write to '{PathText}': {failure.Describe()} - {_consequence}");
    }

    /// <summary>
    /// Opens the path for appending. Without an owner to set, open(O_CREAT) does it in one call. With one, the file
    /// is created exclusively so that only a file created here is chowned (rsyslog chowns only files it creates).
    /// Holds <see cref="Io"/>.
    /// </summary>
    private IoFailure Open()
    {
        uint mode = (uint)_settings.FileCreateMode;
        int fd;
        Errno e;
        if (!_settings.SetsFileOwnership)
        {
            e = Ownership.OpenOrCreate(_path, mode, out fd);
            if (e == Errno.ENOENT && _settings.CreateDirs)
            {
                var dirs = CreateParentDirectories();
                if (dirs.Failed) return dirs;
                e = Ownership.OpenOrCreate(_path, mode, out fd);
            }
            if (e != Errno.None) return new IoFailure("open", e);
            _fd = fd;
            return default;
        }

        e = Ownership.OpenExisting(_path, out fd);
        if (e == Errno.ENOENT)
        {
            e = Ownership.CreateNew(_path, mode, out fd);
            if (e == Errno.ENOENT && _settings.CreateDirs)
            {
                var dirs = CreateParentDirectories();
                if (dirs.Failed) return dirs;
                e = Ownership.CreateNew(_path, mode, out fd);
            }
            if (e == Errno.None)
            {
                var c = Ownership.Fchown(fd, _settings.FileOwner, _settings.FileGroup);
                if (c != Errno.None)
                {
                    _log.Error($"omfile: chown for file '{PathText}' failed: {Ownership.Describe(c)}");
                    if (_settings.FailOnChownFailure)
                    {
                        Files.Close(fd);
                        return new IoFailure("fchown", c);
                    }
                }
            }
            else if (e == Errno.EEXIST)
            {
                e = Ownership.OpenExisting(_path, out fd); // created by someone else meanwhile: not ours to chown
            }
        }
        if (e != Errno.None) return new IoFailure("open", e);
        _fd = fd;
        return default;
    }

    /// <summary>Creates every missing directory above the file with dirCreateMode and the directory owner (rsyslog's makeFileParentDirs).</summary>
    private IoFailure CreateParentDirectories()
    {
        ReadOnlySpan<byte> path = _path;
        for (int i = 1; i < path.Length; i++)
        {
            if (path[i] != (byte)'/' || path[i - 1] == (byte)'/') continue;
            var dir = path.Slice(0, i);
            var e = Ownership.MakeDirectory(dir, (uint)_settings.DirCreateMode);
            if (e == Errno.EEXIST) continue;
            if (e != Errno.None)
                return new IoFailure("mkdir", e,
                    $"creating parent directories for file '{PathText}' failed: {Ownership.Describe(e)}");
            if (!_settings.SetsDirOwnership) continue;
            var c = Ownership.Chown(dir, _settings.DirOwner, _settings.DirGroup);
            if (c == Errno.None) continue;
            string dirText = System.Text.Encoding.UTF8.GetString(dir);
            _log.Error($"omfile: chown for directory '{dirText}' failed: {Ownership.Describe(c)}");
            if (_settings.FailOnChownFailure)
                return new IoFailure("chown", c, $"creating parent directories for file '{PathText}' failed: " +
                                                 $"chown of '{dirText}': {Ownership.Describe(c)}");
        }
        return default;
    }
}
