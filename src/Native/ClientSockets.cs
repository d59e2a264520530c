using System.Runtime.InteropServices;
using static Sluice.Native.SocketConstants;

namespace Sluice.Native;

internal static unsafe partial class Libc
{
    [LibraryImport(Lib, SetLastError = true)] internal static partial int connect(int fd, void* address, uint length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint sendto(int fd, void* buffer, nuint length, int flags, void* address, uint addressLength);
}

/// <summary>
/// The sending side of sockets (omfwd): connect, sendto, send timeouts and the peek that tells whether the peer
/// has closed. Like <see cref="Sockets"/>, the per-message calls return -1 and the errno instead of throwing,
/// retry EINTR themselves and never allocate.
/// </summary>
public static unsafe class ClientSockets
{
    public const int MSG_PEEK = 0x2;
    public const int SO_RCVTIMEO = 20;
    public const int SO_SNDTIMEO = 21;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeVal
    {
        public long Seconds;
        public long Microseconds;
    }

    /// <summary>
    /// connect(2) on a blocking socket. Returns None, or the errno (EINPROGRESS when an SO_SNDTIMEO set before
    /// the call ran out). EINTR is reported as is: the attempt goes on in the kernel, so the caller closes the socket.
    /// </summary>
    public static Errno Connect(int fd, in SockAddr address)
    {
        fixed (SockAddr* p = &address)
            return Libc.connect(fd, p, address.Length) == 0 ? Errno.None : NativeException.Last;
    }

    /// <summary>sendto(2) with MSG_NOSIGNAL. Returns the bytes sent, or -1 with <paramref name="error"/>.</summary>
    public static nint SendTo(int fd, ReadOnlySpan<byte> data, in SockAddr destination, out Errno error)
    {
        fixed (byte* d = data)
        fixed (SockAddr* a = &destination)
        {
            while (true)
            {
                nint n = Libc.sendto(fd, d, (nuint)data.Length, MSG_NOSIGNAL, a, destination.Length);
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

    /// <summary>SO_SNDTIMEO / SO_RCVTIMEO (struct timeval); 0 = block without limit. Returns the errno (None on success).</summary>
    public static Errno SetTimeout(int fd, int option, int milliseconds)
    {
        var tv = new TimeVal { Seconds = milliseconds / 1000, Microseconds = milliseconds % 1000 * 1000L };
        return Libc.setsockopt(fd, SOL_SOCKET, option, &tv, (uint)sizeof(TimeVal)) < 0 ? NativeException.Last : Errno.None;
    }

    /// <summary>
    /// Whether a connected stream socket's peer has closed or reset it, without consuming data:
    /// recv(1, MSG_PEEK|MSG_DONTWAIT) returning 0 (orderly close) or an error other than EAGAIN.
    /// </summary>
    public static bool PeerHasClosed(int fd, out Errno error)
    {
        byte b;
        while (true)
        {
            nint n = Libc.recv(fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
            if (n > 0)
            {
                error = Errno.None;
                return false;
            }
            if (n == 0)
            {
                error = Errno.None;
                return true;
            }
            error = NativeException.Last;
            if (error == Errno.EINTR) continue;
            return error != Errno.EAGAIN;
        }
    }
}
