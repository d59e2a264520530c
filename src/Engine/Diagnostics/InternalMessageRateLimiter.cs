namespace Sluice.Engine.Diagnostics;

/// <summary>
/// rsyslog's limiter for its own messages (global internalmsg.ratelimit.interval = 5 s, burst = 500):
/// within a window at most <c>burst</c> messages pass; the rest are counted and reported once the next
/// window starts, so a peer sending garbage cannot turn framing errors into a flood.
/// </summary>
public sealed class InternalMessageRateLimiter
{
    private readonly object _lock = new();
    private readonly long _intervalMs;
    private readonly int _burst;
    private long _windowStart = long.MinValue;
    private int _passed;
    private int _dropped;

    public InternalMessageRateLimiter(int intervalSeconds = 5, int burst = 500)
    {
        _intervalMs = intervalSeconds * 1000L;
        _burst = burst;
    }

    /// <summary>
    /// Whether a message may pass now. <paramref name="droppedBefore"/> is the number dropped in the window
    /// that just ended (to report), else 0.
    /// </summary>
    public bool Allow(long nowMs, out int droppedBefore)
    {
        droppedBefore = 0;
        if (_intervalMs <= 0) return true;
        lock (_lock)
        {
            if (_windowStart == long.MinValue || nowMs - _windowStart >= _intervalMs || nowMs < _windowStart)
            {
                droppedBefore = _dropped;
                _windowStart = nowMs;
                _passed = 0;
                _dropped = 0;
            }
            if (_passed < _burst)
            {
                _passed++;
                return true;
            }
            _dropped++;
            return false;
        }
    }

    public int Burst => _burst;
    public long IntervalSeconds => _intervalMs / 1000;
}
