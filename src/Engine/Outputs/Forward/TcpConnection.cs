using Sluice.Engine.Diagnostics;
using Sluice.Native;
using static Sluice.Native.SocketConstants;

namespace Sluice.Engine.Outputs.Forward;

/// <summary>
/// omfwd's plain TCP connection (rsyslog's nsd_ptcp as a client): a blocking socket, connected to the first of
/// the target's addresses that accepts, with optional keep-alive. Sends block until the kernel took the data,
/// as in rsyslog, but wake up every second so that <see cref="Abort"/> (shutdown) can end a send to a peer that
/// stopped reading. Connecting gives up after <see cref="ConnectTimeoutMilliseconds"/>; rsyslog waits for the
/// kernel's own limit (about two minutes), which would hold up the action's worker that long.
/// </summary>
internal sealed class TcpConnection
{
    public const int ConnectTimeoutMilliseconds = 10_000;
    private const int SendWakeupMilliseconds = 1_000;

    private int _fd = -1;
    private volatile bool _abort;

    public bool IsOpen => _fd >= 0;

    /// <summary>The socket (-1 when closed), for tests that inspect its options.</summary>
    internal int Descriptor => _fd;

    /// <summary>Connects to the first address that accepts; returns the errno of the last failure (None on success).</summary>
    public Errno Connect(SockAddr[] addresses, ForwardSettings settings, IInternalLog log)
    {
        Close();
        var last = Errno.ENOENT;
        foreach (var address in addresses)
        {
            int fd;
            try
            {
                fd = Sockets.Create(address.Family, SOCK_STREAM);
            }
            catch (NativeException e)
            {
                last = e.Errno;
                continue;
            }
            ClientSockets.SetTimeout(fd, ClientSockets.SO_SNDTIMEO, ConnectTimeoutMilliseconds);
            var error = ClientSockets.Connect(fd, address);
            if (error != Errno.None)
            {
                Sockets.Close(fd);
                last = error == Errno.EINPROGRESS ? Errno.ETIMEDOUT : error;
                continue;
            }
            ClientSockets.SetTimeout(fd, ClientSockets.SO_SNDTIMEO, SendWakeupMilliseconds);
            if (settings.KeepAlive) EnableKeepAlive(fd, settings, log);
            _fd = fd;
            return Errno.None;
        }
        return last;
    }

    /// <summary>rsyslog's CheckConnection: the peer closed (or reset) the connection while we were not sending.</summary>
    public bool PeerHasClosed() => _fd >= 0 && ClientSockets.PeerHasClosed(_fd, out _);

    /// <summary>Sends all of <paramref name="data"/>; returns None, or the errno that stopped it (<paramref name="sent"/> bytes went out).</summary>
    public Errno SendAll(ReadOnlySpan<byte> data, out long sent)
    {
        sent = 0;
        if (_fd < 0) return Errno.ENOTCONN;
        while (data.Length > 0)
        {
            nint n = Sockets.Send(_fd, data, 0, out var error);
            if (n >= 0)
            {
                sent += n;
                data = data[(int)n..];
                continue;
            }
            if (error == Errno.EAGAIN && !_abort) continue; // the 1 s wake-up of a send that is still waiting
            return error == Errno.EAGAIN ? Errno.ETIMEDOUT : error;
        }
        return Errno.None;
    }

    /// <summary>Makes sends that are waiting for the peer give up at their next wake-up (shutdown).</summary>
    public void Abort() => _abort = true;

    public void Close()
    {
        int fd = _fd;
        _fd = -1;
        if (fd >= 0) Sockets.Close(fd);
    }

    /// <summary>nsd_ptcp EnableKeepAlive: SO_KEEPALIVE, and probes/time/interval where set (&gt; 0).</summary>
    private static void EnableKeepAlive(int fd, ForwardSettings s, IInternalLog log)
    {
        if (Sockets.TrySetOption(fd, SOL_SOCKET, SO_KEEPALIVE, 1) is var e && e != Errno.None)
        {
            log.Error($"omfwd: EnableKeepAlive socket call returns error {(int)e}");
            return;
        }
        if (s.KeepAliveProbes > 0 && Sockets.TrySetOption(fd, IPPROTO_TCP, TCP_KEEPCNT, s.KeepAliveProbes) != Errno.None)
            log.Warning("omfwd: cannot set keepalive probes - ignored");
        if (s.KeepAliveTime > 0 && Sockets.TrySetOption(fd, IPPROTO_TCP, TCP_KEEPIDLE, s.KeepAliveTime) != Errno.None)
            log.Warning("omfwd: cannot set keepalive time - ignored");
        if (s.KeepAliveInterval > 0 && Sockets.TrySetOption(fd, IPPROTO_TCP, TCP_KEEPINTVL, s.KeepAliveInterval) != Errno.None)
            log.Warning("omfwd: cannot set keepalive intvl - ignored");
    }
}
