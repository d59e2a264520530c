using Sluice.Engine.Diagnostics;
using Sluice.Engine.Templates;
using Sluice.Native;

namespace Sluice.Engine.Outputs.File;

/// <summary>
/// One omfile action writing to one static file.
/// <para>
/// The file is opened on first write with O_APPEND, as rsyslog opens it (<see cref="Files"/>), created with
/// fileCreateMode (and its directories with dirCreateMode when createDirs is on). The kernel appends every write at
/// the file's current end, so after logrotate's copytruncate the next line lands at the start of the emptied file,
/// lines of other processes appending to it are never overwritten, and after a rename the old file keeps receiving
/// lines until <see cref="Reopen"/> (SIGHUP) closes it so the next write creates the path anew.
/// </para>
/// <para>
/// Transactions render in parallel; <see cref="Commit"/> (called in batch order) copies into the ioBufferSize
/// buffer under the file's lock, writes whenever it fills, and writes the rest when flushOnTXEnd is on. When
/// the buffer is empty and flushOnTXEnd is on, the batch is written in one call without the copy.
/// Failures are returned as <see cref="ActionResult.Suspended"/> and logged once; retrying is the action runtime's job.
/// </para>
/// </summary>
public sealed class FileOutput : OutputInstance
{
    private const int Closed = -1;

    private readonly FileOutputSettings _settings;
    private readonly Template _template;
    private readonly IInternalLog _log;
    private readonly object _lock;
    private readonly byte[] _buffer;
    private int _buffered;
    private int _fd = Closed;
    private bool _failing;

    // Timer bookkeeping in the timer's own clock: when buffered data / the last write were first noticed.
    private long _bufferedSeenAt = -1;
    private bool _wroteSinceTick;
    private long _lastActivityAt = -1;

    public FileOutput(FileOutputSettings settings, Template template, IInternalLog log)
    {
        _settings = settings;
        _template = template;
        _log = log;
        _lock = FileLocks.For(settings.Path);
        _buffer = new byte[settings.IoBufferSize];
    }

    public FileOutputSettings Settings => _settings;
    public Template Template => _template;

    /// <summary>Whether the file is currently open (opened lazily, closed by Reopen, closeTimeout and errors).</summary>
    public bool IsOpen
    {
        get { lock (_lock) return _fd != Closed; }
    }

    public override OutputTransaction CreateTransaction() => new FileTransaction(this, _template);

