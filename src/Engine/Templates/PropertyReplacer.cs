namespace Sluice.Engine.Templates;

/// <summary>
/// The property replacer's transformations (rsyslog msg.c MsgGetProp after the getter), applied in place to
/// a value just written at the end of a buffer. Order and quirks follow rsyslog: substring, sp-if-no-1st-sp,
/// case, control characters, secure path, drop-last-lf, compressspace, csv/json.
/// </summary>
public static class PropertyReplacer
{
    /// <param name="dest">The buffer; the value is [<paramref name="start"/>, dest.Length).</param>
    /// <param name="privateCopy">Whether rsyslog would hold the value in its own allocated copy (see secpath-replace).</param>
    public static void Apply(ByteBuffer dest, int start, bool privateCopy, ReplacerOptions o)
    {
        bool priv = privateCopy;
        if (o.FromPos != 0 || o.ToPos != 0) priv = Substring(dest, start, o, priv);

        int len = dest.Length - start;
        if (len > 0 && o.SpIfNo1stSp)
        {
            // Outputs one SP if the value does not start with one, else nothing; never the value itself.
            byte first = dest.RawArray[start];
            dest.Truncate(start);
            if (first != (byte)' ') dest.Append((byte)' ');
            len = dest.Length - start;
            priv = false;
        }

        if (len > 0)
        {
            if (o.Case != CaseConversion.None)
            {
                ConvertCase(dest.RawArray.AsSpan(start, len), o.Case == CaseConversion.Upper);
                priv = true;
            }
            // Only one control character treatment applies; rsyslog checks them in this order.
            if (o.DropCC)
            {
                if (Compact(dest, start, dropSlash: false)) priv = true;
            }
            else if (o.SpaceCC)
            {
                var s = dest.RawArray.AsSpan(start, len);
                for (int i = 0; i < s.Length; i++)
                    if (IsControl(s[i])) s[i] = (byte)' ';
                priv = true;
            }
            else if (o.EscapeCC)
            {
                if (dest.RawArray.AsSpan(start, len).IndexOfAnyInRange((byte)0, (byte)31) >= 0 ||
                    dest.RawArray.AsSpan(start, len).IndexOf((byte)127) >= 0)
                {
                    Encode(dest, start, len * 4, Encoding.EscapeCC);
                    priv = true;
                }
            }
        }

        if (o.SecPathDrop || o.SecPathReplace) SecurePath(dest, start, o.SecPathDrop, priv);

        if (o.DropLastLF && !o.EscapeCC)
        {
            len = dest.Length - start;
            if (len > 0 && dest.RawArray[start + len - 1] == (byte)'\n') dest.Truncate(start + len - 1);
        }

        if (o.CompressSpace) CompressSpaces(dest, start);

        if (o.Format == ReplacerFormat.Csv) Encode(dest, start, (dest.Length - start) * 2 + 2, Encoding.Csv);
        else if (o.Format == ReplacerFormat.Json) Encode(dest, start, (dest.Length - start) * 6, Encoding.Json);
    }

    private static bool IsControl(byte c) => c < 32 || c == 127;

    /// <summary>fromChar/toChar (1-based, or counted from the end), with fixed-width padding.</summary>
    private static bool Substring(ByteBuffer dest, int start, ReplacerOptions o, bool priv)
    {
        int len = dest.Length - start;
        int from = o.FromPos, to = o.ToPos;
        if (o.PosEndRelative)
        {
            from = len < from ? 0 : len - from;
            to = len < to ? 0 : len - to;
        }
        else
        {
            if (from > 0) from--;
            if (to > 0) to--;
        }

        if (from >= len)
        {
            dest.Truncate(start);
            return false;
        }
        if (from == 0 && to >= len && !o.FixedWidth) return priv; // the whole value: nothing to do

        if (to >= len && !o.FixedWidth) to = len - 1;
        int n = to - from + 1;
        int available = Math.Min(n, len - from);
        var buf = dest.RawArray;
        Buffer.BlockCopy(buf, start + from, buf, start, available);
        dest.Truncate(start + available);
        if (n > available)
        {
            // fixed-width: pad with spaces up to the requested width.
            dest.GetSpan(n - available).Slice(0, n - available).Fill((byte)' ');
            dest.Advance(n - available);
        }
        return true;
    }

    private static void ConvertCase(Span<byte> s, bool upper)
    {
        for (int i = 0; i < s.Length; i++)
        {
            byte c = s[i];
            if (upper) { if (c >= (byte)'a' && c <= (byte)'z') s[i] = (byte)(c - 32); }
            else if (c >= (byte)'A' && c <= (byte)'Z') s[i] = (byte)(c + 32);
        }
    }

    /// <summary>Removes control characters (or '/'), in place; true when anything was removed.</summary>
    private static bool Compact(ByteBuffer dest, int start, bool dropSlash)
    {
        var s = dest.RawArray.AsSpan(start, dest.Length - start);
        int w = 0;
        for (int r = 0; r < s.Length; r++)
        {
            byte c = s[r];
            bool drop = dropSlash ? c == (byte)'/' : IsControl(c);
            if (!drop) s[w++] = c;
        }
        if (w == s.Length) return false;
        dest.Truncate(start + w);
        return true;
    }

