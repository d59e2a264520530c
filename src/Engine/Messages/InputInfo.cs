namespace Sluice.Engine.Messages;

/// <summary>
/// Per-listener facts every message from it carries: the input name (the `inputname` property), the
/// ruleset it is bound to (null = default ruleset) and how the parser should treat it.
/// </summary>
public sealed class InputInfo
{
    public InputInfo(string inputName, string? rulesetName, bool parseHostname = true)
    {
        InputName = inputName;
        InputNameBytes = System.Text.Encoding.UTF8.GetBytes(inputName);
        RulesetName = rulesetName;
        ParseHostname = parseHostname;
    }

    public string InputName { get; }
    public byte[] InputNameBytes { get; }
    public string? RulesetName { get; }
    /// <summary>Network inputs parse HOSTNAME from the header; the local socket does not (rsyslog PARSE_HOSTNAME).</summary>
    public bool ParseHostname { get; }
    /// <summary>Bound by the runtime when the plan starts; typed loosely to keep Messages free of Scripting.</summary>
    public object? Ruleset { get; set; }

    public static readonly InputInfo Internal = new("rsyslogd", null, parseHostname: false);
}
