namespace Sluice.Native;

/// <summary>
/// epoll(7). <see cref="Control"/> and <see cref="Wait"/> are per-event calls and return errno values;
/// <see cref="Create"/> throws.
/// </summary>
public static unsafe class Epoll
{
    public const uint In = 0x001;
    public const uint Out = 0x004;
    public const uint Err = 0x008;
    public const uint Hup = 0x010;
    public const uint RdHup = 0x2000;
    public const uint OneShot = 1u << 30;
    public const uint EdgeTriggered = 1u << 31;

    public const int CtlAdd = 1;
    public const int CtlDel = 2;
    public const int CtlMod = 3;

    private const int EPOLL_CLOEXEC = 0x80000;

    public static int Create()
    {
        int fd = Libc.epoll_create1(EPOLL_CLOEXEC);
        if (fd < 0) throw new NativeException("epoll_create1", NativeException.Last);
        return fd;
    }

    /// <summary>epoll_ctl; <paramref name="data"/> comes back with each event. Returns None or the errno.</summary>
    public static Errno Control(int epfd, int op, int fd, uint events, ulong data)
    {
        byte* evt = stackalloc byte[16];
        EpollEventBuffer.Write(evt, events, data);
        return Libc.epoll_ctl(epfd, op, fd, evt) < 0 ? NativeException.Last : Errno.None;
    }

    /// <summary>epoll_wait into <paramref name="buffer"/>. Returns the event count, or -1 with <paramref name="error"/> (EINTR included).</summary>
    public static int Wait(int epfd, EpollEventBuffer buffer, int timeoutMs, out Errno error)
    {
        fixed (byte* p = buffer.Raw)
        {
            int n = Libc.epoll_wait(epfd, p, buffer.Capacity, timeoutMs);
            error = n < 0 ? NativeException.Last : Errno.None;
            return n;
        }
    }
}
