using System.Runtime.InteropServices;

namespace Sluice.Native;

/// <summary>
/// Raw libc entry points. Only the typed wrappers in this assembly call them; they turn errno into
/// <see cref="NativeException"/> (cold paths) or into result values (hot paths). "libc" is mapped to the
/// C library's real soname (libc.so.6 on glibc) by the runtime's library loader.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    [LibraryImport(Lib, SetLastError = true)] internal static partial int socket(int domain, int type, int protocol);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int setsockopt(int fd, int level, int name, void* value, uint length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int getsockopt(int fd, int level, int name, void* value, uint* length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int bind(int fd, void* address, uint length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int listen(int fd, int backlog);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int accept4(int fd, void* address, uint* length, int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint recv(int fd, void* buffer, nuint length, int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint send(int fd, void* buffer, nuint length, int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int shutdown(int fd, int how);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int close(int fd);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int getsockname(int fd, void* address, uint* length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int getpeername(int fd, void* address, uint* length);

    [LibraryImport(Lib, SetLastError = true)] internal static partial int epoll_create1(int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int epoll_ctl(int epfd, int op, int fd, void* evt);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int epoll_wait(int epfd, void* events, int maxEvents, int timeoutMs);

    [LibraryImport(Lib, SetLastError = true)] internal static partial int eventfd(uint initial, int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint read(int fd, void* buffer, nuint count);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint write(int fd, void* buffer, nuint count);

    /// <summary>Returns 0 or an EAI_* code (not errno).</summary>
    [LibraryImport(Lib)] internal static partial int getnameinfo(void* address, uint addressLength, byte* host, uint hostLength, byte* service, uint serviceLength, int flags);
}
