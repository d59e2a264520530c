namespace Sluice.Engine.Templates;

/// <summary>
/// option.sql, option.stdsql and option.json on one property value (template.c doEscape), in place at the end of the
/// buffer. Like rsyslog it works on the value as a C string: an escaped value ends at its first NUL.
/// </summary>
internal static class TemplateEscaping
{
    /// <remarks>
    /// rsyslog keeps the value's length plus the escapes added, but builds the new value from the C string only: a
    /// value with a NUL (a TAG ending in rsyslog's terminator, see PropertyReplacer) keeps its length, and what
    /// followed the NUL is replaced by what follows the new string's terminator — here NUL bytes (rsyslogd 8.2302
    /// writes "host\0" for such a TAG with option.json).
    /// </remarks>
    public static void Apply(ByteBuffer dest, int start, TemplateOption option)
    {
        var value = CString(dest, start);
        if (!NeedsEscaping(value, option)) return;
        int count = option == TemplateOption.Json ? value.Count((byte)'"') + value.Count((byte)'\\')
            : option == TemplateOption.Sql ? value.Count((byte)'\'') + value.Count((byte)'\\')
            : value.Count((byte)'\'');
        int length = value.Length;
        int afterNul = dest.Length - start - length;
        dest.GetSpan(count);
        dest.Advance(count);
        var buf = dest.RawArray;
        buf.AsSpan(start + length + count, afterNul).Clear();
        // Expand from the back so that nothing is overwritten before it is read.
        int w = start + length + count;
        for (int r = start + length - 1; r >= start; r--)
        {
            byte c = buf[r];
            buf[--w] = c;
            if (IsSpecial(c, option)) buf[--w] = option == TemplateOption.StdSql ? (byte)'\'' : (byte)'\\';
        }
    }

    /// <summary>
    /// rsyslog's check whether anything must be done. For json it is inverted by a bug: it skips leading '"' and '\'
    /// and escapes only when some other character follows, so a value made of nothing but quotes and backslashes
    /// (or an empty one) is left as it is — rsyslogd 8.2302 writes a lone "" unescaped.
    /// </summary>
    private static bool NeedsEscaping(ReadOnlySpan<byte> value, TemplateOption option) => option switch
    {
        TemplateOption.Json => value.IndexOfAnyExcept((byte)'"', (byte)'\\') >= 0,
        TemplateOption.Sql => value.IndexOfAny((byte)'\'', (byte)'\\') >= 0,
        _ => value.IndexOf((byte)'\'') >= 0,
    };

    private static bool IsSpecial(byte c, TemplateOption option) => option switch
    {
        TemplateOption.Json => c == (byte)'"' || c == (byte)'\\',
        TemplateOption.Sql => c == (byte)'\'' || c == (byte)'\\',
        _ => c == (byte)'\'',
    };

    private static Span<byte> CString(ByteBuffer dest, int start)
    {
        var value = dest.RawArray.AsSpan(start, dest.Length - start);
        int nul = value.IndexOf((byte)0);
        return nul < 0 ? value : value.Slice(0, nul);
    }
}
