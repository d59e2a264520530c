using Sluice.Native;

namespace Sluice.Engine.Queues.Disk;

/// <summary>
/// Unmaps and deletes fully consumed segments on a thread-pool thread. Deleting a file whose pages the kernel is
/// still writing back waits for that writeback (milliseconds per MiB), and unmapping a large mapping takes time
/// too; the consumer that acknowledged must not wait for either. Once per segment, so the work item it queues
/// costs nothing per message. A crash before the deletion only leaves a consumed file, which recovery removes.
/// </summary>
internal sealed class SegmentReclaimer
{
    private readonly object _lock = new();
    private readonly Queue<Segment> _pending = new();
    private readonly ManualResetEventSlim _idle = new(true);
    private bool _running;

    public void Add(Segment s)
    {
        lock (_lock)
        {
            _pending.Enqueue(s);
            if (_running) return;
            _running = true;
            _idle.Reset();
        }
        ThreadPool.UnsafeQueueUserWorkItem(static r => r.Drain(), this, preferLocal: false);
    }

    /// <summary>Waits until every segment handed over is gone.</summary>
    public bool WaitIdle(TimeSpan timeout) => _idle.Wait(timeout);

    private void Drain()
    {
        // Bounded by what was queued: each turn removes one segment.
        while (true)
        {
            Segment s;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _running = false;
                    _idle.Set();
                    return;
                }
                s = _pending.Dequeue();
            }
            s.Unmap();
            MappedFiles.Unlink(s.Path);
        }
    }
}
