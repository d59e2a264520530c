using Sluice.Engine.Regex;

namespace Sluice.Engine.Templates;

/// <summary>
/// The property replacer's first step (msg.c MsgGetProp): taking one delimited field, or a regex match, out of the
/// value. Both see the value as a C string (up to its first NUL), in place at the end of the buffer.
/// </summary>
internal static class ValueExtraction
{
    public static ReadOnlySpan<byte> FieldNotFound => "**FIELD NOT FOUND**"u8;
    private static ReadOnlySpan<byte> NoMatch => "**NO MATCH**"u8;

    /// <summary>
    /// Keeps field <see cref="ReplacerOptions.FieldNumber"/> (1-based, split at every delimiter byte: empty fields
    /// count). False when the value has fewer fields; rsyslog then renders "**FIELD NOT FOUND**" and skips every
    /// other option.
    /// </summary>
    public static bool Field(ByteBuffer dest, int start, ReplacerOptions o)
    {
        var value = CString(dest, start);
        byte delimiter = o.FieldDelimiter;
        int field = 1, p = 0;
        while (p < value.Length && field < o.FieldNumber)
        {
            int next = value.Slice(p).IndexOf(delimiter);
            if (next < 0)
            {
                p = value.Length;
                break;
            }
            p += next + 1;
            field++;
        }
        if (field != o.FieldNumber) return false;
        int length = value.Slice(p).IndexOf(delimiter);
        if (length < 0) length = value.Length - p;
        value.Slice(p, length).CopyTo(dest.RawArray.AsSpan(start));
        dest.Truncate(start + length);
        return true;
    }

    /// <summary>
    /// Replaces the value with match <see cref="ReplacerOptions.RegexMatch"/> (each next one searched from the end of
    /// the previous) or its group <see cref="ReplacerOptions.RegexSubmatch"/>. Returns whether the value is now a
    /// private copy in rsyslog's terms (see <see cref="PropertyReplacer.Apply"/>).
    /// </summary>
    public static bool Regex(ByteBuffer dest, int start, ReplacerOptions o, bool privateCopy)
    {
        var re = o.Regex!;
        Span<RegexGroup> groups = stackalloc RegexGroup[PosixRegex.TemplateGroups];
        var subject = CString(dest, start);
        int offset = 0, tries = 0;
        bool found = false;
        while (true)
        {
            if (!re.Match(subject.Slice(offset), groups) || !groups[0].Success) break;
            // An empty match at the start does not move on: rsyslog would find the same one again and again until
            // the wanted number is reached, so it is the result.
            if (tries == o.RegexMatch || groups[0].End == 0)
            {
                found = true;
                break;
            }
            offset += groups[0].End;
            tries++;
        }

        if (!found)
        {
            if (o.RegexNoMatch == RegexNoMatch.Field) return privateCopy;
            dest.Truncate(start);
            if (o.RegexNoMatch == RegexNoMatch.Default) dest.Append(NoMatch);
            else if (o.RegexNoMatch == RegexNoMatch.Zero) dest.Append((byte)'0');
            return false;
        }

        // A group that did not take part gives an empty value whatever the no-match mode: rsyslog picks its
        // no-match text and then copies the group's 0 bytes over it.
        var g = groups[o.RegexSubmatch];
        int length = g.Success ? g.Length : 0;
        if (length > 0) subject.Slice(offset + g.Start, length).CopyTo(dest.RawArray.AsSpan(start));
        dest.Truncate(start + length);
        return true;
    }

    private static Span<byte> CString(ByteBuffer dest, int start)
    {
        var value = dest.RawArray.AsSpan(start, dest.Length - start);
        int nul = value.IndexOf((byte)0);
        return nul < 0 ? value : value.Slice(0, nul);
    }
}