    /// <summary>Delivers one transaction's rendered lines.</summary>
    internal ActionResult Commit(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            var failure = Append(data, out bool wrote);
            if (failure.Call is null && _settings.FlushOnTxEnd) failure = WriteBuffer(ref wrote);
            if (failure.Call is null && wrote && _settings.Sync) failure = Sync();
            if (failure.Call is not null)
            {
                Fail(failure);
                return ActionResult.Suspended;
            }
            Recovered();
            return ActionResult.Ok;
        }
    }

    /// <summary>SIGHUP: write what is buffered to the file as it is now, then close it; the next write reopens the path.</summary>
    public override void Reopen()
    {
        lock (_lock)
        {
            bool wrote = false;
            var failure = WriteBuffer(ref wrote);
            if (failure.Call is not null) Fail(failure);
            Close();
        }
    }

    /// <summary>
    /// Writes buffered data once it has waited flushInterval seconds, and closes an idle file after
    /// closeTimeout minutes. Only differences between the values passed in are used, so any monotonic
    /// millisecond clock works.
    /// </summary>
    public override void OnTimer(long nowMilliseconds)
    {
        lock (_lock)
        {
            if (_buffered > 0)
            {
                if (_bufferedSeenAt < 0) _bufferedSeenAt = nowMilliseconds;
                if (nowMilliseconds - _bufferedSeenAt >= _settings.FlushIntervalSeconds * 1000L)
                {
                    bool wrote = false;
                    var failure = WriteBuffer(ref wrote);
                    if (failure.Call is null && wrote && _settings.Sync) failure = Sync();
                    if (failure.Call is not null) Fail(failure);
                }
            }

            if (_wroteSinceTick || _lastActivityAt < 0)
            {
                _lastActivityAt = nowMilliseconds;
                _wroteSinceTick = false;
            }
            if (_settings.CloseTimeoutMinutes > 0 && _fd != Closed && _buffered == 0 &&
                nowMilliseconds - _lastActivityAt >= _settings.CloseTimeoutMinutes * 60_000L)
                Close();
        }
    }

    /// <summary>Shutdown: write out everything buffered.</summary>
    public override void Flush()
    {
        lock (_lock)
        {
            bool wrote = false;
            var failure = WriteBuffer(ref wrote);
            if (failure.Call is null && wrote && _settings.Sync) failure = Sync();
            if (failure.Call is not null) Fail(failure);
        }
    }

    public override void Dispose()
    {
        Flush();
        lock (_lock) Close();
    }

    /// <summary>Buffers data, writing whenever the buffer fills; <paramref name="wrote"/> says whether anything reached the file.</summary>
    private IoFailure Append(ReadOnlySpan<byte> data, out bool wrote)
    {
        wrote = false;
        while (data.Length > 0)
        {
            if (_buffered == 0 && (data.Length >= _buffer.Length || _settings.FlushOnTxEnd))
            {
                // It would be written before this commit ends anyway: skip the copy.
                wrote = true;
                return WriteToFile(data);
            }
            int n = Math.Min(_buffer.Length - _buffered, data.Length);
            data.Slice(0, n).CopyTo(_buffer.AsSpan(_buffered));
            _buffered += n;
            data = data.Slice(n);
            if (_buffered == _buffer.Length)
            {
                var failure = WriteBuffer(ref wrote);
                if (failure.Call is not null) return failure;
            }
        }
        return default;
    }

    private IoFailure WriteBuffer(ref bool wrote)
    {
        if (_buffered == 0) return default;
        wrote = true;
        var failure = WriteToFile(_buffer.AsSpan(0, _buffered));
        _buffered = 0;
        _bufferedSeenAt = -1;
        return failure;
    }

    private IoFailure WriteToFile(ReadOnlySpan<byte> data)
    {
        if (_fd == Closed)
        {
            var failure = Open();
            if (failure.Call is not null) return failure;
        }
        _wroteSinceTick = true;
        var e = Files.WriteAll(_fd, data, out _);
        return e == Errno.None ? default : new IoFailure("write", e);
    }

    private IoFailure Sync()
    {
        var e = Files.Fsync(_fd);
        return e == Errno.None ? default : new IoFailure("fsync", e);
    }

    private IoFailure Open()
    {
        if (_settings.CreateDirs)
        {
            try
            {
                CreateParentDirectories(_settings.Path, _settings.DirCreateMode);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new IoFailure("mkdir", Errno.None, e.Message);
            }
        }
        var errno = Files.OpenForAppend(_settings.Path, (uint)_settings.FileCreateMode, out int fd);
        if (errno != Errno.None) return new IoFailure("open", errno);
        _fd = fd;
        return default;
    }

    /// <summary>Creates every missing directory above the file, each with dirCreateMode (rsyslog's makeFileParentDirs).</summary>
    private static void CreateParentDirectories(string file, UnixFileMode mode)
    {
        string? dir = Path.GetDirectoryName(file);
        if (string.IsNullOrEmpty(dir) || Directory.Exists(dir)) return;
        CreateParentDirectories(dir, mode);
        Directory.CreateDirectory(dir, mode);
    }

    private void Close()
    {
        int fd = _fd;
        _fd = Closed;
        if (fd == Closed) return;
        var e = Files.Close(fd);
        if (e != Errno.None) Fail(new IoFailure("close", e));
    }

    /// <summary>
    /// A failed open or write: what is buffered is dropped (the runtime retries the failed batch), the file is
    /// closed so the next attempt reopens it, and the problem is logged once until writing works again.
    /// </summary>
    private void Fail(IoFailure failure)
    {
        _buffered = 0;
        _bufferedSeenAt = -1;
        int fd = _fd;
        _fd = Closed;
        if (fd != Closed) Files.Close(fd); // the descriptor is gone either way; the first error is the one to report
        if (_failing) return;
        _failing = true;
        _log.Error($"omfile: cannot write to '{_settings.Path}': {failure.Describe()} - action suspended");
    }

    private void Recovered()
    {
        if (!_failing) return;
        _failing = false;
        _log.Info($"omfile: writing to '{_settings.Path}' works again");
    }

    /// <summary>What failed (a libc call and its errno, or a message); default = nothing failed. No allocation until described.</summary>
    private readonly record struct IoFailure(string? Call, Errno Errno, string? Message = null)
    {
        public string Describe() => Message ?? $"{Call} failed: {NativeException.Describe(Errno)} (errno {(int)Errno})";
    }
}
