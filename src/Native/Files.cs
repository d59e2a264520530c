using System.Runtime.InteropServices;

namespace Sluice.Native;

internal static unsafe partial class Libc
{
    /// <summary>open(2) is variadic; the mode is passed as the one optional argument (as glibc reads it).</summary>
    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags, uint mode);

    [LibraryImport(Lib, SetLastError = true)] internal static partial int fsync(int fd);
}

/// <summary>
/// Files appended to with real O_APPEND: the kernel moves every write(2) to the end of the file as it is at that
/// moment, so lines from other appenders never get overwritten and, after logrotate's copytruncate, writing goes on
/// at the start of the emptied file (no hole of NUL bytes). .NET's FileMode.Append does not use O_APPEND (it
/// remembers an offset), hence these bindings. No call here throws except <see cref="OpenForAppend(string, uint)"/>;
/// the others return the errno, retry EINTR themselves and never allocate.
/// </summary>
public static unsafe class Files
{
    public const int O_WRONLY = 0x1;
    public const int O_CREAT = 0x40;
    public const int O_NOCTTY = 0x100;
    public const int O_APPEND = 0x400;
    public const int O_CLOEXEC = 0x80000;

    /// <summary>
    /// What omfile opens with: the flags rsyslogd 8.2302 uses (seen with strace:
    /// O_WRONLY|O_CREAT|O_NOCTTY|O_APPEND|O_CLOEXEC). O_NOCTTY keeps a terminal named as the file from becoming
    /// the daemon's controlling terminal.
    /// </summary>
    public const int AppendFlags = O_WRONLY | O_APPEND | O_CREAT | O_NOCTTY | O_CLOEXEC;

    /// <summary>
    /// open(2) with <see cref="AppendFlags"/>; a file it creates gets <paramref name="createMode"/> less the umask.
    /// Returns the descriptor in <paramref name="fd"/> (-1 on failure) and the errno.
    /// </summary>
    public static Errno OpenForAppend(string path, uint createMode, out int fd)
    {
        while (true)
        {
            fd = Libc.open(path, AppendFlags, createMode);
            if (fd >= 0) return Errno.None;
            var e = NativeException.Last;
            if (e != Errno.EINTR) return e;
        }
    }

    /// <summary>Like <see cref="OpenForAppend(string, uint, out int)"/>, but throws <see cref="NativeException"/>.</summary>
    public static int OpenForAppend(string path, uint createMode)
    {
        var e = OpenForAppend(path, createMode, out int fd);
        if (e != Errno.None) throw new NativeException("open", e, path);
        return fd;
    }

    /// <summary>
    /// write(2) until all of <paramref name="data"/> is written: EINTR is retried and a partial write continued
    /// with the rest. Returns None, or the errno of the call that failed; <paramref name="written"/> says how many
    /// bytes reached the file either way. A write that makes no progress is reported as EIO.
    /// </summary>
    public static Errno WriteAll(int fd, ReadOnlySpan<byte> data, out int written)
    {
        written = 0;
        fixed (byte* p = data)
        {
            while (written < data.Length)
            {
                nint n = Libc.write(fd, p + written, (nuint)(data.Length - written));
                if (n > 0)
                {
                    written += (int)n;
                    continue;
                }
                if (n == 0) return Errno.EIO;
                var e = NativeException.Last;
                if (e != Errno.EINTR) return e;
            }
        }
        return Errno.None;
    }

    /// <summary>fsync(2): the file's data and metadata reach the disk. EINTR is retried.</summary>
    public static Errno Fsync(int fd)
    {
        while (true)
        {
            if (Libc.fsync(fd) == 0) return Errno.None;
            var e = NativeException.Last;
            if (e != Errno.EINTR) return e;
        }
    }

    /// <summary>close(2). Not retried on EINTR: on Linux the descriptor is released even then.</summary>
    public static Errno Close(int fd) => Libc.close(fd) < 0 ? NativeException.Last : Errno.None;
}
