using System.Runtime.InteropServices;

namespace Sluice.Engine.Inputs.Tcp;

/// <summary>
/// A descriptor the event loop watches: a listening socket or a session. Registered EPOLLIN | EPOLLET |
/// EPOLLONESHOT with a GC handle to this object as the event data, so after an event it sits in exactly one
/// place (armed in epoll, waiting in the work queue, or owned by the one thread processing it) until that
/// thread re-arms it, hands it back to the queue, or closes it.
/// </summary>
internal abstract class IoItem
{
    private GCHandle _handle;

    protected IoItem(int fd)
    {
        Fd = fd;
        _handle = GCHandle.Alloc(this);
    }

    public int Fd { get; }

    /// <summary>The epoll event data that leads back to this object; never 0 (0 marks the wake-up eventfd).</summary>
    public ulong Token => (ulong)GCHandle.ToIntPtr(_handle);

    /// <summary>Link in the work queue's FIFO (owned by the queue while queued).</summary>
    public IoItem? NextQueued;

    public static IoItem? FromToken(ulong token) =>
        token == 0 ? null : GCHandle.FromIntPtr((nint)token).Target as IoItem;

    /// <summary>Called once the fd is out of epoll and closed: no event can carry the token any more.</summary>
    protected void FreeToken()
    {
        if (_handle.IsAllocated) _handle.Free();
    }
}
