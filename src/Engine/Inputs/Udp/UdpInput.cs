using Sluice.Engine.Inputs.RateLimiting;
using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Submit;
using Sluice.Native;

namespace Sluice.Engine.Inputs.Udp;

/// <summary>
/// One imudp input(): a UDP socket per configured port and address family, and <c>threads</c> worker threads that
/// each watch all of them (rsyslog's imudp topology, with the module's worker pool kept per input() here).
/// Datagrams become messages as received — parsing is the submitter's business.
/// </summary>
public sealed class UdpInput : IInput
{
    /// <summary>Receive calls per socket when Stop() collects what is still queued in the kernel.</summary>
    private const int StopDrainCalls = 4096;
    private static readonly object s_workerIds = new();

    private readonly UdpInputConfig _config;
    private readonly EngineServices _services;
    private readonly PeerNameResolver _resolver;
    private readonly object _lifecycle = new();
    private readonly List<UdpListener> _listeners = new();
    private readonly List<UdpWorker> _workers = new();
    private readonly List<Thread> _threads = new();
    private UdpRuntime? _rt;
    private int _wakeFd = -1;
    private bool _started;
    private bool _stopped;

    public UdpInput(UdpInputConfig config, EngineServices services, PeerNameResolver? resolver = null)
    {
        _config = config;
        _services = services;
        _resolver = resolver ?? PeerNameResolver.Shared;
    }

    public string Name => _config.InputName;
    public UdpInputConfig Config => _config;

    /// <summary>The ports actually bound, one per socket (useful with port 0).</summary>
    public IReadOnlyList<int> BoundPorts
    {
        get { lock (_lifecycle) return _listeners.Select(l => l.Port).ToList(); }
    }

    /// <summary>Per-socket stats objects "&lt;inputname&gt;(&lt;address&gt;/&lt;port&gt;/IPv4|IPv6)", origin imudp.</summary>
    public IReadOnlyList<StatsObject> ListenerStats
    {
        get { lock (_lifecycle) return _listeners.Select(l => l.Stats).ToList(); }
    }

    /// <summary>"imudp(wN)" stats objects, one per worker thread.</summary>
    public IReadOnlyList<StatsObject> WorkerStats
    {
        get { lock (_lifecycle) return _workers.Select(w => w.Stats).ToList(); }
    }

    /// <summary>The rate limiters, one per socket (for tests).</summary>
    internal IReadOnlyList<RateLimiter> Limiters
    {
        get { lock (_lifecycle) return _listeners.Select(l => l.Limiter).ToList(); }
    }

    public void Start(IMessageSubmitter submitter)
    {
        lock (_lifecycle)
        {
            if (_started) throw new InvalidOperationException($"imudp input '{Name}' was already started");
            _started = true;
            try
            {
                StartCore(submitter);
            }
            catch
            {
                foreach (var w in _workers) w.Dispose();
                CloseSockets();
                RemoveStats();
                throw;
            }
        }
    }

    private void StartCore(IMessageSubmitter submitter)
    {
        var log = _services.Log;
        var infos = new Dictionary<string, InputInfo>(StringComparer.Ordinal);
        foreach (string port in _config.Ports)
        {
            foreach (var s in UdpSocketOpener.Open(_config, port, log))
            {
                string bindName = string.IsNullOrEmpty(_config.Address) ? "*" : _config.Address;
                string display = $"{_config.InputName}({bindName}/{port}/{(s.IsIPv6 ? "IPv6" : "IPv4")})";
                string inputName = _config.AppendPortToInputName ? _config.InputName + port : _config.InputName;
                if (!infos.TryGetValue(inputName, out var info))
                    infos[inputName] = info = new InputInfo(inputName, _config.RulesetName);
                var stats = _services.Stats.Create(display, "imudp");
                var limiter = new RateLimiter(display, _config.RateLimitInterval, _config.RateLimitBurst, log);
                _listeners.Add(new UdpListener(s.Fd, s.Local, display, info, stats, limiter));
            }
        }
        if (_listeners.Count == 0) throw new InvalidOperationException(UdpLogText.NoListeners);

        _wakeFd = EventFd.Create();
        var globals = _services.Globals;
        _rt = new UdpRuntime(_config, _listeners.ToArray(), _services.MessagePool, log, submitter, _resolver,
            globals.EnableDns, globals.PreserveFqdn, _wakeFd);

        foreach (int id in AllocateWorkerIds(_config.Threads))
        {
            string name = $"imudp(w{id})";
            var worker = new UdpWorker(_rt, _services.Stats.Create(name, "imudp"));
            _workers.Add(worker);
            worker.Arm();
            _threads.Add(new Thread(worker.Run) { IsBackground = true, Name = name });
        }
        foreach (var t in _threads) t.Start();
    }

    /// <summary>
    /// rsyslog numbers imudp's workers w0, w1, … for the whole module; with one pool per input() here, each
    /// input takes the lowest numbers not in use, so every name stays unique.
    /// </summary>
    private List<int> AllocateWorkerIds(int count)
    {
        var ids = new List<int>();
        lock (s_workerIds)
        {
            for (int id = 0; ids.Count < count; id++)
                if (_services.Stats.Find($"imudp(w{id})") == null) ids.Add(id);
        }
        return ids;
    }

    /// <summary>
    /// Stops the workers, then reads what the kernel still holds for each socket (bounded), submits it, reports
    /// what the rate limiters dropped, closes the sockets and returns.
    /// </summary>
    public void Stop()
    {
        lock (_lifecycle)
        {
            if (!_started || _stopped) return;
            _stopped = true;
            if (_rt != null)
            {
                _rt.RequestStop();
                if (_wakeFd >= 0) EventFd.Signal(_wakeFd);
                foreach (var t in _threads) t.Join();
                if (_workers.Count > 0)
                    foreach (var l in _listeners) _workers[0].Drain(l, StopDrainCalls);
                foreach (var l in _listeners) l.Limiter.Close();
            }
            foreach (var w in _workers) w.Dispose();
            CloseSockets();
        }
    }

    public void Dispose()
    {
        Stop();
        lock (_lifecycle) RemoveStats();
    }

    private void CloseSockets()
    {
        foreach (var l in _listeners) l.Close();
        if (_wakeFd >= 0) Sockets.Close(_wakeFd);
        _wakeFd = -1;
    }

    private void RemoveStats()
    {
        foreach (var l in _listeners) _services.Stats.Remove(l.Stats);
        foreach (var w in _workers) _services.Stats.Remove(w.Stats);
    }
}
