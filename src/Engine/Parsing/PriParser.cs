using Sluice.Engine.Messages;

namespace Sluice.Engine.Parsing;

/// <summary>
/// rsyslog's ParsePRI (runtime/parser.c). "&lt;N&gt;" with N of 0..191 (leading zeros allowed; "&lt;&gt;" reads as
/// 0, as in rsyslog) sets <see cref="Message.Pri"/> and the offset after it. No '&lt;' at the start: pri 13 and
/// the whole message is parsed. A '&lt;' without a valid number and '&gt;': <see cref="Message.InvalidPri"/>
/// and offset 0; rsyslogd 8.2302 then leaves the message unparsed (pmrfc3164 skips facility "invld").
/// </summary>
internal static class PriParser
{
    private const int MaxPri = 191; // LOG_LOCAL7|LOG_DEBUG

    public static void Parse(Message m)
    {
        ReadOnlySpan<byte> s = m.Raw;
        m.Pri = 13;
        m.AfterPriOffset = 0;
        if (s.Length == 0 || s[0] != (byte)'<') return;

        int pri = 0;
        int p = 0;
        int left = s.Length;
        // Same evaluation order as rsyslog: length, then digit, then the range guard.
        while (--left > 0)
        {
            p++;
            uint digit = (uint)(s[p] - '0');
            if (digit > 9 || pri > MaxPri) break;
            pri = pri * 10 + (int)digit;
        }

        if (s[p] == (byte)'>' && pri <= MaxPri)
        {
            m.Pri = pri;
            m.AfterPriOffset = p + 1;
        }
        else
        {
            m.Pri = Message.InvalidPri;
        }
    }
}
