using Sluice.Engine.Config.Legacy;

namespace Sluice.Engine.Outputs.UserMessage;

/// <summary>
/// A legacy user-message action, decoded as omusrmsg.c parseSelectorAct does it: ":omusrmsg:*", ":omusrmsg:root,admin",
/// and the older bare forms "*" and "root,admin" (a name starting with [A-Za-z0-9_]; rsyslog warns that the bare
/// form is outdated). ";Template" may follow. rsyslog keeps spaces before ';' as part of the last name (which then
/// never matches); Sluice trims them.
/// </summary>
public sealed record LegacyUserMessageAction
{
    public const string Prefix = ":omusrmsg:";

    /// <summary>"*" or the user list text, for the users parameter.</summary>
    public string Users { get; init; } = "";
    public int UsersOffset { get; init; }
    public string? Template { get; init; }
    public int TemplateOffset { get; init; }
    /// <summary>The bare (outdated) form: rsyslog's warning is due.</summary>
    public bool Outdated { get; init; }
    public string? Error { get; init; }
    public int ErrorOffset { get; init; }

    /// <summary>Whether omusrmsg claims the line (after omfile and omfwd had their turn, as in rsyslog's module order).</summary>
    public static bool IsUserMessage(string line)
    {
        if (line.StartsWith(Prefix, StringComparison.Ordinal)) return true;
        if (line.Length == 0) return false;
        char c = line[0];
        // rsyslog's omusrmsg also takes a leading '.', but Sluice's omfile reads "./path" first (LegacyAction), as before.
        return char.IsAsciiLetterOrDigit(c) || c is '_' or '*';
    }

    public static LegacyUserMessageAction Parse(string line)
    {
        bool outdated = !line.StartsWith(Prefix, StringComparison.Ordinal);
        int p = outdated ? 0 : Prefix.Length;
        int usersStart = p;
        string users;
        if (p < line.Length && line[p] == '*')
        {
            users = "*";
            p++;
        }
        else
        {
            while (p < line.Length && line[p] != ';') p++;
            users = line[usersStart..p].TrimEnd(); // may be empty: rsyslog accepts that (Recipients warns)
        }

        string? template = LegacyLineText.TemplateSuffix(line, ref p, out int templateOffset);
        if (p < line.Length && line[p] != '#')
            return Invalid(p, $"unexpected text in the user message action: '{line[p..].TrimEnd()}'");
        return new LegacyUserMessageAction
        {
            Users = users, UsersOffset = usersStart, Template = template, TemplateOffset = templateOffset, Outdated = outdated,
        };
    }

    private static LegacyUserMessageAction Invalid(int offset, string message) => new() { Error = message, ErrorOffset = offset };

    private static int SkipSpace(string s, int p) => LegacyLineText.SkipSpace(s, p);
}
