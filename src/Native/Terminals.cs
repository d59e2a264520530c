using System.Runtime.InteropServices;

namespace Sluice.Native;

internal static unsafe partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true)]
    internal static partial int open_z(byte* path, int flags, uint mode);

    /// <summary>glibc 2.33+ exports fstat itself (older ones only __fxstat); Debian 12 and later have it.</summary>
    [LibraryImport(Lib, SetLastError = true)] internal static partial int fstat(int fd, byte* statBuffer);
}

/// <summary>
/// What omusrmsg needs: read the utmp file and write to users' terminals without ever blocking. Paths are
/// NUL-terminated bytes (no strings per message); EINTR is retried; nothing here throws or allocates.
/// </summary>
public static unsafe class Terminals
{
    public const int O_RDONLY = 0x0;
    public const int O_NONBLOCK = 0x800;

    /// <summary>rsyslog's open flags for a tty (omusrmsg.c sendwallmsg), plus O_CLOEXEC.</summary>
    public const int TerminalFlags = Files.O_WRONLY | Files.O_NOCTTY | O_NONBLOCK | Files.O_CLOEXEC;

    // x86_64 struct stat: st_mode (u32) at offset 24, 144 bytes in all.
    private const int StatSize = 144;
    private const int StatModeOffset = 24;
    private const uint S_IWUSR = 0x80; // 0200, rsyslog's S_IWRITE

    /// <summary>Opens the terminal <paramref name="pathZ"/> (NUL-terminated) write-only, non-blocking, not as controlling tty.</summary>
    public static Errno OpenTerminal(ReadOnlySpan<byte> pathZ, out int fd) => Open(pathZ, TerminalFlags, out fd);

    /// <summary>Opens <paramref name="pathZ"/> (NUL-terminated) read-only.</summary>
    public static Errno OpenReadOnly(ReadOnlySpan<byte> pathZ, out int fd) => Open(pathZ, O_RDONLY | Files.O_CLOEXEC, out fd);

    private static Errno Open(ReadOnlySpan<byte> pathZ, int flags, out int fd)
    {
        if (pathZ.IndexOf((byte)0) < 0)
        {
            fd = -1;
            return Errno.EINVAL;
        }
        fixed (byte* p = pathZ)
        {
            while (true)
            {
                fd = Libc.open_z(p, flags, 0);
                if (fd >= 0) return Errno.None;
                var e = NativeException.Last;
                if (e != Errno.EINTR) return e;
            }
        }
    }

    /// <summary>read(2) once into <paramref name="buffer"/> (EINTR retried); 0 read = end of file.</summary>
    public static Errno Read(int fd, Span<byte> buffer, out int read)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = Libc.read(fd, p, (nuint)buffer.Length);
                if (n >= 0)
                {
                    read = (int)n;
                    return Errno.None;
                }
                var e = NativeException.Last;
                if (e != Errno.EINTR)
                {
                    read = 0;
                    return e;
                }
            }
        }
    }

    /// <summary>fstat(2): true when the owner may write (rsyslog writes only then: st_mode &amp; S_IWRITE).</summary>
    public static bool IsOwnerWritable(int fd)
    {
        byte* stat = stackalloc byte[StatSize];
        if (Libc.fstat(fd, stat) != 0) return false;
        return (*(uint*)(stat + StatModeOffset) & S_IWUSR) != 0;
    }
}
