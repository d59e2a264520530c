namespace Sluice.Engine.Inputs.Tcp;

/// <summary>
/// The FIFO between the event thread and the workers (rsyslog tcpsrv's workQueue): an intrusive linked
/// list under one lock and condition. Taken once per ready descriptor, not per message.
/// </summary>
internal sealed class WorkQueue
{
    private readonly object _lock = new();
    private IoItem? _head;
    private IoItem? _tail;
    private bool _closed;

    /// <summary>Appends at the tail and wakes one worker.</summary>
    public void Enqueue(IoItem item)
    {
        lock (_lock)
        {
            item.NextQueued = null;
            if (_tail == null) _head = item;
            else _tail.NextQueued = item;
            _tail = item;
            Monitor.Pulse(_lock);
        }
    }

    /// <summary>Blocks until there is work; null once the queue is closed (what is left stays for Stop to clean up).</summary>
    public IoItem? Dequeue()
    {
        lock (_lock)
        {
            while (_head == null && !_closed) Monitor.Wait(_lock);
            if (_closed) return null;
            var item = _head!;
            _head = item.NextQueued;
            if (_head == null) _tail = null;
            item.NextQueued = null;
            return item;
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            Monitor.PulseAll(_lock);
        }
    }
}
