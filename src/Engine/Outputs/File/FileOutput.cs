using Sluice.Engine.Diagnostics;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Outputs.File;

/// <summary>
/// One omfile action writing to one static file.
/// <para>
/// The file is opened on first write, created with fileCreateMode (and its directories with dirCreateMode
/// when createDirs is on). Every write first seeks to the file's current end: .NET has no O_APPEND (its
/// FileMode.Append writes at a remembered offset), and this gives the same result for logrotate: after
/// copytruncate the next line lands at the start of the emptied file, and after a rename the old file keeps
/// receiving lines until <see cref="Reopen"/> (SIGHUP) closes it so the next write creates the path anew.
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
    private readonly FileOutputSettings _settings;
    private readonly Template _template;
    private readonly IInternalLog _log;
    private readonly object _lock;
    private readonly byte[] _buffer;
    private int _buffered;
    private FileStream? _stream;
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
        get { lock (_lock) return _stream is not null; }
    }

    public override OutputTransaction CreateTransaction() => new FileTransaction(this, _template);

    /// <summary>Delivers one transaction's rendered lines.</summary>
    internal ActionResult Commit(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            try
            {
                bool wrote = Append(data);
                if (_settings.FlushOnTxEnd) wrote |= WriteBuffer();
                if (wrote && _settings.Sync) _stream!.Flush(flushToDisk: true);
                Recovered();
                return ActionResult.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail(e);
                return ActionResult.Suspended;
            }
        }
    }

    /// <summary>SIGHUP: write what is buffered to the file as it is now, then close it; the next write reopens the path.</summary>
    public override void Reopen()
    {
        lock (_lock)
        {
            try
            {
                WriteBuffer();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail(e);
            }
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
                    try
                    {
                        WriteBuffer();
                        if (_settings.Sync) _stream?.Flush(flushToDisk: true);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        Fail(e);
                    }
                }
            }

            if (_wroteSinceTick || _lastActivityAt < 0)
            {
                _lastActivityAt = nowMilliseconds;
                _wroteSinceTick = false;
            }
            if (_settings.CloseTimeoutMinutes > 0 && _stream is not null && _buffered == 0 &&
                nowMilliseconds - _lastActivityAt >= _settings.CloseTimeoutMinutes * 60_000L)
                Close();
        }
    }

    /// <summary>Shutdown: write out everything buffered.</summary>
    public override void Flush()
    {
        lock (_lock)
        {
            try
            {
                if (WriteBuffer() && _settings.Sync) _stream!.Flush(flushToDisk: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail(e);
            }
        }
    }

    public override void Dispose()
    {
        Flush();
        lock (_lock) Close();
    }

    /// <summary>Buffers data, writing whenever the buffer fills. Returns true if anything reached the file.</summary>
    private bool Append(ReadOnlySpan<byte> data)
    {
        bool wrote = false;
        while (data.Length > 0)
        {
            if (_buffered == 0 && (data.Length >= _buffer.Length || _settings.FlushOnTxEnd))
            {
                // It would be written before this commit ends anyway: skip the copy.
                WriteToFile(data);
                return true;
            }
            int n = Math.Min(_buffer.Length - _buffered, data.Length);
            data.Slice(0, n).CopyTo(_buffer.AsSpan(_buffered));
            _buffered += n;
            data = data.Slice(n);
            if (_buffered == _buffer.Length) wrote |= WriteBuffer();
        }
        return wrote;
    }

    private bool WriteBuffer()
    {
        if (_buffered == 0) return false;
        WriteToFile(_buffer.AsSpan(0, _buffered));
        _buffered = 0;
        _bufferedSeenAt = -1;
        return true;
    }

    private void WriteToFile(ReadOnlySpan<byte> data)
    {
        var stream = _stream ?? Open();
        stream.Seek(0, SeekOrigin.End);
        stream.Write(data);
        _wroteSinceTick = true;
    }

    private FileStream Open()
    {
        if (_settings.CreateDirs) CreateParentDirectories(_settings.Path, _settings.DirCreateMode);
        var stream = new FileStream(_settings.Path, new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
            UnixCreateMode = _settings.FileCreateMode,
        });
        _stream = stream;
        return stream;
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
        var stream = _stream;
        _stream = null;
        if (stream is null) return;
        try
        {
            stream.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
        }
    }

    /// <summary>
    /// A failed open or write: what is buffered is dropped (the runtime retries the failed batch), the file is
    /// closed so the next attempt reopens it, and the problem is logged once until writing works again.
    /// </summary>
    private void Fail(Exception e)
    {
        _buffered = 0;
        _bufferedSeenAt = -1;
        var stream = _stream;
        _stream = null;
        try
        {
            stream?.Dispose();
        }
        catch (Exception disposeError) when (disposeError is IOException or UnauthorizedAccessException)
        {
            // The descriptor is gone either way; the original error is the one worth reporting.
        }
        if (_failing) return;
        _failing = true;
        _log.Error($"omfile: cannot write to '{_settings.Path}': {e.Message} - action suspended");
    }

    private void Recovered()
    {
        if (!_failing) return;
        _failing = false;
        _log.Info($"omfile: writing to '{_settings.Path}' works again");
    }
}
