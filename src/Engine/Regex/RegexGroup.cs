namespace Sluice.Engine.Regex;

/// <summary>
/// Where a match or a parenthesized group lies in the subject, in bytes; <see cref="Start"/> is -1 when the group
/// did not take part in the match. Same layout as glibc's regmatch_t, so regexec fills these directly.
/// </summary>
public readonly struct RegexGroup
{
    public RegexGroup(int start, int end)
    {
        Start = start;
        End = end;
    }

    public int Start { get; }
    public int End { get; }
    public bool Success => Start >= 0;
    public int Length => End - Start;
}
