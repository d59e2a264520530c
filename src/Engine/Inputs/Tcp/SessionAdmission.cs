using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Native;
using static Sluice.Native.SocketConstants;

namespace Sluice.Engine.Inputs.Tcp;

/// <summary>
/// Turns an accepted connection into a session, or refuses it (rsyslog tcpsrv SessAccept). Runs on the
/// worker that accepted it, once per connection.
/// </summary>
internal static class SessionAdmission
{
    /// <summary>rsyslog SessAccept: enforce MaxSessions, set keep-alive, learn the peer, register the session.</summary>
    public static bool Admit(TcpRuntime rt, TcpWorker worker, int fd, in SockAddr peer, TcpListenSocket listener)
    {
        string ip = TcpListenerOpener.NumericHost(peer);
        string port = peer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!rt.Sessions.TryReserve())
        {
            rt.Log.Error(TcpLogText.TooManySessions);
            rt.Log.Error(TcpLogText.ListenerFailed(rt.Info.InputName,
                TcpLogText.ConnInfo(ip, port, listener.LocalIp, listener.Port), TcpLogText.RsRetMaxSessReached));
            Sockets.Close(fd);
            return false;
        }

        TcpSession? session = null;
        try
        {
            var cfg = rt.Config;
            if (cfg.KeepAlive) EnableKeepAlive(rt, fd, cfg);
            string host = rt.EnableDns ? rt.Resolver.Resolve(peer, ip, rt.PreserveFqdn) : ip;
            if (!cfg.PreserveCase) host = host.ToLowerInvariant();
            var info = new PeerInfo(
                System.Text.Encoding.UTF8.GetBytes(host),
                System.Text.Encoding.ASCII.GetBytes(ip),
                System.Text.Encoding.ASCII.GetBytes(port));
            session = new TcpSession(fd, rt, info, host, ip, port);
            rt.Sessions.Add(session);
            var e = rt.Register(session);
            if (e != Errno.None) throw new NativeException("epoll_ctl(ADD)", e);
            if (cfg.NotifyOnConnectionOpen) rt.Log.Info(TcpLogText.ConnectionEstablished(host, ip, port));
            return true;
        }
        catch (Exception ex)
        {
            rt.Log.Error(TcpLogText.ListenerFailed(rt.Info.InputName,
                TcpLogText.ConnInfo(ip, port, listener.LocalIp, listener.Port), -1) + $": {ex.Message}");
            if (session != null) session.Close(worker, finishFrame: false);
            else
            {
                Sockets.Close(fd);
                rt.Sessions.CancelReservation();
            }
            return false;
        }
    }

    /// <summary>nsd_ptcp EnableKeepAlive: SO_KEEPALIVE, then each TCP_KEEP* option only when configured (> 0).</summary>
    private static void EnableKeepAlive(TcpRuntime rt, int fd, TcpInputConfig cfg)
    {
        var e = Sockets.TrySetOption(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
        if (e != Errno.None) throw new NativeException("setsockopt(SO_KEEPALIVE)", e);
        if (cfg.KeepAliveProbes > 0 && (e = Sockets.TrySetOption(fd, IPPROTO_TCP, TCP_KEEPCNT, cfg.KeepAliveProbes)) != Errno.None)
            rt.Log.Error(TcpLogText.KeepAliveFailed("probes", e));
        if (cfg.KeepAliveTime > 0 && (e = Sockets.TrySetOption(fd, IPPROTO_TCP, TCP_KEEPIDLE, cfg.KeepAliveTime)) != Errno.None)
            rt.Log.Error(TcpLogText.KeepAliveFailed("time", e));
        if (cfg.KeepAliveInterval > 0 && (e = Sockets.TrySetOption(fd, IPPROTO_TCP, TCP_KEEPINTVL, cfg.KeepAliveInterval)) != Errno.None)
            rt.Log.Error(TcpLogText.KeepAliveFailed("intvl", e));
    }
}
