using System.Net;
using System.Net.Sockets;
using Sluice.Native;
using static Sluice.Native.SocketConstants;

namespace Sluice.Tests.Native;

public class EpollTests
{
    /// <summary>A signal (SIGCHLD from another test's child process, say) interrupts epoll_wait with EINTR;
    /// the engine's event loop retries it, and so must the test.</summary>
    private static int WaitRetryingEintr(int ep, EpollEventBuffer events, int timeoutMs)
    {
        while (true)
        {
            int n = Epoll.Wait(ep, events, timeoutMs, out var err);
            if (n >= 0 || err != Errno.EINTR) return n;
        }
    }

    [Fact]
    public void OneShotEdgeTriggeredEventsFireOnceUntilRearmed()
    {
        int ep = Epoll.Create();
        int lfd = Sockets.Create(AF_INET, SOCK_STREAM | SOCK_NONBLOCK);
        try
        {
            Sockets.Bind(lfd, SockAddr.FromIPAddress(IPAddress.Loopback, 0));
            Sockets.Listen(lfd, 8);
            int port = Sockets.GetSockName(lfd).Port;
            const uint arm = Epoll.In | Epoll.EdgeTriggered | Epoll.OneShot;
            Assert.Equal(Errno.None, Epoll.Control(ep, Epoll.CtlAdd, lfd, arm, 0xDEADBEEF_12345678UL));

            var events = new EpollEventBuffer(8);
            Assert.Equal(0, WaitRetryingEintr(ep, events, 0));

            using var c1 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            c1.Connect(IPAddress.Loopback, port);
            Assert.Equal(1, WaitRetryingEintr(ep, events, 30_000));
            Assert.Equal(0xDEADBEEF_12345678UL, events.Data(0)); // the 64-bit token survives the (packed) layout
            Assert.NotEqual(0u, events.Events(0) & Epoll.In);

            // Still pending, but one-shot: no further event until re-armed.
            using var c2 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            c2.Connect(IPAddress.Loopback, port);
            Assert.Equal(0, WaitRetryingEintr(ep, events, 200));

            // Re-arming a descriptor that is still ready reports it at once.
            Assert.Equal(Errno.None, Epoll.Control(ep, Epoll.CtlMod, lfd, arm, 7));
            Assert.Equal(1, WaitRetryingEintr(ep, events, 30_000));
            Assert.Equal(7UL, events.Data(0));

            Assert.Equal(Errno.None, Epoll.Control(ep, Epoll.CtlDel, lfd, 0, 0));
            Assert.Equal(Errno.ENOENT, Epoll.Control(ep, Epoll.CtlMod, lfd, arm, 7));
        }
        finally
        {
            Sockets.Close(lfd);
            Sockets.Close(ep);
        }
    }

    [Fact]
    public void EventFdWakesAWaitingThread()
    {
        int ep = Epoll.Create();
        int efd = EventFd.Create();
        try
        {
            Assert.Equal(Errno.None, Epoll.Control(ep, Epoll.CtlAdd, efd, Epoll.In, 42));
            Assert.Equal(Errno.EAGAIN, EventFd.Drain(efd, out _)); // nothing signalled yet

            var waiter = Task.Run(() =>
            {
                var events = new EpollEventBuffer(4);
                int n = WaitRetryingEintr(ep, events, 30_000);
                return n == 1 ? events.Data(0) : 0UL;
            });
            Thread.Sleep(50);
            Assert.Equal(Errno.None, EventFd.Signal(efd));
            Assert.Equal(Errno.None, EventFd.Signal(efd));
            Assert.True(waiter.Wait(TimeSpan.FromSeconds(30)));
            Assert.Equal(42UL, waiter.Result);

            Assert.Equal(Errno.None, EventFd.Drain(efd, out ulong value));
            Assert.Equal(2UL, value);
        }
        finally
        {
            Sockets.Close(efd);
            Sockets.Close(ep);
        }
    }

    [Fact]
    public void WaitOnAClosedDescriptorReportsEbadf()
    {
        int ep = Epoll.Create();
        Sockets.Close(ep);
        Assert.Equal(-1, Epoll.Wait(ep, new EpollEventBuffer(1), 0, out var err));
        Assert.Equal(Errno.EBADF, err);
    }
}
