using System.Runtime.InteropServices;
using System.Text;
using NativeRegex = Sluice.Native.PosixRegex;

namespace Sluice.Engine.Regex;

/// <summary>
/// A POSIX regular expression compiled and run by glibc (regcomp/regexec), as rsyslog runs its template, filter and
/// re_match()/re_extract() regexes, so dialect and leftmost-longest semantics are rsyslog's exactly.
/// <para>
/// A subject is matched as C sees it: copied into a reusable per-thread buffer and NUL-terminated, so matching stops
/// at the first NUL byte (as rsyslog's does on its C strings) and allocates nothing once the buffer has grown.
/// Offsets in <see cref="RegexGroup"/> are relative to the span given. Safe to use from several threads at once.
/// </para>
/// </summary>
public sealed unsafe class PosixRegex : IDisposable
{
    /// <summary>regexec's group array size rsyslog uses for templates (pmatch[10]): the whole match and nine groups.</summary>
    public const int TemplateGroups = 10;

    [ThreadStatic] private static byte[]? _scratch;

    private readonly NativeRegex _compiled;

    private PosixRegex(NativeRegex compiled, string pattern, RegexSyntax syntax, bool ignoreCase)
    {
        _compiled = compiled;
        Pattern = pattern;
        Syntax = syntax;
        IgnoreCase = ignoreCase;
        GroupCount = compiled.SubexpressionCount;
    }

    public string Pattern { get; }
    public RegexSyntax Syntax { get; }
    public bool IgnoreCase { get; }

    /// <summary>Number of parenthesized groups (not counting the whole match).</summary>
    public int GroupCount { get; }

    /// <summary>Compiles <paramref name="pattern"/> (its UTF-8 bytes); cold path.</summary>
    /// <exception cref="RegexCompileException">With regerror's reason.</exception>
    public static PosixRegex Compile(string pattern, RegexSyntax syntax, bool ignoreCase = false)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(pattern) + 1];
        Encoding.UTF8.GetBytes(pattern, bytes);
        int flags = (syntax == RegexSyntax.Extended ? NativeRegex.REG_EXTENDED : 0) | (ignoreCase ? NativeRegex.REG_ICASE : 0);
        var compiled = NativeRegex.Compile(bytes, flags, out string? error);
        if (compiled is null) throw new RegexCompileException(pattern, error ?? "unknown error");
        return new PosixRegex(compiled, pattern, syntax, ignoreCase);
    }

    /// <summary>Whether the pattern matches anywhere in the subject (up to its first NUL).</summary>
    public bool IsMatch(ReadOnlySpan<byte> subject) => Match(subject, Span<RegexGroup>.Empty);

    /// <summary>
    /// Finds the leftmost(-longest) match. On success <paramref name="groups"/>[0] is the whole match and [i] group i
    /// (Start -1 when it did not take part, also for indexes beyond <see cref="GroupCount"/>).
    /// </summary>
    public bool Match(ReadOnlySpan<byte> subject, Span<RegexGroup> groups)
    {
        byte[] scratch = Scratch(subject.Length + 1);
        subject.CopyTo(scratch);
        scratch[subject.Length] = 0;
        var matches = MemoryMarshal.Cast<RegexGroup, Native.RegexMatch>(groups);
        fixed (byte* s = scratch)
            return _compiled.Execute(s, matches, 0) == 0;
    }

    private static byte[] Scratch(int size)
    {
        var scratch = _scratch;
        if (scratch is null || scratch.Length < size)
        {
            int capacity = 256;
            while (capacity < size) capacity *= 2;
            _scratch = scratch = new byte[capacity];
        }
        return scratch;
    }

    public void Dispose() => _compiled.Dispose();
}
