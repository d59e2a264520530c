using System.Runtime.InteropServices;

namespace Sluice.Native;

internal static unsafe partial class Libc
{
    [LibraryImport(Lib, SetLastError = true)] internal static partial void* mmap(void* address, nuint length, int prot, int flags, int fd, long offset);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int munmap(void* address, nuint length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int msync(void* address, nuint length, int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int ftruncate(int fd, long length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int fallocate(int fd, int mode, long offset, long length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int fdatasync(int fd);
    [LibraryImport(Lib, SetLastError = true)] internal static partial long lseek(int fd, long offset, int whence);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rename(string oldPath, string newPath);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int link(string oldPath, string newPath);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int unlink(string path);
}

/// <summary>
/// Memory-mapped files and the durability calls the disk queue needs (mmap, msync, fallocate, fdatasync, atomic
/// rename, fsync of a directory). Cold calls (open, rename, link) take strings; the per-commit ones (msync) take
/// pointers and never allocate. Every call returns the errno and retries EINTR where the call can see it.
/// </summary>
public static unsafe class MappedFiles
{
    public const int O_RDONLY = 0x0;
    public const int O_RDWR = 0x2;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_TRUNC = 0x200;
    public const int O_CLOEXEC = 0x80000;

    private const int PROT_READ = 0x1;
    private const int PROT_WRITE = 0x2;
    private const int MAP_SHARED = 0x1;
    private const int MS_SYNC = 0x4;
    private const int SEEK_END = 2;

    /// <summary>The page size mappings and msync ranges are aligned to.</summary>
    public static int PageSize { get; } = Environment.SystemPageSize;

    /// <summary>open(2) with explicit flags; <paramref name="fd"/> is -1 on failure.</summary>
    public static Errno Open(string path, int flags, uint mode, out int fd)
    {
        while (true)
        {
            fd = Libc.open(path, flags | O_CLOEXEC, mode);
            if (fd >= 0) return Errno.None;
            var e = NativeException.Last;
            if (e != Errno.EINTR) return e;
        }
    }

    /// <summary>
    /// Opens a directory read-only, for <see cref="Files.Fsync"/> after a rename or create in it (what makes a
    /// new or replaced name survive power loss).
    /// </summary>
    public static Errno OpenDirectory(string path, out int fd) => Open(path, O_RDONLY, 0, out fd);

    /// <summary>Maps <paramref name="length"/> bytes of <paramref name="fd"/> from offset 0, shared (writes reach the file).</summary>
    public static Errno Map(int fd, long length, bool writable, out byte* address)
    {
        int prot = writable ? PROT_READ | PROT_WRITE : PROT_READ;
        void* p = Libc.mmap(null, (nuint)length, prot, MAP_SHARED, fd, 0);
        if (p == (void*)-1)
        {
            address = null;
            return NativeException.Last;
        }
        address = (byte*)p;
        return Errno.None;
    }

    public static Errno Unmap(byte* address, long length)
        => Libc.munmap(address, (nuint)length) == 0 ? Errno.None : NativeException.Last;

    /// <summary>
    /// msync(MS_SYNC) of [offset, offset+length) of a mapping: returns once those bytes (and the file size they need)
    /// are on the disk. The start is rounded down to a page as msync requires.
    /// </summary>
    public static Errno Sync(byte* mapping, long offset, long length)
    {
        if (length <= 0) return Errno.None;
        long start = offset - offset % PageSize;
        long len = offset + length - start;
        while (true)
        {
            if (Libc.msync(mapping + start, (nuint)len, MS_SYNC) == 0) return Errno.None;
            var e = NativeException.Last;
            if (e != Errno.EINTR) return e;
        }
    }

    /// <summary>
    /// Reserves disk blocks for [0, length) (fallocate mode 0, which also sets the size), so writing through a
    /// mapping can never hit ENOSPC (which would be SIGBUS). EOPNOTSUPP on file systems without it.
    /// </summary>
    public static Errno Allocate(int fd, long length)
    {
        while (true)
        {
            if (Libc.fallocate(fd, 0, 0, length) == 0) return Errno.None;
            var e = NativeException.Last;
            if (e != Errno.EINTR) return e;
        }
    }

    public static Errno Truncate(int fd, long length)
    {
        while (true)
        {
            if (Libc.ftruncate(fd, length) == 0) return Errno.None;
            var e = NativeException.Last;
            if (e != Errno.EINTR) return e;
        }
    }

    /// <summary>fdatasync(2): the file's data and the metadata needed to read it back reach the disk.</summary>
    public static Errno DataSync(int fd)
    {
        while (true)
        {
            if (Libc.fdatasync(fd) == 0) return Errno.None;
            var e = NativeException.Last;
            if (e != Errno.EINTR) return e;
        }
    }

    /// <summary>The file's size (lseek to the end).</summary>
    public static Errno Size(int fd, out long size)
    {
        size = Libc.lseek(fd, 0, SEEK_END);
        return size < 0 ? NativeException.Last : Errno.None;
    }

    /// <summary>write(2) of all of <paramref name="data"/> at the current offset (see <see cref="Files.WriteAll"/>).</summary>
    public static Errno WriteAll(int fd, ReadOnlySpan<byte> data) => Files.WriteAll(fd, data, out _);

    /// <summary>rename(2): atomically replaces <paramref name="newPath"/> if it exists.</summary>
    public static Errno Rename(string oldPath, string newPath)
        => Libc.rename(oldPath, newPath) == 0 ? Errno.None : NativeException.Last;

    /// <summary>link(2): a second name for the file; EEXIST if <paramref name="newPath"/> exists (never overwrites).</summary>
    public static Errno Link(string oldPath, string newPath)
        => Libc.link(oldPath, newPath) == 0 ? Errno.None : NativeException.Last;

    public static Errno Unlink(string path)
        => Libc.unlink(path) == 0 ? Errno.None : NativeException.Last;
}
