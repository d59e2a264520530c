using Sluice.Engine.Diagnostics;
using Sluice.Engine.Inputs.RateLimiting;
using Sluice.Engine.Inputs.Tcp.Decompression;
using Sluice.Engine.Messages;
using Sluice.Engine.Stats;
using Sluice.Engine.Submit;
using Sluice.Native;

namespace Sluice.Engine.Inputs.Tcp;

/// <summary>What the event thread, the workers and the sessions of one running imtcp input share.</summary>
internal sealed class TcpRuntime
{
    /// <summary>How every descriptor is (re-)armed: rsyslog's EPOLLIN | EPOLLET | EPOLLONESHOT.</summary>
    public const uint ArmEvents = Epoll.In | Epoll.EdgeTriggered | Epoll.OneShot;

    private volatile bool _stopping;
    private long _sessionSerial;

    public TcpRuntime(TcpInputConfig config, InputInfo info, MessagePool pool, IInternalLog log, IMessageSubmitter submitter,
        PeerNameResolver resolver, bool enableDns, bool preserveFqdn, int epollFd, Counter submitted, Counter bytesReceived,
        DecompressionContext? decompression, RateLimiter limiter)
    {
        Limiter = limiter;
        Config = config;
        Info = info;
        Pool = pool;
        Log = log;
        Submitter = submitter;
        Resolver = resolver;
        EnableDns = enableDns;
        PreserveFqdn = preserveFqdn;
        EpollFd = epollFd;
        Submitted = submitted;
        BytesReceived = bytesReceived;
        Decompression = decompression;
        Sessions = new SessionRegistry(config.MaxSessions);
        Flow = config.FlowControl ? FlowControl.LightDelay : FlowControl.NoDelay;
        MultiWorker = config.WorkerThreads > 1;
    }

    public TcpInputConfig Config { get; }
    public InputInfo Info { get; }
    public MessagePool Pool { get; }
    public IInternalLog Log { get; }
    public IMessageSubmitter Submitter { get; }
    public PeerNameResolver Resolver { get; }
    public bool EnableDns { get; }
    public bool PreserveFqdn { get; }
    public int EpollFd { get; }
    /// <summary>The listener's "submitted" counter (messages handed to the submitter).</summary>
    public Counter Submitted { get; }
    /// <summary>The listener's "bytes.received" counter (bytes as they came off the wire).</summary>
    public Counter BytesReceived { get; }
    /// <summary>Set with compression.mode="stream:always": every session is a compressed stream.</summary>
    public DecompressionContext? Decompression { get; }
    /// <summary>One per input (rsyslog: one per listener port entry), shared by all its sessions.</summary>
    public RateLimiter Limiter { get; }
    public SessionRegistry Sessions { get; }
    public WorkQueue Queue { get; } = new();
    public FlowControl Flow { get; }
    /// <summary>workerThreads > 1: a worker pool with per-worker stats and starvation protection.</summary>
    public bool MultiWorker { get; }

    public bool Stopping => _stopping;

    public void RequestStop() => _stopping = true;

    public long NextSessionSerial() => Interlocked.Increment(ref _sessionSerial);

    public Errno Register(IoItem item) => Epoll.Control(EpollFd, Epoll.CtlAdd, item.Fd, ArmEvents, item.Token);

    /// <summary>
    /// Hands the descriptor back to epoll for its next event. After this call another thread may own the
    /// item, so callers must not touch it again.
    /// </summary>
    public Errno Rearm(IoItem item)
    {
        // Publish everything this thread did to the item before the next owner can see the event.
        Interlocked.MemoryBarrier();
        var e = Epoll.Control(EpollFd, Epoll.CtlMod, item.Fd, ArmEvents, item.Token);
        if (e != Errno.None) Log.Error(TcpLogText.RearmFailed(item.Fd, e));
        return e;
    }
}
