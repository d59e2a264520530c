namespace Sluice.Native;

/// <summary>eventfd(2): a counter a thread can block on through epoll; used to wake event loops.</summary>
public static unsafe class EventFd
{
    private const int EFD_CLOEXEC = 0x80000;
    private const int EFD_NONBLOCK = 0x800;

    public static int Create(uint initial = 0, bool nonBlocking = true)
    {
        int fd = Libc.eventfd(initial, EFD_CLOEXEC | (nonBlocking ? EFD_NONBLOCK : 0));
        if (fd < 0) throw new NativeException("eventfd", NativeException.Last);
        return fd;
    }

    /// <summary>Adds 1 to the counter, making the fd readable.</summary>
    public static Errno Signal(int fd)
    {
        ulong one = 1;
        while (true)
        {
            if (Libc.write(fd, &one, sizeof(ulong)) == sizeof(ulong)) return Errno.None;
            var e = NativeException.Last;
            if (e != Errno.EINTR) return e;
        }
    }

    /// <summary>Reads and resets the counter (EAGAIN when it was 0 on a non-blocking fd).</summary>
    public static Errno Drain(int fd, out ulong value)
    {
        ulong v = 0;
        while (true)
        {
            if (Libc.read(fd, &v, sizeof(ulong)) == sizeof(ulong))
            {
                value = v;
                return Errno.None;
            }
            var e = NativeException.Last;
            if (e != Errno.EINTR)
            {
                value = 0;
                return e;
            }
        }
    }
}
