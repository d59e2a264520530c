using System.Diagnostics;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;
using Sluice.Native;
using static Sluice.Native.SocketConstants;

namespace Sluice.Engine.Outputs.Forward;

/// <summary>
/// omfwd over UDP (omfwd.c UDPSend): one datagram per message to the first of the target's addresses that takes
/// it (all of them with udp.sendToAll), from one socket per address family, bound to `address` if given.
/// Datagrams over 65507 bytes are cut with rsyslog's error; EMSGSIZE cuts 1024 bytes (or down to 512) and retries;
/// any other sendto() error closes the sockets, and a message no address took suspends the action.
/// RebindInterval N makes a new socket (a new source port) for every Nth message.
/// </summary>
public sealed class UdpForwardOutput : ForwardOutput
{
    /// <summary>UDP_MAX_MSGSIZE: the most a UDP datagram can carry over IPv4 (RFC 768 / 791).</summary>
    public const int MaxDatagramSize = 65507;

    private SockAddr[]? _targets;
    private int _socket4 = -1;
    private int _socket6 = -1;
    private long _sent;

    public UdpForwardOutput(ForwardSettings settings, Template template, IInternalLog log, StatsRegistry stats)
        : base(settings, template, log, stats)
    {
    }

    /// <summary>The local port of the IPv4 socket (0 when none is open), for tests of RebindInterval.</summary>
    internal int LocalPort
    {
        get
        {
            lock (Lock)
                return _socket4 >= 0 ? Sockets.GetSockName(_socket4).Port : _socket6 >= 0 ? Sockets.GetSockName(_socket6).Port : 0;
        }
    }

    protected override ActionResult DeliverLocked(FrameBatch batch)
    {
        for (int i = 0; i < batch.Count; i++)
        {
            if (SendOne(batch.Frame(i))) continue;
            MessagesSent.Add(i);
            return ActionResult.Suspended;
        }
        MessagesSent.Add(batch.Count);
        return ActionResult.Ok;
    }

    public override ActionResult TryResume()
    {
        lock (Lock) return _targets is not null || Open() ? ActionResult.Ok : ActionResult.Suspended;
    }

    public override void Dispose()
    {
        lock (Lock) CloseSockets();
        base.Dispose();
    }

    private bool SendOne(ReadOnlySpan<byte> message)
    {
        int interval = Settings.RebindInterval;
        if (interval > 0 && _sent++ % interval == 0)
        {
            _sent = 1; // as omfwd.c, so the count never wraps
            CloseSockets();
        }
        if (_targets is null && !Open()) return false;

        if (message.Length > MaxDatagramSize)
        {
            Log.Error($"omfwd/udp: message is {message.Length} bytes long, but UDP can send at most {MaxDatagramSize} bytes (by RFC limit) - truncating message");
            message = message[..MaxDatagramSize];
        }

        bool success = false, reinit = false;
        var lastError = Errno.ENOENT;
        int lastSocket = -1;
        foreach (var target in _targets!)
        {
            int fd = target.IsIPv6 ? _socket6 : _socket4;
            if (fd < 0) continue;
            var data = message;
            while (true)
            {
                nint n = ClientSockets.SendTo(fd, data, target, out var error);
                if (n == data.Length)
                {
                    success = true;
                    BytesSent.Add(n);
                    break;
                }
                if (n < 0 && error == Errno.EMSGSIZE && data.Length > 512)
                {
                    int shorter = data.Length > 1024 ? data.Length - 1024 : 512;
                    Log.Error($"omfwd/udp: send failed due to message being too large for this system. Message size was {data.Length} bytes. Truncating to {shorter} bytes and retrying.");
                    data = data[..shorter];
                    continue;
                }
                reinit = true;
                lastError = n < 0 ? error : Errno.EMSGSIZE;
                lastSocket = fd;
                Log.Error($"omfwd/udp: socket {fd}: sendto() error: {NativeException.Describe(lastError)}");
                break;
            }
            if (success && !Settings.UdpSendToAll) break;
        }

        if (reinit) CloseSockets();
        if (!success)
        {
            Log.Error($"omfwd: socket {lastSocket}: error {(int)lastError} sending via udp");
            return false;
        }
        if (Settings.UdpSendDelayMicroseconds > 0) Pause(Settings.UdpSendDelayMicroseconds);
        return true;
    }