    /// <summary>
    /// secpath-drop removes '/', secpath-replace turns it into '_'; then an empty value becomes "_", "." becomes
    /// "_" and ".." becomes "_.". rsyslog's in-place replace loop (used when it already holds a private copy,
    /// e.g. after a substring) skips the character after each '/', so "a//b" becomes "a_/b"; reproduced.
    /// </summary>
    private static void SecurePath(ByteBuffer dest, int start, bool drop, bool priv)
    {
        if (drop)
        {
            Compact(dest, start, dropSlash: true);
        }
        else
        {
            var s = dest.RawArray.AsSpan(start, dest.Length - start);
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] != (byte)'/') continue;
                s[i] = (byte)'_';
                if (priv) i++;
            }
        }

        var v = dest.RawArray.AsSpan(start, dest.Length - start);
        if (v.Length == 0)
        {
            dest.Append((byte)'_');
        }
        else if (v.Length == 1 && v[0] == (byte)'.')
        {
            v[0] = (byte)'_';
        }
        else if (v.Length == 2 && v[0] == (byte)'.' && v[1] == (byte)'.')
        {
            v[0] = (byte)'_';
        }
    }

    /// <summary>Runs of spaces become one space.</summary>
    private static void CompressSpaces(ByteBuffer dest, int start)
    {
        var s = dest.RawArray.AsSpan(start, dest.Length - start);
        if (s.IndexOf("  "u8) < 0) return;
        int w = 0;
        bool hadSpace = false;
        for (int r = 0; r < s.Length; r++)
        {
            byte c = s[r];
            if (c == (byte)' ')
            {
                if (hadSpace) continue;
                hadSpace = true;
            }
            else
            {
                hadSpace = false;
            }
            s[w++] = c;
        }
        dest.Truncate(start + w);
    }

    private enum Encoding { EscapeCC, Csv, Json }

    /// <summary>Re-encodes the value (growing it): written after it, then moved back into place.</summary>
    private static void Encode(ByteBuffer dest, int start, int worstCase, Encoding encoding)
    {
        int len = dest.Length - start;
        var output = dest.GetSpan(worstCase); // may reallocate: read the source only afterwards
        var source = new ReadOnlySpan<byte>(dest.RawArray, start, len);
        int w = encoding switch
        {
            Encoding.EscapeCC => EscapeControl(source, output),
            Encoding.Csv => Csv(source, output),
            _ => Json(source, output),
        };
        output.Slice(0, w).CopyTo(dest.RawArray.AsSpan(start));
        if (w >= len) dest.Advance(w - len);
        else dest.Truncate(start + w);
    }

    /// <summary>escape-cc: '#' and the byte's value as three decimal digits (TAB → "#009").</summary>
    private static int EscapeControl(ReadOnlySpan<byte> s, Span<byte> o)
    {
        int w = 0;
        foreach (byte c in s)
        {
            if (!IsControl(c))
            {
                o[w++] = c;
                continue;
            }
            o[w++] = (byte)'#';
            o[w++] = (byte)('0' + c / 100);
            o[w++] = (byte)('0' + c / 10 % 10);
            o[w++] = (byte)('0' + c % 10);
        }
        return w;
    }

    /// <summary>csv: RFC 4180, always double-quoted, quotes doubled.</summary>
    private static int Csv(ReadOnlySpan<byte> s, Span<byte> o)
    {
        int w = 0;
        o[w++] = (byte)'"';
        foreach (byte c in s)
        {
            if (c == (byte)'"') o[w++] = (byte)'"';
            o[w++] = c;
        }
        o[w++] = (byte)'"';
        return w;
    }

    /// <summary>
    /// json: escapes '"', '\', '/' and control characters; other bytes (UTF-8 included) pass as they are
    /// (rsyslog jsonAddVal with escapeAll).
    /// </summary>
    private static int Json(ReadOnlySpan<byte> s, Span<byte> o)
    {
        int w = 0;
        foreach (byte c in s)
        {
            if (c >= 0x20 && c != (byte)'"' && c != (byte)'\\' && c != (byte)'/')
            {
                o[w++] = c;
                continue;
            }
            o[w++] = (byte)'\\';
            switch (c)
            {
                case (byte)'"': o[w++] = (byte)'"'; break;
                case (byte)'/': o[w++] = (byte)'/'; break;
                case (byte)'\\': o[w++] = (byte)'\\'; break;
                case 0x08: o[w++] = (byte)'b'; break;
                case 0x0c: o[w++] = (byte)'f'; break;
                case (byte)'\n': o[w++] = (byte)'n'; break;
                case (byte)'\r': o[w++] = (byte)'r'; break;
                case (byte)'\t': o[w++] = (byte)'t'; break;
                default:
                    o[w++] = (byte)'u';
                    o[w++] = (byte)'0';
                    o[w++] = (byte)'0';
                    o[w++] = Hex(c >> 4);
                    o[w++] = Hex(c & 15);
                    break;
            }
        }
        return w;
    }

    private static byte Hex(int v) => (byte)(v < 10 ? '0' + v : 'A' + v - 10);
}
