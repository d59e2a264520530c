namespace Sluice.Engine.Scripting;

/// <summary>
/// Compiles a legacy selector ("*.*;auth,authpriv.none", "mail.=info", "kern.!err") into a
/// <see cref="PriFilter"/> exactly as rsyslog's DecodePRIFilter (runtime/conf.c) does, oddities included:
/// selectors apply left to right and later ones change earlier masks, a facility given as a number is
/// shifted right by 3 ("mail,3.info" selects kern), a priority list ends at the first '.', and a trailing
/// ';' reads past the end in rsyslog, which then reports 'unknown priority name ""' — reproduced as that
/// error. The results were compared with the masks rsyslogd 8.2302 prints with -d.
/// </summary>
public static class PriSelector
{
    /// <summary>The filter, or null with <paramref name="error"/> and the offset of the bad name set.</summary>
    public static PriFilter? Decode(string selector, out string? error, out int errorOffset)
    {
        error = null;
        errorOffset = 0;
        var masks = new byte[PriFilter.FacilityCount];
        string s = selector;
        int p = 0;
        while (p < s.Length && s[p] is not ('\t' or ' '))
        {
            // The facility list ends at the first '.' (or tab) of the rest of the line.
            int q = p;
            while (q < s.Length && s[q] != '\t')
                if (s[q++] == '.') break;

            int priorityStart = q;
            while (q < s.Length && s[q] is not (',' or ';' or '\t' or ' ')) q++;
            string priority = s[priorityStart..q];

            bool overrun = false;
            if (q < s.Length)
                while (true)
                {
                    if (q == s.Length)
                    {
                        overrun = true;
                        break;
                    }
                    if (s[q] is not (',' or ';')) break;
                    q++;
                }

            bool ignore = priority.StartsWith('!');
            if (ignore) priority = priority[1..];
            bool single = priority.StartsWith('=');
            int pri = SyslogNames.DecodeSeverity(single ? priority[1..] : priority);
            if (pri < 0)
            {
                error = $"unknown priority name \"{priority}\"";
                errorOffset = priorityStart;
                return null;
            }

            while (p < s.Length && s[p] is not ('\t' or ' ' or '.' or ';'))
            {
                int nameStart = p;
                while (p < s.Length && s[p] is not ('\t' or ' ' or ',' or ';' or '.')) p++;
                string facility = s[nameStart..p];
                if (facility.StartsWith('*'))
                {
                    for (int i = 0; i < masks.Length; i++) masks[i] = Apply(masks[i], pri, single, ignore);
                }
                else
                {
                    int code = SyslogNames.DecodeFacility(facility);
                    int index = code >> 3;
                    if (code < 0 || index >= masks.Length)
                    {
                        error = $"unknown facility name \"{facility}\"";
                        errorOffset = nameStart;
                        return null;
                    }
                    masks[index] = Apply(masks[index], pri, single, ignore);
                }
                while (p < s.Length && s[p] is ',' or ' ') p++;
            }

            if (overrun)
            {
                // rsyslog skips the terminating NUL here and decodes whatever follows in memory.
                error = "unknown priority name \"\"";
                errorOffset = s.Length;
                return null;
            }
            p = q;
        }

        var filter = new PriFilter();
        for (int i = 0; i < masks.Length; i++) filter.SetMask(i, masks[i]);
        return filter;
    }

    // C semantics: int arithmetic truncated to the unsigned char mask; shifts by 32 or more wrap like x86
    // (C# masks the shift count the same way).
    private static byte Apply(byte mask, int pri, bool single, bool ignore)
    {
        if (pri == SyslogNames.NoPriority) return ignore ? (byte)0xFF : (byte)0;
        if (single) return ignore ? unchecked((byte)(mask & ~(1 << pri))) : unchecked((byte)(mask | (1 << pri)));
        if (pri == SyslogNames.AllPriorities) return ignore ? (byte)0 : (byte)0xFF;
        int m = mask;
        // Bits repeat every 32 shifts, so looping further than 31 changes nothing.
        for (int i = 0; i <= Math.Min(pri, 31); i++) m = ignore ? m & ~(1 << i) : m | (1 << i);
        return unchecked((byte)m);
    }
}
