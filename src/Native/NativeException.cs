using System.Runtime.InteropServices;

namespace Sluice.Native;

/// <summary>A libc call failed: which call, and the errno it left.</summary>
public sealed class NativeException : Exception
{
    public NativeException(string call, Errno errno)
        : base($"{call} failed: {Describe(errno)} (errno {(int)errno})")
    {
        Call = call;
        Errno = errno;
    }

    public NativeException(string call, Errno errno, string detail)
        : base($"{call} failed for {detail}: {Describe(errno)} (errno {(int)errno})")
    {
        Call = call;
        Errno = errno;
    }

    /// <summary>The libc function, e.g. "bind".</summary>
    public string Call { get; }
    public Errno Errno { get; }

    /// <summary>strerror() text, e.g. "Address already in use".</summary>
    public static string Describe(Errno errno) => Marshal.GetPInvokeErrorMessage((int)errno);

    /// <summary>The errno of the last [LibraryImport(SetLastError=true)] call on this thread.</summary>
    internal static Errno Last => (Errno)Marshal.GetLastPInvokeError();
}
