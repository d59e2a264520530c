namespace Sluice.Engine.Queues;

/// <summary>
/// Lets several queue workers process batches in parallel yet deliver them in dequeue order: each batch
/// takes a ticket when dequeued and commits only when every earlier ticket has committed. This keeps the
/// messages of one connection in order in the output with any number of workers.
/// </summary>
public sealed class CommitSequencer
{
    private readonly object _lock = new();
    private long _next;       // next ticket to hand out (under the dequeue lock of the caller)
    private long _committing; // ticket whose turn it is

    /// <summary>Called while the caller holds its dequeue lock, so tickets follow dequeue order.</summary>
    public long TakeTicket() => _next++;

    public void WaitTurn(long ticket)
    {
        if (Volatile.Read(ref _committing) == ticket) return;
        var spin = new SpinWait();
        for (int i = 0; i < 20 && Volatile.Read(ref _committing) != ticket; i++) spin.SpinOnce(-1);
        if (Volatile.Read(ref _committing) == ticket) return;
        lock (_lock)
            while (Volatile.Read(ref _committing) != ticket) Monitor.Wait(_lock, 10);
    }

    public void Done(long ticket)
    {
        Volatile.Write(ref _committing, ticket + 1);
        lock (_lock) Monitor.PulseAll(_lock);
    }
}
