namespace Sluice.Engine.Outputs.UserMessage;

/// <summary>
/// Who an omusrmsg action writes to: everyone logged in ("*", wall) or up to 20 user names, read from the
/// users="…" text as omusrmsg.c populateUsers does it. Problems rsyslog logs and skips come back in
/// <see cref="Warnings"/> (the action still works, as in rsyslog).
/// </summary>
public sealed class Recipients
{
    public const int MaxUsers = 20;            // MAXUNAMES
    public const int MaxNameLength = UtmpEntry.FieldSize; // UNAMESZ

    private readonly byte[][] _users;

    private Recipients(bool everyone, byte[][] users, IReadOnlyList<string> warnings)
    {
        Everyone = everyone;
        _users = users;
        Warnings = warnings;
    }

    public bool Everyone { get; }
    public IReadOnlyList<string> Warnings { get; }
    public IEnumerable<string> Users
    {
        get
        {
            foreach (var u in _users) yield return System.Text.Encoding.UTF8.GetString(u);
        }
    }

    /// <summary>"*" is wall; anything else a comma-separated list (whitespace after a comma is skipped, nothing else).</summary>
    public static Recipients Parse(string users)
    {
        if (users == "*") return new Recipients(true, [], []);
        var names = new List<byte[]>();
        var warnings = new List<string>();
        byte[] text = System.Text.Encoding.UTF8.GetBytes(users);
        int p = 0;
        while (p < text.Length && names.Count < MaxUsers)
        {
            int start = p;
            while (p < text.Length && text[p] != (byte)',') p++;
            int length = p - start;
            if (length > MaxNameLength)
                warnings.Add($"omusrmsg: user name '{System.Text.Encoding.UTF8.GetString(text, start, MaxNameLength)}...' too long - ignored");
            else if (length == 0)
                warnings.Add("omusrmsg: no user name given - ignored");
            else
                names.Add(text[start..p]);
            if (p < text.Length)
            {
                p++; // ','
                while (p < text.Length && IsSpace(text[p])) p++;
            }
        }
        if (p < text.Length)
            warnings.Add($"omusrmsg supports only up to {MaxUsers} user names in a single action - all others have been ignored");
        // rsyslog accepts an action without any user silently; Sluice keeps it too (the config still runs) but says so.
        if (names.Count == 0) warnings.Add("omusrmsg: no user names - this action writes to no one");
        return new Recipients(false, names.ToArray(), warnings);
    }

    /// <summary>Whether a logged-in <paramref name="user"/> (utmp ut_user) gets the message.</summary>
    public bool Includes(ReadOnlySpan<byte> user)
    {
        if (Everyone) return true;
        foreach (var name in _users)
            if (user.SequenceEqual(name)) return true;
        return false;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';
}
