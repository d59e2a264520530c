using System.Runtime.InteropServices;

namespace Sluice.Native;

internal static unsafe partial class Libc
{
    /// <summary>open(2) with a NUL-terminated byte path (file names need not be valid UTF-8).</summary>
    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true)]
    internal static partial int open_bytes(byte* path, int flags, uint mode);

    [LibraryImport(Lib, SetLastError = true)] internal static partial int mkdir(byte* path, uint mode);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int chown(byte* path, uint owner, uint group);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int fchown(int fd, uint owner, uint group);
    [LibraryImport(Lib)] internal static partial uint umask(uint mask);

    /// <summary>Returns 0 or an errno value (not through errno); *result is null when there is no such user.</summary>
    [LibraryImport(Lib)] internal static partial int getpwnam_r(byte* name, Passwd* pwd, byte* buffer, nuint length, Passwd** result);

    /// <summary>Returns 0 or an errno value (not through errno); *result is null when there is no such group.</summary>
    [LibraryImport(Lib)] internal static partial int getgrnam_r(byte* name, Group* grp, byte* buffer, nuint length, Group** result);

    /// <summary>glibc's struct passwd (LP64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Passwd
    {
        public byte* Name;
        public byte* Password;
        public uint Uid;
        public uint Gid;
        public byte* Gecos;
        public byte* Dir;
        public byte* Shell;
    }

    /// <summary>glibc's struct group (LP64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Group
    {
        public byte* Name;
        public byte* Password;
        public uint Gid;
        public byte** Members;
    }
}

/// <summary>
/// Creating files and directories that belong to a configured owner, as omfile's fileOwner/dirOwner do: paths are
/// bytes (a file name built from message data need not be valid UTF-8), a file is created exclusively so that only
/// a file this process created gets its owner changed, and user and group names are resolved with the reentrant
/// getpwnam_r/getgrnam_r. Calls return the errno (EINTR retried) and never allocate; only the name lookups and
/// <see cref="Describe"/> are cold paths.
/// </summary>
public static unsafe class Ownership
{
    /// <summary>"leave unchanged" for chown(2): (uid_t)-1 / (gid_t)-1.</summary>
    public const int Unchanged = -1;

    /// <summary>Linux PATH_MAX, including the terminating NUL.</summary>
    public const int PathMax = 4096;

    public const Errno ENAMETOOLONG = (Errno)36;

    /// <summary>open(2) of an existing file for appending (<see cref="Files.AppendFlags"/> without O_CREAT).</summary>
    public static Errno OpenExisting(ReadOnlySpan<byte> path, out int fd) =>
        Open(path, Files.AppendFlags & ~Files.O_CREAT, 0, out fd);

    /// <summary>
    /// open(2) for appending that creates the file only if it does not exist yet (O_EXCL): EEXIST when it does.
    /// The file gets <paramref name="createMode"/> less the umask.
    /// </summary>
    public static Errno CreateNew(ReadOnlySpan<byte> path, uint createMode, out int fd) =>
        Open(path, Files.AppendFlags | O_EXCL, createMode, out fd);

    /// <summary>open(2) for appending, creating the file when missing (what omfile does without an owner to set).</summary>
    public static Errno OpenOrCreate(ReadOnlySpan<byte> path, uint createMode, out int fd) =>
        Open(path, Files.AppendFlags, createMode, out fd);

    /// <summary>mkdir(2) with <paramref name="mode"/> less the umask; EEXIST when the directory (or a file) is there.</summary>
    public static Errno MakeDirectory(ReadOnlySpan<byte> path, uint mode)
    {
        byte* p = stackalloc byte[PathMax];
        if (!Terminate(path, p)) return ENAMETOOLONG;
        while (true)
        {
            if (Libc.mkdir(p, mode) == 0) return Errno.None;
            var e = NativeException.Last;
            if (e != Errno.EINTR) return e;
        }
    }

