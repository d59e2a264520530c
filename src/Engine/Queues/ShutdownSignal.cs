namespace Sluice.Engine.Queues;

/// <summary>
/// A queue's "shutdown immediate" flag (rsyslog's bShutdownImmediate): set when the workers did not drain
/// the queue within queue.timeoutShutdown. Retry loops and retry sleeps of the actions run by that queue's
/// workers check it and give up, so a suspended action cannot hold shutdown beyond the timeouts.
/// </summary>
public sealed class ShutdownSignal
{
    private readonly ManualResetEventSlim _event = new(false);

    public bool IsSet => _event.IsSet;

    public void Set() => _event.Set();

    /// <summary>Sleeps up to <paramref name="milliseconds"/>; false when the signal came first (or was already set).</summary>
    public bool Sleep(int milliseconds)
    {
        if (milliseconds <= 0) return !_event.IsSet;
        return !_event.Wait(milliseconds);
    }
}
