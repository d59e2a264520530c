using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Submit;

namespace Sluice.Engine.Inputs.Udp;

/// <summary>What the worker threads of one running imudp input share.</summary>
internal sealed class UdpRuntime
{
    private volatile bool _stopping;

    public UdpRuntime(UdpInputConfig config, IReadOnlyList<UdpListener> listeners, MessagePool pool, IInternalLog log,
        IMessageSubmitter submitter, PeerNameResolver resolver, bool enableDns, bool preserveFqdn, int wakeFd)
    {
        Config = config;
        Listeners = listeners;
        Pool = pool;
        Log = log;
        Submitter = submitter;
        Resolver = resolver;
        EnableDns = enableDns;
        PreserveFqdn = preserveFqdn;
        WakeFd = wakeFd;
    }

    public UdpInputConfig Config { get; }
    public IReadOnlyList<UdpListener> Listeners { get; }
    public MessagePool Pool { get; }
    public IInternalLog Log { get; }
    public IMessageSubmitter Submitter { get; }
    public PeerNameResolver Resolver { get; }
    public bool EnableDns { get; }
    public bool PreserveFqdn { get; }
    /// <summary>An eventfd in every worker's epoll set; signalled once to make them all see Stopping.</summary>
    public int WakeFd { get; }

    public bool Stopping => _stopping;

    public void RequestStop() => _stopping = true;
}
