namespace Sluice.Engine.Regex;

/// <summary>The pattern does not compile; the message is glibc's regerror text.</summary>
public sealed class RegexCompileException : Exception
{
    public RegexCompileException(string pattern, string reason)
        : base($"invalid regular expression '{pattern}': {reason}")
    {
        Pattern = pattern;
        Reason = reason;
    }

    public string Pattern { get; }
    public string Reason { get; }
}
