using System.Runtime.InteropServices;

namespace Sluice.Native;

internal static unsafe partial class Libc
{
    [LibraryImport(Lib)] internal static partial int regcomp(void* preg, byte* pattern, int cflags);
    [LibraryImport(Lib)] internal static partial int regexec(void* preg, byte* subject, nuint nmatch, RegexMatch* pmatch, int eflags);
    [LibraryImport(Lib)] internal static partial void regfree(void* preg);
    [LibraryImport(Lib)] internal static partial nuint regerror(int errcode, void* preg, byte* buffer, nuint size);
}

/// <summary>glibc's regmatch_t: byte offsets of a (sub)match, -1 when the group did not take part.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct RegexMatch
{
    public int Start;
    public int End;
}

/// <summary>
/// A regex_t compiled by glibc's regcomp(3), in native memory (it holds pointers into glibc's own allocations, so it
/// must not move). Released with regfree(3). rsyslog compiles its template and filter regexes with the same calls,
/// which is why Sluice uses them rather than .NET's engine: the dialect (POSIX BRE/ERE, leftmost-longest) is the same.
/// </summary>
public sealed unsafe class PosixRegex : SafeHandle
{
    /// <summary>sizeof(regex_t) on x86_64 glibc; re_nsub is the size_t at offset 48.</summary>
    private const int RegexTSize = 64;
    private const int ReNsubOffset = 48;

    public const int REG_EXTENDED = 1;
    public const int REG_ICASE = 2;
    public const int REG_NEWLINE = 4;
    public const int REG_NOSUB = 8;
    public const int REG_NOMATCH = 1;

    private PosixRegex() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Number of parenthesized subexpressions (regex_t.re_nsub).</summary>
    public int SubexpressionCount => (int)*(nuint*)((byte*)handle + ReNsubOffset);

    /// <summary>
    /// regcomp(3) on a NUL-terminated pattern. On failure returns null and sets <paramref name="error"/> to
    /// regerror(3)'s text; cold path.
    /// </summary>
    public static PosixRegex? Compile(ReadOnlySpan<byte> nulTerminatedPattern, int cflags, out string? error)
    {
        if (nulTerminatedPattern.IsEmpty || nulTerminatedPattern[^1] != 0)
            throw new ArgumentException("the pattern must end with a NUL byte", nameof(nulTerminatedPattern));
        void* preg = NativeMemory.AllocZeroed(RegexTSize);
        int rc;
        fixed (byte* p = nulTerminatedPattern) rc = Libc.regcomp(preg, p, cflags);
        if (rc != 0)
        {
            byte* buffer = stackalloc byte[256];
            nuint n = Libc.regerror(rc, preg, buffer, 256);
            error = new string((sbyte*)buffer, 0, (int)Math.Min(n, 256) - 1);
            // glibc frees its partial state on failure; regfree on a failed regex_t is still safe and frees nothing twice.
            Libc.regfree(preg);
            NativeMemory.Free(preg);
            return null;
        }
        error = null;
        var compiled = new PosixRegex();
        compiled.SetHandle((IntPtr)preg);
        return compiled;
    }

    /// <summary>
    /// regexec(3) on a NUL-terminated subject: 0 on a match (groups filled, unused ones -1), REG_NOMATCH otherwise.
    /// glibc serializes concurrent regexec calls on one regex_t with its own lock, so this is thread-safe.
    /// </summary>
    public int Execute(byte* nulTerminatedSubject, Span<RegexMatch> groups, int eflags)
    {
        bool added = false;
        try
        {
            DangerousAddRef(ref added);
            fixed (RegexMatch* g = groups)
                return Libc.regexec((void*)handle, nulTerminatedSubject, (nuint)groups.Length, groups.Length == 0 ? null : g, eflags);
        }
        finally
        {
            if (added) DangerousRelease();
        }
    }

    protected override bool ReleaseHandle()
    {
        Libc.regfree((void*)handle);
        NativeMemory.Free((void*)handle);
        return true;
    }
}
