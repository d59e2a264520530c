namespace Sluice.Engine.Config.Legacy;

/// <summary>Pieces every legacy action line shares (rsyslog's cflineParseTemplateName and its white-space skipping).</summary>
public static class LegacyLineText
{
    public static int SkipSpace(string s, int p)
    {
        while (p < s.Length && char.IsWhiteSpace(s[p])) p++;
        return p;
    }

    /// <summary>
    /// The optional ";Template" at <paramref name="p"/> (spaces around it allowed): the name runs to white space or a
    /// '#' comment. <paramref name="p"/> ends after it and the spaces that follow; null when there is none.
    /// </summary>
    public static string? TemplateSuffix(string line, ref int p, out int offset)
    {
        p = SkipSpace(line, p);
        string? template = null;
        offset = 0;
        if (p < line.Length && line[p] == ';')
        {
            p = SkipSpace(line, p + 1);
            offset = p;
            while (p < line.Length && line[p] != '#' && !char.IsWhiteSpace(line[p])) p++;
            if (p > offset) template = line[offset..p];
            p = SkipSpace(line, p);
        }
        return template;
    }
}
