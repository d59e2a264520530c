using System.Text;
using Sluice.Engine.Diagnostics;

namespace Sluice.Engine.Inputs.RateLimiting;

/// <summary>
/// rsyslog's "Linux-like" input rate limiter (runtime/ratelimit.c withinRatelimit / tellLostCnt), one per
/// listener and shared by its threads: a window opens with the first message's second; within it at most
/// <c>burst</c> messages pass and the rest are dropped. The first drop of a window logs "… begin to drop
/// messages due to rate-limiting"; the number lost is logged with the first message after the window (not on a
/// timer) and when the limiter is closed. With interval 0 the limiter is off and costs one branch.
/// Texts and window rule as rsyslogd 8.2302 prints and applies them; the peer it names is "fromhost:-"
/// because 8.2302 limits before parsing (checked against the installed binary).
/// </summary>
public sealed class RateLimiter
{
    private readonly object _lock = new();
    private readonly IInternalLog _log;
    private long _begin;   // second the window opened; 0 = no window yet (rsyslog's begin == 0)
    private int _done;
    private long _missed;

    /// <param name="name">Names the limiter in its messages, e.g. "imudp(*/514/IPv4)" or "tcpsrv".</param>
    /// <param name="intervalSeconds">ratelimit.interval; 0 = off.</param>
    /// <param name="burst">ratelimit.burst: messages allowed per window.</param>
    public RateLimiter(string name, int intervalSeconds, int burst, IInternalLog log)
    {
        Name = name;
        IntervalSeconds = intervalSeconds;
        Burst = burst;
        _log = log;
    }

    public string Name { get; }
    public int IntervalSeconds { get; }
    public int Burst { get; }
    public bool Enabled => IntervalSeconds > 0;

    /// <summary>Messages dropped so far in total (for tests and stats).</summary>
    public long TotalDropped { get; private set; }

    /// <summary>
    /// Whether a message generated at <paramref name="nowSeconds"/> (Unix time) from <paramref name="fromHost"/>
    /// may pass. Allocation-free except when it logs.
    /// </summary>
    public bool Allow(long nowSeconds, ReadOnlySpan<byte> fromHost)
    {
        if (IntervalSeconds <= 0) return true;
        string? lost = null, begin = null;
        bool pass;
        lock (_lock)
        {
            if (_begin == 0) _begin = nowSeconds;
            // A new window once the interval has passed, or when the clock went backwards.
            if (nowSeconds > _begin + IntervalSeconds || nowSeconds < _begin)
            {
                _begin = nowSeconds;
                _done = 0;
                lost = TakeLostText();
            }
            if (Burst > _done)
            {
                _done++;
                pass = true;
            }
            else
            {
                _missed++;
                TotalDropped++;
                if (_missed == 1) begin = $"{Name} from <{Encoding.UTF8.GetString(fromHost)}:->: begin to drop messages due to rate-limiting";
                pass = false;
            }
        }
        if (lost != null) _log.Info(lost);
        if (begin != null) _log.Info(begin);
        return pass;
    }

    /// <summary>Reports what the current window lost (rsyslog does so when the limiter is destroyed).</summary>
    public void Close()
    {
        string? lost;
        lock (_lock) lost = TakeLostText();
        if (lost != null) _log.Info(lost);
    }

    private string? TakeLostText()
    {
        if (_missed == 0) return null;
        string text = $"{Name}: {_missed} messages lost due to rate-limiting ({Burst} allowed within {IntervalSeconds} seconds)";
        _missed = 0;
        return text;
    }
}
