using System.Runtime.InteropServices;

namespace Sluice.Native;

internal static unsafe partial class Libc
{
    [LibraryImport(Lib, SetLastError = true)] internal static partial int posix_openpt(int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int grantpt(int fd);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int unlockpt(int fd);
    [LibraryImport(Lib)] internal static partial int ptsname_r(int fd, byte* buffer, nuint length);
}

/// <summary>
/// Pseudo-terminal pairs (posix_openpt): the tests use them as users' terminals for omusrmsg, reading from the
/// master what the daemon wrote to the slave.
/// </summary>
public static unsafe class PseudoTerminals
{
    private const int O_RDWR = 0x2;

    /// <summary>A non-blocking master and the path of its slave (/dev/pts/N). Throws <see cref="NativeException"/>.</summary>
    public static int OpenMaster(out string slavePath)
    {
        int fd = Libc.posix_openpt(O_RDWR | Files.O_NOCTTY | Terminals.O_NONBLOCK | Files.O_CLOEXEC);
        if (fd < 0) throw new NativeException("posix_openpt", NativeException.Last, "/dev/ptmx");
        if (Libc.grantpt(fd) != 0 || Libc.unlockpt(fd) != 0)
        {
            var e = NativeException.Last;
            Libc.close(fd);
            throw new NativeException("unlockpt", e, "/dev/ptmx");
        }
        byte* name = stackalloc byte[128];
        int rc = Libc.ptsname_r(fd, name, 128);
        if (rc != 0)
        {
            Libc.close(fd);
            throw new NativeException("ptsname_r", (Errno)rc, "/dev/ptmx");
        }
        slavePath = Marshal.PtrToStringUTF8((nint)name)!;
        return fd;
    }
}
