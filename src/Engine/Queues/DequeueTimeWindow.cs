namespace Sluice.Engine.Queues;

/// <summary>
/// queue.dequeueTimeBegin / queue.dequeueTimeEnd: messages are dequeued only between those local hours; a
/// window may wrap past midnight (22 to 4). The delay is computed as rsyslog's queue RateLimiter computes it,
/// including its rounding (a worker that waits for a window later the same day wakes a minute late).
/// </summary>
public static class DequeueTimeWindow
{
    /// <summary>queue.dequeueTimeEnd's default: no window.</summary>
    public const int Disabled = 25;

    /// <summary>Seconds to wait before dequeuing at local time hour:minute:second; 0 or less = dequeue now.</summary>
    public static int DelaySeconds(int begin, int end, int hour, int minute, int second)
    {
        if (end == Disabled) return 0;
        if (end < begin)
        {
            // Wrapping window, e.g. 22-4: run before 4 or after 22.
            if (hour < end || hour > begin) return 0;
            return (begin - hour) * 3600 - minute * 60 - second;
        }
        if (hour >= begin && hour < end) return 0;
        if (hour < begin)
            return (begin - hour - 1) * 3600 + (60 - minute) * 60 + 60 - second;
        return (24 - hour + begin) * 3600 - minute * 60 - second;
    }

    public static int DelaySeconds(int begin, int end, DateTime localNow)
        => DelaySeconds(begin, end, localNow.Hour, localNow.Minute, localNow.Second);
}
