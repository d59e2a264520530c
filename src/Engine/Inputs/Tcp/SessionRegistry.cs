namespace Sluice.Engine.Inputs.Tcp;

/// <summary>The open sessions of one input, bounded by MaxSessions (rsyslog's session table). Cold path: per connection.</summary>
internal sealed class SessionRegistry
{
    private readonly object _lock = new();
    private readonly HashSet<TcpSession> _sessions = new();
    private readonly int _max;
    private int _reserved;

    public SessionRegistry(int maxSessions) => _max = maxSessions;

    public int Count
    {
        get { lock (_lock) return _reserved; }
    }

    /// <summary>Claims a place for a new session; false when MaxSessions are open.</summary>
    public bool TryReserve()
    {
        lock (_lock)
        {
            if (_reserved >= _max) return false;
            _reserved++;
            return true;
        }
    }

    /// <summary>Gives back a place claimed by <see cref="TryReserve"/> whose session never came to be.</summary>
    public void CancelReservation()
    {
        lock (_lock) _reserved--;
    }

    public void Add(TcpSession session)
    {
        lock (_lock) _sessions.Add(session);
    }

    public void Remove(TcpSession session)
    {
        lock (_lock)
        {
            if (_sessions.Remove(session)) _reserved--;
        }
    }

    public TcpSession[] Snapshot()
    {
        lock (_lock) return _sessions.ToArray();
    }
}
