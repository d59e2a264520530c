using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Stats;
using Sluice.Engine.Submit;
using Sluice.Native;

namespace Sluice.Engine.Inputs.Udp;

/// <summary>
/// One imudp worker thread (rsyslog's wrkr / rcvMainLoop / processSocket): its own epoll set holding every
/// listener of the input edge-triggered, and on each event the socket is read with recvmmsg — batchSize
/// datagrams per call — until EAGAIN. Each datagram becomes a pooled message with the sender's cached
/// <see cref="PeerInfo"/>, passes the listener's rate limiter and goes into a 1024-message batch that is handed to
/// the submitter when full and when the socket is drained, with flow control NoDelay as rsyslog uses for UDP.
/// Steady state allocates nothing per datagram. Stats "imudp(wN)": called.recvmmsg, called.recvmsg, msgs.received.
/// </summary>
internal sealed class UdpWorker : IDisposable
{
    /// <summary>rsyslog's CONF_NUM_MULTISUB.</summary>
    public const int BatchCapacity = 1024;
    /// <summary>The kernel caps a recvmmsg vector at UIO_MAXIOV entries.</summary>
    public const int MaxVector = 1024;
    /// <summary>rsyslog's NUM_EPOLL_EVENTS.</summary>
    private const int EventsPerWait = 10;

    private readonly UdpRuntime _rt;
    private readonly DatagramVector _vector;
    private readonly UdpPeerCache _peers;
    private readonly MessageBatch _batch = new(BatchCapacity);
    private readonly Counter _callsRecvmmsg, _callsRecvmsg, _received;
    private readonly int _vectorLength;
    private int _epollFd = -1;
    private int _timeUses;
    private SyslogTime _now;
    private long _nowSeconds;

    public UdpWorker(UdpRuntime rt, StatsObject stats)
    {
        _rt = rt;
        Stats = stats;
        _callsRecvmmsg = stats.Add("called.recvmmsg");
        _callsRecvmsg = stats.Add("called.recvmsg");
        _received = stats.Add("msgs.received");
        _vectorLength = Math.Clamp(rt.Config.BatchSize, 1, MaxVector);
        // A datagram longer than maxMessageSize is cut to it by the kernel (rsyslog's iov_len = iMaxLine).
        _vector = new DatagramVector(_vectorLength, Math.Max(rt.Config.MaxMessageSize, 1));
        _peers = new UdpPeerCache(rt.Resolver, rt.EnableDns, rt.PreserveFqdn, rt.Config.PreserveCase);
    }

    public StatsObject Stats { get; }

    /// <summary>Creates this worker's epoll set: every listener (token = index + 1) and the wake-up eventfd (token 0).</summary>
    public void Arm()
    {
        _epollFd = Epoll.Create();
        var e = Epoll.Control(_epollFd, Epoll.CtlAdd, _rt.WakeFd, Epoll.In, 0);
        if (e != Errno.None) throw new NativeException("epoll_ctl(ADD eventfd)", e);
        for (int i = 0; i < _rt.Listeners.Count; i++)
        {
            e = Epoll.Control(_epollFd, Epoll.CtlAdd, _rt.Listeners[i].Fd, Epoll.In | Epoll.EdgeTriggered, (ulong)i + 1);
            if (e != Errno.None) throw new NativeException("epoll_ctl(ADD udp socket)", e);
        }
    }

    /// <summary>Thread body: wait for readable sockets and drain them, until Stop.</summary>
    public void Run()
    {
        var events = new EpollEventBuffer(EventsPerWait);
        while (!_rt.Stopping)
        {
            int n = Epoll.Wait(_epollFd, events, -1, out var err);
            if (n < 0)
            {
                if (err == Errno.EINTR) continue;
                _rt.Log.Error($"imudp: epoll_wait failed: {NativeException.Describe(err)}");
                Thread.Sleep(10); // do not spin on a persistent error
                continue;
            }
            for (int i = 0; i < n && !_rt.Stopping; i++)
            {
                ulong token = events.Data(i);
                if (token == 0) continue; // the wake-up eventfd: the loop condition sees Stopping
                Drain(_rt.Listeners[(int)token - 1], maxCalls: 0);
            }
        }
    }

    /// <summary>
    /// Reads <paramref name="listener"/> until EAGAIN (or <paramref name="maxCalls"/> receive calls, 0 = no cap),
    /// then submits what is batched. While the input runs, Stop interrupts it; Stop's own final drain passes a cap.
    /// </summary>
    public void Drain(UdpListener listener, int maxCalls)
    {
        _timeUses = 0; // rsyslog reads the clock on the first receive of every wake-up
        try
        {
            for (int calls = 0; maxCalls == 0 || calls < maxCalls; calls++)
            {
                if (maxCalls == 0 && _rt.Stopping) break; // Stop drains what is left once the threads are gone
                int n = _vector.Receive(listener.Fd, _vectorLength, out var err, out bool fallback);
                (fallback ? _callsRecvmsg : _callsRecvmmsg).Increment();
                if (n < 0)
                {
                    if (err != Errno.EAGAIN) _rt.Log.Error(UdpLogText.ReceiveError(err));
                    break;
                }
                int requery = _rt.Config.TimeRequery;
                if (requery == 0 || _timeUses++ % requery == 0) ReadClock();
                _received.Add(n);
                for (int i = 0; i < n; i++) Accept(listener, i);
            }
            Flush(listener);
        }
        catch (Exception ex)
        {
            // A failing submit must not end the worker; what the batch held is lost (and reclaimed by the GC).
            _rt.Log.Error($"imudp: error while processing datagrams on {listener.DisplayName}: {ex.GetType().Name}: {ex.Message}");
            _batch.Clear();
        }
    }

    private void Accept(UdpListener listener, int i)
    {
        var data = _vector.Data(i);
        if (data.Length == 0) return; // rsyslog: "this looks a bit strange, but practice shows it happens..."
        var peer = _peers.Get(_vector.From(i));
        if (listener.Limiter.Enabled && !listener.Limiter.Allow(_nowSeconds, peer.FromHost)) return;
        var m = _rt.Pool.Rent();
        m.SetRaw(data);
        if (_vector.Truncated(i)) m.Flags |= MessageFlags.Truncated;
        m.Peer = peer;
        m.Input = listener.Info;
        m.TimeGenerated = _now;
        _batch.Add(m);
        if (_batch.IsFull) Flush(listener);
    }

    private void Flush(UdpListener listener)
    {
        int count = _batch.Count;
        if (count == 0) return;
        listener.Submitted.Add(count);
        _rt.Submitter.Submit(_batch, FlowControl.NoDelay);
        if (_batch.Count != 0) _batch.Clear();
    }

    private void ReadClock()
    {
        var t = DateTimeOffset.Now;
        _now = SyslogTime.FromDateTimeOffset(t);
        _nowSeconds = t.ToUnixTimeSeconds();
    }

    /// <summary>Senders whose fromhost this worker has cached (for tests).</summary>
    internal int CachedPeers => _peers.Count;

    public void Dispose()
    {
        if (_epollFd >= 0) Sockets.Close(_epollFd);
        _epollFd = -1;
        _vector.Dispose();
    }
}
