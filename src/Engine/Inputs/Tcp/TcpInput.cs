using Sluice.Engine.Diagnostics;
using Sluice.Engine.Inputs.RateLimiting;
using Sluice.Engine.Inputs.Tcp.Decompression;
using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Submit;
using Sluice.Native;

namespace Sluice.Engine.Inputs.Tcp;

/// <summary>
/// One imtcp input(): its listening sockets, an epoll event thread of its own and a pool of workerThreads
/// workers (rsyslog 8.2504+ tcpsrv topology). Messages are framed per session and submitted in batches;
/// parsing is the submitter's business.
/// </summary>
public sealed class TcpInput : IInput
{
    private readonly TcpInputConfig _config;
    private readonly EngineServices _services;
    private readonly PeerNameResolver _resolver;
    private readonly object _lifecycle = new();

    private TcpRuntime? _rt;
    private List<TcpListenSocket> _listeners = new();
    private readonly List<TcpWorker> _workers = new();
    private readonly List<Thread> _threads = new();
    private Thread? _eventThread;
    private int _epollFd = -1;
    private int _wakeFd = -1;
    private bool _started;
    private bool _stopped;

    public TcpInput(TcpInputConfig config, EngineServices services, PeerNameResolver? resolver = null)
    {
        _config = config;
        _services = services;
        _resolver = resolver ?? new PeerNameResolver();
        Info = new InputInfo(config.InputName, config.RulesetName);
    }

    /// <summary>
    /// The rate limiter's name in its messages: "tcperver", as rsyslogd 8.2302's tcpsrv.c spells it (its
    /// ratelimitNew call has this typo; the installed binary prints "tcperver from &lt;host:-&gt;: begin to drop…").
    /// </summary>
    public const string RateLimiterName = "tcperver";

    public string Name => _config.InputName;
    public TcpInputConfig Config => _config;
    /// <summary>What every message from this input carries as its input (inputname, ruleset).</summary>
    public InputInfo Info { get; }

    /// <summary>The ports actually bound (useful with port 0).</summary>
    public IReadOnlyList<int> BoundPorts
    {
        get
        {
            var ports = new List<int>();
            foreach (var l in _listeners) ports.Add(l.Port);
            return ports;
        }
    }

    /// <summary>
    /// The per-listener stats object "&lt;inputname&gt;(&lt;port&gt;)", origin imtcp: "submitted", "bytes.received",
    /// "bytes.decompressed", "decompression.errors".
    /// </summary>
    public StatsObject? ListenerStats { get; private set; }

    /// <summary>"w&lt;N&gt;/&lt;inputname&gt;" stats objects; empty with workerThreads=1, as in rsyslog.</summary>
    public IReadOnlyList<StatsObject> WorkerStats
    {
        get
        {
            var list = new List<StatsObject>();
            foreach (var w in _workers)
                if (w.Stats != null) list.Add(w.Stats);
            return list;
        }
    }

    public int SessionCount => _rt?.Sessions.Count ?? 0;

    /// <summary>The input's rate limiter (for tests); null before Start.</summary>
    internal RateLimiter? Limiter => _rt?.Limiter;

    /// <summary>The sockets of the open sessions (for tests that inspect socket options).</summary>
    internal IReadOnlyList<int> SessionDescriptors()
    {
        var fds = new List<int>();
        if (_rt != null)
            foreach (var s in _rt.Sessions.Snapshot()) fds.Add(s.Fd);
        return fds;
    }

    public void Start(IMessageSubmitter submitter)
    {
        lock (_lifecycle)
        {
            if (_started) throw new InvalidOperationException($"imtcp input '{Name}' was already started");
            _started = true;
            try
            {
                StartCore(submitter);
            }
            catch
            {
                CloseResources();
                RemoveStats();
                throw;
            }
        }
    }