    /// <summary>doTryResume for UDP: resolve the target (and the bind address) and make the sockets.</summary>
    private bool Open()
    {
        var targets = TargetResolver.Resolve(Settings.Target, Settings.Port, out string? error);
        if (targets is null)
        {
            Log.Error($"omfwd: could not get addrinfo for hostname '{Settings.Target}':'{Settings.PortText}': {error}");
            return false;
        }
        SockAddr[]? bind = null;
        if (Settings.SourceAddress is not null)
        {
            bind = TargetResolver.Resolve(Settings.SourceAddress, 0, out error);
            if (bind is null)
            {
                Log.Error($"omfwd: cannot use bind address '{Settings.SourceAddress}' for host '{Settings.Target}': {error}");
                return false;
            }
        }
        try
        {
            foreach (var t in targets)
            {
                if (t.IsIPv6 ? _socket6 >= 0 : _socket4 >= 0) continue;
                int fd = CreateSocket(t.Family, bind);
                if (t.IsIPv6) _socket6 = fd; else _socket4 = fd;
            }
        }
        catch (NativeException e)
        {
            Log.Error($"omfwd: cannot create UDP socket for {Settings.Target}:{Settings.PortText}: {e.Message}");
            CloseSockets();
            return false;
        }
        _targets = targets;
        Connects.Increment();
        return true;
    }

    private int CreateSocket(int family, SockAddr[]? bind)
    {
        int fd = Sockets.Create(family, SOCK_DGRAM);
        try
        {
            ClientSockets.SetTimeout(fd, ClientSockets.SO_SNDTIMEO, 1000);
            if (Settings.UdpSendBufferSize > 0) Sockets.SetOption(fd, SOL_SOCKET, SO_SNDBUF, Settings.UdpSendBufferSize);
            if (bind is not null)
            {
                bool bound = false;
                foreach (var b in bind)
                {
                    if (b.Family != family) continue;
                    Bind(fd, b);
                    bound = true;
                    break;
                }
                if (!bound) throw new NativeException("bind", Errno.EAFNOSUPPORT, $"'{Settings.SourceAddress}' (no address of the target's family)");
            }
            return fd;
        }
        catch
        {
            Sockets.Close(fd);
            throw;
        }
    }

    /// <summary>bind(2) to the source address; a non-local one is bound with IP_FREEBIND unless ipfreebind="0" (net.c).</summary>
    private void Bind(int fd, in SockAddr address)
    {
        try
        {
            Sockets.Bind(fd, address);
        }
        catch (NativeException e) when (e.Errno == Errno.EADDRNOTAVAIL && Settings.IpFreeBind > 0)
        {
            const int IpFreeBindOption = 15; // IP_FREEBIND (also honoured for IPv6 sockets)
            Sockets.SetOption(fd, address.IsIPv6 ? IPPROTO_IPV6 : 0, IpFreeBindOption, 1);
            Sockets.Bind(fd, address);
            if (Settings.IpFreeBind > 1) Log.Warning($"omfwd: bound address {Settings.SourceAddress} IP free");
        }
    }

    private void CloseSockets()
    {
        if (_socket4 >= 0) Sockets.Close(_socket4);
        if (_socket6 >= 0) Sockets.Close(_socket6);
        _socket4 = _socket6 = -1;
        _targets = null;
    }

    /// <summary>udp.sendDelay: microseconds, so a sleep for the whole milliseconds and a spin for the rest.</summary>
    private static void Pause(int microseconds)
    {
        if (microseconds >= 1000) Thread.Sleep(microseconds / 1000);
        long until = Stopwatch.GetTimestamp() + (microseconds % 1000) * Stopwatch.Frequency / 1_000_000;
        while (Stopwatch.GetTimestamp() < until) Thread.SpinWait(20);
    }
}
