using Sluice.Engine.Diagnostics;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Outputs.File;

/// <summary>
/// One omfile action writing to one static file (<see cref="FileSink"/> does the file work).
/// <para>
/// Transactions render in parallel; <see cref="Commit"/> (called in batch order) copies into the ioBufferSize
/// buffer under the file's lock, writes whenever it fills, and writes the rest when flushOnTXEnd is on. When the
/// buffer is empty and flushOnTXEnd is on, the batch is written in one call without the copy. With asyncWriting,
/// full buffers go to the action's writer thread and flushInterval bounds how long the rest waits.
/// Failures are returned as <see cref="ActionResult.Suspended"/> and logged once; retrying is the action runtime's job.
/// </para>
/// </summary>
public sealed class FileOutput : OutputInstance
{
    private readonly FileOutputSettings _settings;
    private readonly Template _template;
    private readonly object _lock;
    private readonly FileSink _sink;
    private readonly AsyncFileWriter? _writer;

    public FileOutput(FileOutputSettings settings, Template template, IInternalLog log)
    {
        if (settings.Path is null) throw new ArgumentException("a static omfile action needs a path", nameof(settings));
        _settings = settings;
        _template = template;
        // Two actions on one file share the lock, so a write cut short and finished in a second call is never
        // interleaved with the other action's lines.
        _lock = FileLocks.For(settings.Path);
        _sink = new FileSink(settings, log, settings.AsyncWriting ? "lines discarded" : "action suspended");
        _sink.Assign(System.Text.Encoding.UTF8.GetBytes(settings.Path));
        if (settings.AsyncWriting) _writer = new AsyncFileWriter(_lock, settings.FlushIntervalSeconds, settings.Path);
    }

    public FileOutputSettings Settings => _settings;
    public Template Template => _template;

    /// <summary>Whether the file is currently open (opened lazily, closed by Reopen, closeTimeout and errors).</summary>
    public bool IsOpen
    {
        get { lock (_lock) return _sink.IsOpen; }
    }

    public override OutputTransaction CreateTransaction() => new FileTransaction(this, _template);

    /// <summary>Delivers one transaction's rendered lines.</summary>
    internal ActionResult Commit(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            if (_writer is not null)
            {
                // The file is opened here so that a file that cannot be opened suspends the action at once.
                if (_sink.EnsureOpen(report: true).Failed) return Failed();
                _sink.AppendAsync(data, _writer);
                return ActionResult.Ok;
            }
            bool wrote = false;
            var failure = _sink.Append(data, _settings.FlushOnTxEnd, ref wrote);
            if (!failure.Failed && _settings.FlushOnTxEnd) failure = _sink.WriteOut(ref wrote);
            if (!failure.Failed && wrote && _settings.Sync) failure = _sink.Fsync();
            return failure.Failed ? Failed() : ActionResult.Ok;
        }
    }

    /// <summary>The lines buffered with the failed ones are dropped too: the runtime retries the batch.</summary>
    private ActionResult Failed()
    {
        _sink.DropBuffered();
        return ActionResult.Suspended;
    }

    /// <summary>SIGHUP: write what is buffered to the file as it is now, then close it; the next write reopens the path.</summary>
    public override void Reopen()
    {
        lock (_lock)
        {
            bool wrote = false;
            _sink.WriteOut(ref wrote);
            _sink.Close();
        }
    }

    /// <summary>
    /// Writes buffered data once it has waited flushInterval seconds (sync mode; the writer thread does it with
    /// asyncWriting), and closes an idle file after closeTimeout minutes. Only differences between the values
    /// passed in are used, so any monotonic millisecond clock works.
    /// </summary>
    public override void OnTimer(long nowMilliseconds)
    {
        lock (_lock) FileTimer.Tick(_sink, _settings, _writer is null, nowMilliseconds);
    }

    /// <summary>Shutdown: write out everything buffered.</summary>
    public override void Flush()
    {
        lock (_lock)
        {
            bool wrote = false;
            var failure = _sink.WriteOut(ref wrote);
            if (!failure.Failed && wrote && _settings.Sync) _sink.Fsync();
        }
    }

    public override void Dispose()
    {
        Flush();
        _writer?.Stop();
        lock (_lock) _sink.Close();
    }
}
