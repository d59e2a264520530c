using Sluice.Engine.Inputs.RateLimiting;
using Sluice.Engine.Messages;
using Sluice.Engine.Stats;
using Sluice.Native;

namespace Sluice.Engine.Inputs.Udp;

/// <summary>
/// One bound, non-blocking UDP socket of an imudp input (rsyslog's lstn_s): what its messages carry (inputname,
/// ruleset), its stats object "&lt;inputname&gt;(&lt;address&gt;/&lt;port&gt;/IPv4|IPv6)" with "submitted" and
/// "disallowed", and its rate limiter of the same name, shared by every worker thread.
/// </summary>
internal sealed class UdpListener
{
    public UdpListener(int fd, SockAddr local, string displayName, InputInfo info, StatsObject stats, RateLimiter limiter)
    {
        Fd = fd;
        Local = local;
        DisplayName = displayName;
        Info = info;
        Stats = stats;
        Limiter = limiter;
        // rsyslog's registration order (imudp.c addListner).
        Submitted = stats.Add("submitted");
        Disallowed = stats.Add("disallowed");
    }

    public int Fd { get; private set; }
    public SockAddr Local { get; }
    public int Port => Local.Port;
    public string DisplayName { get; }
    public InputInfo Info { get; }
    public StatsObject Stats { get; }
    public RateLimiter Limiter { get; }
    public Counter Submitted { get; }
    /// <summary>Kept for name compatibility; stays 0 because Sluice has no $AllowedSender ACLs.</summary>
    public Counter Disallowed { get; }

    public void Close()
    {
        if (Fd < 0) return;
        Sockets.Close(Fd);
        Fd = -1;
    }
}