    /// <summary>chown(2); <see cref="Unchanged"/> leaves the owner or the group as it is.</summary>
    public static Errno Chown(ReadOnlySpan<byte> path, int uid, int gid)
    {
        byte* p = stackalloc byte[PathMax];
        if (!Terminate(path, p)) return ENAMETOOLONG;
        while (true)
        {
            if (Libc.chown(p, (uint)uid, (uint)gid) == 0) return Errno.None;
            var e = NativeException.Last;
            if (e != Errno.EINTR) return e;
        }
    }

    /// <summary>fchown(2); <see cref="Unchanged"/> leaves the owner or the group as it is.</summary>
    public static Errno Fchown(int fd, int uid, int gid)
    {
        while (true)
        {
            if (Libc.fchown(fd, (uint)uid, (uint)gid) == 0) return Errno.None;
            var e = NativeException.Last;
            if (e != Errno.EINTR) return e;
        }
    }

    /// <summary>umask(2): sets the process's file mode creation mask and returns the previous one.</summary>
    public static UnixFileMode SetUmask(UnixFileMode mask) => (UnixFileMode)Libc.umask((uint)mask & 0x1FF);

    /// <summary>The uid of user <paramref name="name"/>; None, ENOENT when there is no such user, or the lookup's errno.</summary>
    public static Errno LookupUser(string name, out int uid)
    {
        uid = Unchanged;
        byte[] n = NameBytes(name);
        for (int size = 16 * 1024; size <= 1 << 22; size *= 4)
        {
            var buffer = new byte[size];
            Libc.Passwd pwd;
            Libc.Passwd* result = null;
            int rc;
            fixed (byte* np = n)
            fixed (byte* bp = buffer)
                rc = Libc.getpwnam_r(np, &pwd, bp, (nuint)size, &result);
            if (rc == (int)Errno.ERANGE) continue;
            if (rc != 0) return (Errno)rc;
            if (result == null) return Errno.ENOENT;
            uid = (int)pwd.Uid;
            return Errno.None;
        }
        return Errno.ERANGE;
    }

    /// <summary>The gid of group <paramref name="name"/>; None, ENOENT when there is no such group, or the lookup's errno.</summary>
    public static Errno LookupGroup(string name, out int gid)
    {
        gid = Unchanged;
        byte[] n = NameBytes(name);
        for (int size = 16 * 1024; size <= 1 << 22; size *= 4)
        {
            var buffer = new byte[size];
            Libc.Group grp;
            Libc.Group* result = null;
            int rc;
            fixed (byte* np = n)
            fixed (byte* bp = buffer)
                rc = Libc.getgrnam_r(np, &grp, bp, (nuint)size, &result);
            if (rc == (int)Errno.ERANGE) continue;
            if (rc != 0) return (Errno)rc;
            if (result == null) return Errno.ENOENT;
            gid = (int)grp.Gid;
            return Errno.None;
        }
        return Errno.ERANGE;
    }

    /// <summary>strerror() text of <paramref name="errno"/>.</summary>
    public static string Describe(Errno errno) => NativeException.Describe(errno);

    private const int O_EXCL = 0x80;

    private static Errno Open(ReadOnlySpan<byte> path, int flags, uint mode, out int fd)
    {
        fd = -1;
        byte* p = stackalloc byte[PathMax];
        if (!Terminate(path, p)) return ENAMETOOLONG;
        while (true)
        {
            fd = Libc.open_bytes(p, flags, mode);
            if (fd >= 0) return Errno.None;
            var e = NativeException.Last;
            if (e != Errno.EINTR) return e;
        }
    }

    /// <summary>Copies <paramref name="path"/> and a NUL into <paramref name="into"/> (PathMax bytes).</summary>
    private static bool Terminate(ReadOnlySpan<byte> path, byte* into)
    {
        if (path.Length >= PathMax) return false;
        path.CopyTo(new Span<byte>(into, PathMax));
        into[path.Length] = 0;
        return true;
    }

    private static byte[] NameBytes(string name)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(name) + 1];
        System.Text.Encoding.UTF8.GetBytes(name, bytes);
        return bytes;
    }
}
