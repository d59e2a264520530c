using static Sluice.Native.SocketConstants;

namespace Sluice.Native;

/// <summary>
/// Socket calls. Setup calls throw <see cref="NativeException"/>; the per-event calls (accept, recv, send)
/// return -1 and the errno instead, retry EINTR themselves and never allocate.
/// </summary>
public static unsafe class Sockets
{
    /// <summary>socket(2) with SOCK_CLOEXEC always set; add SOCK_NONBLOCK to <paramref name="type"/> as needed.</summary>
    public static int Create(int family, int type, int protocol = 0)
    {
        int fd = Libc.socket(family, type | SOCK_CLOEXEC, protocol);
        if (fd < 0) throw new NativeException("socket", NativeException.Last);
        return fd;
    }

    public static void SetOption(int fd, int level, int name, int value)
    {
        if (Libc.setsockopt(fd, level, name, &value, sizeof(int)) < 0)
            throw new NativeException("setsockopt", NativeException.Last);
    }

    /// <summary>setsockopt without throwing: returns the errno (None on success).</summary>
    public static Errno TrySetOption(int fd, int level, int name, int value) =>
        Libc.setsockopt(fd, level, name, &value, sizeof(int)) < 0 ? NativeException.Last : Errno.None;

    public static int GetOption(int fd, int level, int name)
    {
        int value = 0;
        uint len = sizeof(int);
        if (Libc.getsockopt(fd, level, name, &value, &len) < 0)
            throw new NativeException("getsockopt", NativeException.Last);
        return value;
    }

    public static void Bind(int fd, in SockAddr address)
    {
        fixed (SockAddr* p = &address)
        {
            if (Libc.bind(fd, p, address.Length) < 0)
                throw new NativeException("bind", NativeException.Last, address.ToString());
        }
    }

    public static void Listen(int fd, int backlog)
    {
        if (Libc.listen(fd, backlog) < 0) throw new NativeException("listen", NativeException.Last);
    }

    /// <summary>accept4 with SOCK_NONBLOCK|SOCK_CLOEXEC. Returns the new fd, or -1 with <paramref name="error"/> (EAGAIN: none pending).</summary>
    public static int Accept(int listenFd, out SockAddr peer, out Errno error)
    {
        SockAddr addr = default;
        while (true)
        {
            uint len = (uint)sizeof(SockAddr);
            int fd = Libc.accept4(listenFd, &addr, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd >= 0)
            {
                peer = addr;
                error = Errno.None;
                return fd;
            }
            error = NativeException.Last;
            if (error != Errno.EINTR)
            {
                peer = default;
                return -1;
            }
        }
    }

    /// <summary>recv(2). Returns the byte count (0 = orderly close), or -1 with <paramref name="error"/> (EAGAIN: no data).</summary>
    public static nint Receive(int fd, Span<byte> buffer, int flags, out Errno error)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = Libc.recv(fd, p, (nuint)buffer.Length, flags);
                if (n >= 0)
                {
                    error = Errno.None;
                    return n;
                }
                error = NativeException.Last;
                if (error != Errno.EINTR) return -1;
            }
        }
    }

    /// <summary>send(2) with MSG_NOSIGNAL added. Returns the bytes sent, or -1 with <paramref name="error"/>.</summary>
    public static nint Send(int fd, ReadOnlySpan<byte> data, int flags, out Errno error)
    {
        fixed (byte* p = data)
        {
            while (true)
            {
                nint n = Libc.send(fd, p, (nuint)data.Length, flags | MSG_NOSIGNAL);
                if (n >= 0)
                {
                    error = Errno.None;
                    return n;
                }
                error = NativeException.Last;
                if (error != Errno.EINTR) return -1;
            }
        }
    }

    public static Errno Shutdown(int fd, int how) => Libc.shutdown(fd, how) < 0 ? NativeException.Last : Errno.None;

    /// <summary>close(2). Not retried on EINTR: on Linux the descriptor is released even then.</summary>
    public static Errno Close(int fd) => Libc.close(fd) < 0 ? NativeException.Last : Errno.None;

    public static SockAddr GetSockName(int fd)
    {
        SockAddr addr = default;
        uint len = (uint)sizeof(SockAddr);
        if (Libc.getsockname(fd, &addr, &len) < 0) throw new NativeException("getsockname", NativeException.Last);
        return addr;
    }

    public static SockAddr GetPeerName(int fd)
    {
        SockAddr addr = default;
        uint len = (uint)sizeof(SockAddr);
        if (Libc.getpeername(fd, &addr, &len) < 0) throw new NativeException("getpeername", NativeException.Last);
        return addr;
    }
}
