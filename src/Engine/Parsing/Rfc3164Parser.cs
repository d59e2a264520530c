using Sluice.Engine.Messages;

namespace Sluice.Engine.Parsing;

/// <summary>
/// rsyslog's pmrfc3164 (parse2) with its default instance settings: "[TIMESTAMP] [HOSTNAME SP] TAG MSG".
/// <list type="bullet">
/// <item>After optional SP/TAB, '{' or '[' makes the message headerless: only MSG is set.</item>
/// <item>TIMESTAMP: RFC 3339 first, then RFC 3164, then RFC 3164 after one SP (HP ProCurve); optional.</item>
/// <item>HOSTNAME (only when the input parses hostnames): alnum . _ - up to 511 bytes, ending in an alnum and
/// followed by SP, or running to the end of the message. Otherwise the word is the TAG.</item>
/// <item>TAG: up to the first ':' or SP, at most 510 bytes; a ':' is part of the TAG, a SP starts MSG.</item>
/// </list>
/// After a timestamp with a leading year rsyslog's length counter runs one past the end, so a message that ends
/// inside the TAG gets a NUL byte appended to its TAG (observed with rsyslogd 8.2302: "&lt;13&gt;2026 Nov 22
/// 08:00:00 host" has syslogtag "host\0"); that TAG is stored as derived bytes.
/// </summary>
internal static class Rfc3164Parser
{
    private const int HostnameMax = 511; // CONF_HOSTNAME_MAXSIZE - 1
    private const int TagMax = 510;      // CONF_TAG_MAXSIZE - 2

    public static void Parse(Message m)
    {
        m.ProtocolVersion = 0;
        var c = new ParseCursor(m.Raw, m.AfterPriOffset);

        if (m.Pri == Message.InvalidPri || IsHeaderless(c))
        {
            m.Msg = new TextRange(c.Pos, c.Left);
            return;
        }

        ParseTimestamp(m, ref c);
        if (c.Left > 0 && m.Input.ParseHostname) ParseHostname(m, ref c);
        ParseTag(m, ref c);

        int msgStart = Math.Min(c.Pos, c.Raw.Length);
        m.Msg = new TextRange(msgStart, c.Raw.Length - msgStart);
    }

    private static bool IsHeaderless(ParseCursor c)
    {
        ReadOnlySpan<byte> rest = c.Raw.Slice(c.Pos);
        int i = rest.IndexOfAnyExcept((byte)' ', (byte)'\t');
        return i >= 0 && (rest[i] == (byte)'{' || rest[i] == (byte)'[');
    }

    private static void ParseTimestamp(Message m, ref ParseCursor c)
    {
        if (TimestampParser.TryRfc3339(ref c, out var t)
            || TimestampParser.TryRfc3164(ref c, m.TimeGenerated, out t))
        {
            m.TimeReported = t;
        }
        else if (c.Cur == (byte)' ' && c.Left > 1)
        {
            var shifted = c;
            shifted.Advance();
            if (TimestampParser.TryRfc3164(ref shifted, m.TimeGenerated, out t))
            {
                m.TimeReported = t;
                c = shifted;
            }
        }
    }

    private static void ParseHostname(Message m, ref ParseCursor c)
    {
        int i = 0;
        while (i < c.Left && IsHostnameChar(c.Peek(i)) && i < HostnameMax) i++;

        if (i == c.Left)
        {
            // The message ends with the hostname: still a hostname.
            m.Hostname = new TextRange(c.Pos, i);
            c.Advance(i);
        }
        else if (i > 0 && IsAlnum(c.Peek(i - 1)) && c.Peek(i) == (byte)' ')
        {
            m.Hostname = new TextRange(c.Pos, i);
            c.Advance(i + 1);
        }
    }

    private static void ParseTag(Message m, ref ParseCursor c)
    {
        int start = c.Pos;
        int n = 0;
        while (c.Left > 0 && c.Cur != (byte)':' && c.Cur != (byte)' ' && n < TagMax)
        {
            c.Advance();
            n++;
        }
        if (c.Left > 0 && c.Cur == (byte)':')
        {
            c.Advance();
            n++;
        }

        int inRaw = c.Raw.Length - start;
        if (n <= inRaw)
        {
            m.Tag = new TextRange(start, n);
            return;
        }

        // The counter ran past the end: rsyslog copied its NUL terminator into the TAG.
        var tag = m.AppendDerived(n, out var range);
        m.Buffer.AsSpan(start, inRaw).CopyTo(tag);
        tag.Slice(inRaw).Clear();
        m.Tag = range;
    }

    private static bool IsHostnameChar(byte b) => IsAlnum(b) || b == (byte)'.' || b == (byte)'_' || b == (byte)'-';

    private static bool IsAlnum(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 'z' - 'a';
}
