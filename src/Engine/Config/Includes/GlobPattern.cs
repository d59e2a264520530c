namespace Sluice.Engine.Config.Includes;

/// <summary>
/// glob(3) as rsyslog calls it for include files (GLOB_MARK | GLOB_NOMAGIC): '*', '?', '[…]' per path component,
/// a leading '.' only matched by a literal '.', matches sorted (byte order: rsyslogd runs in the C locale),
/// directories marked with a trailing '/'. A pattern without wildcards is returned as it is (GLOB_NOMAGIC),
/// whether or not it exists; a pattern with wildcards that matches nothing gives no names.
/// </summary>
public static class GlobPattern
{
    public static bool HasWildcards(string pattern) => pattern.IndexOfAny(['*', '?', '[']) >= 0;

    public static List<string> Expand(string pattern)
    {
        if (!HasWildcards(pattern)) return [pattern];
        bool absolute = pattern.StartsWith('/');
        var parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var found = new List<string> { absolute ? "/" : "" };
        for (int i = 0; i < parts.Length; i++)
        {
            string part = parts[i];
            bool last = i == parts.Length - 1;
            var next = new List<string>();
            foreach (var prefix in found)
            {
                if (!HasWildcards(part))
                {
                    string candidate = prefix + Unescape(part);
                    if (last ? Exists(candidate) : Directory.Exists(candidate)) next.Add(candidate);
                    continue;
                }
                string dir = prefix.Length == 0 ? "." : prefix;
                if (!Directory.Exists(dir)) continue;
                IEnumerable<string> entries;
                try
                {
                    entries = Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).OfType<string>().ToList();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue; // glob(3) without GLOB_ERR skips unreadable directories
                }
                foreach (var name in entries)
                {
                    if (!Matches(part, name)) continue;
                    string candidate = prefix + name;
                    if (last || Directory.Exists(candidate)) next.Add(candidate);
                }
            }
            // Directories found on the way are prefixes of the next component.
            found = last ? next : next.Select(static p => p.EndsWith('/') ? p : p + "/").ToList();
        }
        var result = new List<string>(found.Count);
        foreach (var f in found) result.Add(Directory.Exists(f) && !f.EndsWith('/') ? f + "/" : f);
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    private static string Unescape(string part) => part.Contains('\\') ? part.Replace("\\", "", StringComparison.Ordinal) : part;

    /// <summary>fnmatch(3) with FNM_PERIOD for one path component.</summary>
    public static bool Matches(string pattern, string name)
    {
        if (name.StartsWith('.') && !pattern.StartsWith('.') && !pattern.StartsWith("\\.", StringComparison.Ordinal)) return false;
        return Match(pattern, 0, name, 0);
    }

    private static bool Match(string p, int pi, string s, int si)
    {
        while (pi < p.Length)
        {
            char c = p[pi];
            switch (c)
            {
                case '*':
                    while (pi < p.Length && p[pi] == '*') pi++;
                    if (pi == p.Length) return true;
                    for (int k = si; k <= s.Length; k++)
                        if (Match(p, pi, s, k)) return true;
                    return false;
                case '?':
                    if (si >= s.Length) return false;
                    pi++;
                    si++;
                    break;
                case '[':
                    int end = ClassEnd(p, pi);
                    if (end < 0) goto default; // no closing ']': a literal '['
                    if (si >= s.Length || !InClass(p, pi + 1, end, s[si])) return false;
                    pi = end + 1;
                    si++;
                    break;
                case '\\' when pi + 1 < p.Length:
                    if (si >= s.Length || s[si] != p[pi + 1]) return false;
                    pi += 2;
                    si++;
                    break;
                default:
                    if (si >= s.Length || s[si] != c) return false;
                    pi++;
                    si++;
                    break;
            }
        }
        return si == s.Length;
    }

    /// <summary>Index of the ']' closing the class opened at <paramref name="open"/>, or -1.</summary>
    private static int ClassEnd(string p, int open)
    {
        int i = open + 1;
        if (i < p.Length && p[i] is '!' or '^') i++;
        if (i < p.Length && p[i] == ']') i++; // a leading ']' is a member
        while (i < p.Length && p[i] != ']') i++;
        return i < p.Length ? i : -1;
    }

    private static bool InClass(string p, int start, int end, char c)
    {
        bool negate = p[start] is '!' or '^';
        if (negate) start++;
        bool hit = false;
        for (int i = start; i < end; i++)
        {
            if (i + 2 < end && p[i + 1] == '-')
            {
                if (c >= p[i] && c <= p[i + 2]) hit = true;
                i += 2;
            }
            else if (p[i] == c)
            {
                hit = true;
            }
        }
        return hit != negate;
    }
}