    private void StartCore(IMessageSubmitter submitter)
    {
        var log = _services.Log;
        string port = _config.Port;
        if (port == "0" && _config.ListenPortFileName == null)
        {
            log.Warning(TcpLogText.Port0WithoutPortFile);
            port = "514";
        }

        _listeners = TcpListenerOpener.Open(_config, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), log);
        _epollFd = Epoll.Create();
        _wakeFd = EventFd.Create();
        var e = Epoll.Control(_epollFd, Epoll.CtlAdd, _wakeFd, Epoll.In, 0);
        if (e != Errno.None) throw new NativeException("epoll_ctl(ADD eventfd)", e);

        ListenerStats = _services.Stats.Create($"{Name}({port})", "imtcp");
        // rsyslog 8.2606+ order (tcpsrv.c addNewLstnPort).
        var submitted = ListenerStats.Add("submitted");
        var bytesReceived = ListenerStats.Add("bytes.received");
        var bytesDecompressed = ListenerStats.Add("bytes.decompressed");
        var decompressionErrors = ListenerStats.Add("decompression.errors");
        var decompression = _config.Decompression.Enabled
            ? new DecompressionContext(_config.Decompression, bytesDecompressed, decompressionErrors, log)
            : null;

        var globals = _services.Globals;
        var limiter = new RateLimiter(RateLimiterName, _config.RateLimitInterval, _config.RateLimitBurst, log);
        var rt = new TcpRuntime(_config, Info, _services.MessagePool, log, submitter, _resolver,
            globals.EnableDns, globals.PreserveFqdn, _epollFd, submitted, bytesReceived, decompression, limiter);
        _rt = rt;

        TcpWorker? inline = null;
        if (rt.MultiWorker)
        {
            for (int i = 0; i < _config.WorkerThreads; i++)
            {
                var stats = _services.Stats.Create($"w{i}/{Name}", "imtcp");
                var w = new TcpWorker(rt, stats);
                _workers.Add(w);
                var t = new Thread(w.RunPool) { IsBackground = true, Name = $"w{i}/{Name}" };
                _threads.Add(t);
            }
        }
        else
        {
            inline = new TcpWorker(rt, null);
            _workers.Add(inline);
        }

        foreach (var l in _listeners)
        {
            e = rt.Register(l);
            if (e != Errno.None) throw new NativeException("epoll_ctl(ADD listener)", e);
        }

        var loop = new TcpEventLoop(rt, _wakeFd, inline);
        _eventThread = new Thread(loop.Run) { IsBackground = true, Name = $"in:{Name}" };
        foreach (var t in _threads) t.Start();
        _eventThread.Start();
    }

    /// <summary>
    /// Stops the event thread and the workers, closes the listeners, then closes every session as a peer
    /// close is handled (data still buffered is read, a partial LF frame is submitted) and returns.
    /// </summary>
    public void Stop()
    {
        lock (_lifecycle)
        {
            if (!_started || _stopped) return;
            _stopped = true;
            var rt = _rt;
            if (rt != null)
            {
                rt.RequestStop();
                if (_wakeFd >= 0) EventFd.Signal(_wakeFd);
                _eventThread?.Join();
                rt.Queue.Close();
                foreach (var t in _threads) t.Join();

                foreach (var l in _listeners) l.Close(_epollFd);
                _listeners.Clear();

                // Every thread has ended: one worker's buffer and batch serve the clean-up.
                var cleaner = _workers[0];
                foreach (var s in rt.Sessions.Snapshot()) cleaner.DrainAndClose(s);
                rt.Limiter.Close(); // rsyslog tells the lost count when the limiter is destroyed
            }
            CloseResources();
        }
    }

    public void Dispose()
    {
        Stop();
        lock (_lifecycle) RemoveStats();
    }

    private void RemoveStats()
    {
        if (ListenerStats != null) _services.Stats.Remove(ListenerStats);
        foreach (var s in WorkerStats) _services.Stats.Remove(s);
    }

    private void CloseResources()
    {
        foreach (var l in _listeners) l.Close(_epollFd);
        _listeners.Clear();
        if (_wakeFd >= 0) Sockets.Close(_wakeFd);
        if (_epollFd >= 0) Sockets.Close(_epollFd);
        _wakeFd = _epollFd = -1;
    }
}
