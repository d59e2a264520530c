using System.Runtime.InteropServices;

namespace Sluice.Native;

/// <summary>struct iovec.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}

/// <summary>struct msghdr (56 bytes on LP64 Linux; the compiler pads after NameLength and Flags as C does).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct MsgHdr
{
    public void* Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>struct mmsghdr (64 bytes): one entry of a recvmmsg vector.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct MMsgHdr
{
    public MsgHdr Header;
    /// <summary>Bytes received into this entry (at most its buffer; see MSG_TRUNC in Header.Flags).</summary>
    public uint Length;
}

/// <summary>
/// Datagram calls: recvmmsg and recvfrom (sendto is in ClientSockets), plus the socket options only UDP listeners use. Like
/// <see cref="Sockets"/>, the per-datagram calls return -1 and the errno instead of throwing, retry EINTR
/// themselves and never allocate.
/// </summary>
public static unsafe class UdpSockets
{
    public const int IPPROTO_IP = 0;
    public const int IPPROTO_UDP = 17;
    public const int IP_FREEBIND = 15;
    public const int SO_BINDTODEVICE = 25;
    /// <summary>Sets SO_RCVBUF beyond net.core.rmem_max; needs CAP_NET_ADMIN.</summary>
    public const int SO_RCVBUFFORCE = 33;
    /// <summary>msg_flags bit: the datagram was longer than the buffer and was cut.</summary>
    public const int MSG_TRUNC = 0x20;

    /// <summary>
    /// recvmmsg(2) without a timeout. Returns the number of entries filled, or -1 with <paramref name="error"/>
    /// (EAGAIN: nothing waiting on a non-blocking socket; ENOSYS: the kernel lacks the call).
    /// </summary>
    public static int ReceiveMany(int fd, MMsgHdr* vector, int count, int flags, out Errno error)
    {
        while (true)
        {
            int n = Libc.recvmmsg(fd, vector, (uint)count, flags, null);
            if (n >= 0)
            {
                error = Errno.None;
                return n;
            }
            error = NativeException.Last;
            if (error != Errno.EINTR) return -1;
        }
    }

    /// <summary>recvfrom(2). Returns the datagram length (cut to the buffer), or -1 with <paramref name="error"/>.</summary>
    public static nint ReceiveFrom(int fd, Span<byte> buffer, int flags, out SockAddr from, out Errno error)
    {
        SockAddr addr = default;
        fixed (byte* p = buffer)
        {
            while (true)
            {
                uint len = (uint)sizeof(SockAddr);
                nint n = Libc.recvfrom(fd, p, (nuint)buffer.Length, flags, &addr, &len);
                if (n >= 0)
                {
                    from = addr;
                    error = Errno.None;
                    return n;
                }
                error = NativeException.Last;
                if (error != Errno.EINTR)
                {
                    from = default;
                    return -1;
                }
            }
        }
    }

    /// <summary>setsockopt with a byte-string value (SO_BINDTODEVICE takes the NUL-terminated interface name).</summary>
    public static Errno TrySetOption(int fd, int level, int name, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
            return Libc.setsockopt(fd, level, name, p, (uint)value.Length) < 0 ? NativeException.Last : Errno.None;
    }
}

/// <summary>
/// A reusable recvmmsg vector: <c>count</c> entries, each with its own buffer of <c>bufferSize</c> bytes and
/// room for the sender's address, all in one native block so that nothing moves while the kernel writes and
/// nothing is allocated per call. Owned by one thread.
/// </summary>
public sealed unsafe class DatagramVector : IDisposable
{
    private readonly int _bufferSize;
    private MMsgHdr* _headers;
    private IoVec* _iovs;
    private SockAddr* _names;
    private byte* _buffers;

    public DatagramVector(int count, int bufferSize)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count));
        if (bufferSize < 1) throw new ArgumentOutOfRangeException(nameof(bufferSize));
        Count = count;
        _bufferSize = bufferSize;
        _headers = (MMsgHdr*)NativeMemory.AllocZeroed((nuint)count, (nuint)sizeof(MMsgHdr));
        _iovs = (IoVec*)NativeMemory.AllocZeroed((nuint)count, (nuint)sizeof(IoVec));
        _names = (SockAddr*)NativeMemory.AllocZeroed((nuint)count, (nuint)sizeof(SockAddr));
        _buffers = (byte*)NativeMemory.Alloc((nuint)count, (nuint)bufferSize);
        for (int i = 0; i < count; i++)
        {
            _iovs[i].Base = _buffers + (long)i * bufferSize;
            _iovs[i].Length = (nuint)bufferSize;
            _headers[i].Header.Iov = _iovs + i;
            _headers[i].Header.IovLength = 1;
            _headers[i].Header.Name = _names + i;
        }
    }

    public int Count { get; }

    /// <summary>
    /// One recvmmsg call (non-blocking) filling up to <paramref name="max"/> entries. Returns how many, or -1
    /// with <paramref name="error"/>. ENOSYS is answered with a single recvfrom, as rsyslog falls back to recvmsg;
    /// <paramref name="usedFallback"/> tells which call ran.
    /// </summary>
    public int Receive(int fd, int max, out Errno error, out bool usedFallback)
    {
        if (max > Count) max = Count;
        for (int i = 0; i < max; i++)
        {
            // The kernel overwrites these on every call.
            _headers[i].Header.NameLength = (uint)sizeof(SockAddr);
            _headers[i].Header.Flags = 0;
            _headers[i].Length = 0;
        }
        usedFallback = false;
        int n = UdpSockets.ReceiveMany(fd, _headers, max, SocketConstants.MSG_DONTWAIT, out error);
        if (n >= 0 || error != Errno.ENOSYS) return n;

        usedFallback = true;
        nint len = UdpSockets.ReceiveFrom(fd, new Span<byte>(_buffers, _bufferSize), SocketConstants.MSG_DONTWAIT | UdpSockets.MSG_TRUNC, out var from, out error);
        if (len < 0) return -1;
        _names[0] = from;
        _headers[0].Length = (uint)Math.Min(len, _bufferSize);
        _headers[0].Header.Flags = len > _bufferSize ? UdpSockets.MSG_TRUNC : 0;
        return 1;
    }

    /// <summary>The bytes of entry <paramref name="i"/> of the last receive (valid until the next one).</summary>
    public ReadOnlySpan<byte> Data(int i) => new(_buffers + (long)i * _bufferSize, (int)_headers[i].Length);

    /// <summary>The sender of entry <paramref name="i"/>.</summary>
    public ref readonly SockAddr From(int i) => ref _names[i];

    /// <summary>The datagram was longer than the buffer and was cut to it.</summary>
    public bool Truncated(int i) => (_headers[i].Header.Flags & UdpSockets.MSG_TRUNC) != 0;

    public void Dispose()
    {
        NativeMemory.Free(_headers);
        NativeMemory.Free(_iovs);
        NativeMemory.Free(_names);
        NativeMemory.Free(_buffers);
        _headers = null;
        _iovs = null;
        _names = null;
        _buffers = null;
    }
}

internal static unsafe partial class Libc
{
    [LibraryImport(Lib, SetLastError = true)] internal static partial int recvmmsg(int fd, MMsgHdr* vector, uint count, int flags, void* timeout);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint recvfrom(int fd, void* buffer, nuint length, int flags, void* address, uint* addressLength);
}
