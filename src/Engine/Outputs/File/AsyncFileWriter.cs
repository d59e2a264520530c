namespace Sluice.Engine.Outputs.File;

/// <summary>
/// asyncWriting="on": the writer thread of one omfile action. Commits fill each file's front buffer; a full one is
/// swapped with the back buffer and queued here (double buffering), so the queue worker goes on while this thread
/// writes. A front buffer that has held data for flushInterval seconds is handed over too, which bounds how long a
/// line waits in memory. One thread per action (rsyslog starts one per open file): for a dynaFile action with
/// a thousand open files that is one thread instead of a thousand, and the files' order of lines is the same.
/// <para>
/// The queues are guarded by the owning output's lock (held by every caller of <see cref="MarkDirty"/> and
/// <see cref="Enqueue"/>); the thread holds it only to pick work, never while writing. Two actions on one static
/// file share that lock, so wake-ups go to every waiter (PulseAll) and each writer looks for its own work.
/// </para>
/// </summary>
internal sealed class AsyncFileWriter
{
    private readonly object _lock;
    private readonly long _intervalMs;
    private readonly string _name;
    private readonly Queue<FileSink> _writes = new();
    private readonly Queue<FileSink> _dirty = new();
    private Thread? _thread;
    private bool _stopping;

    /// <param name="outputLock">The owning output's lock.</param>
    public AsyncFileWriter(object outputLock, int flushIntervalSeconds, string name)
    {
        _lock = outputLock;
        _intervalMs = flushIntervalSeconds * 1000L;
        _name = name;
    }

    /// <summary>The sink's front buffer just received its first bytes: it is written within flushInterval. Caller holds the output lock.</summary>
    public void MarkDirty(FileSink sink)
    {
        if (sink.InDirtyQueue) return; // an older entry is still queued: it flushes earlier, never later
        sink.InDirtyQueue = true;
        sink.DirtySince = Environment.TickCount64;
        _dirty.Enqueue(sink);
        EnsureStarted();
        if (_dirty.Count == 1 || _intervalMs == 0) Monitor.PulseAll(_lock);
    }

    /// <summary>The sink's back buffer holds data to write. Caller holds the output lock.</summary>
    public void Enqueue(FileSink sink)
    {
        if (!sink.QueuedForWrite)
        {
            sink.QueuedForWrite = true;
            _writes.Enqueue(sink);
        }
        EnsureStarted();
        Monitor.PulseAll(_lock);
    }

    /// <summary>Hands over every buffer, lets the thread write them and waits (bounded) for it to end.</summary>
    public void Stop()
    {
        Thread? thread;
        lock (_lock)
        {
            _stopping = true;
            Monitor.PulseAll(_lock);
            thread = _thread;
        }
        thread?.Join(TimeSpan.FromSeconds(30));
    }

    private void EnsureStarted()
    {
        if (_thread is not null || _stopping) return;
        _thread = new Thread(Run) { Name = "omfile async", IsBackground = true };
        _thread.Start();
    }

    private void Run()
    {
        while (true)
        {
            FileSink? sink;
            lock (_lock) sink = NextWork();
            if (sink is null) return;
            sink.WriteBack();
        }
    }

    /// <summary>The next sink with a back buffer to write, waiting as long as nothing is due; null when stopping and idle.</summary>
    private FileSink? NextWork()
    {
        while (true)
        {
            if (_writes.Count > 0)
            {
                var sink = _writes.Dequeue();
                sink.QueuedForWrite = false;
                return sink;
            }
            if (_dirty.Count > 0)
            {
                var head = _dirty.Peek();
                long wait = head.DirtySince + _intervalMs - Environment.TickCount64;
                if (wait <= 0 || _stopping)
                {
                    _dirty.Dequeue();
                    head.InDirtyQueue = false;
                    head.HandOff(this); // queues it when its front buffer still holds data
                    continue;
                }
                Monitor.Wait(_lock, (int)Math.Min(wait, int.MaxValue));
                continue;
            }
            if (_stopping) return null;
            Monitor.Wait(_lock);
        }
    }

    public override string ToString() => $"omfile async writer for {_name}";
}
