using Sluice.Native;

namespace Sluice.Engine.Inputs.Tcp;

/// <summary>One bound, listening, non-blocking socket of an imtcp input.</summary>
internal sealed class TcpListenSocket : IoItem
{
    public TcpListenSocket(int fd, SockAddr local, string localIp) : base(fd)
    {
        Local = local;
        LocalIp = localIp;
    }

    public SockAddr Local { get; }
    public int Port => Local.Port;
    /// <summary>Numeric local address, for rsyslog's "from … to …" connection info.</summary>
    public string LocalIp { get; }

    public void Close(int epollFd)
    {
        if (epollFd >= 0) Epoll.Control(epollFd, Epoll.CtlDel, Fd, 0, 0);
        Sockets.Close(Fd);
        FreeToken();
    }
}
