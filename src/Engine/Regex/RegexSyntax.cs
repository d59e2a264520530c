namespace Sluice.Engine.Regex;

/// <summary>The POSIX regular expression dialects (regcomp without and with REG_EXTENDED).</summary>
public enum RegexSyntax : byte
{
    /// <summary>BRE: rsyslog's default for templates and the property filter "regex".</summary>
    Basic,
    /// <summary>ERE: "R,ERE" in templates, the property filter "ereregex", re_match() and re_extract().</summary>
    Extended,
}
