using Sluice.Engine.Messages;

namespace Sluice.Engine.Parsing;

/// <summary>
/// rsyslog's pmrfc5424: "VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD SP MSG", taken when
/// the text after the PRI starts with "1 ". Fields are read up to the next SP without validation. Quirks kept,
/// each observed with rsyslogd 8.2302: an invalid TIMESTAMP stops field parsing and MSG starts right after "1 ";
/// "-" as TIMESTAMP means "use the reception time"; a STRUCTURED-DATA field that starts with neither '[' nor '-'
/// yields the MSGID's value as STRUCTURED-DATA and MSG starts at that field; an unterminated SD ("[abc") keeps
/// all but its last byte, which starts MSG; only one SP after the SD is eaten (two SPs after "]" leave
/// one at the start of MSG; the C source of some versions eats both).
/// </summary>
internal static class Rfc5424Parser
{
    public static bool Matches(Message m)
    {
        ReadOnlySpan<byte> s = m.Raw.Slice(m.AfterPriOffset);
        return s.Length >= 2 && s[0] == (byte)'1' && s[1] == (byte)' ';
    }

    public static void Parse(Message m)
    {
        m.ProtocolVersion = 1;
        var c = new ParseCursor(m.Raw, m.AfterPriOffset + 2);

        bool fields = true;
        if (c.Left >= 2 && c.Cur == (byte)'-' && c.Peek(1) == (byte)' ')
            c.Advance(2); // NILVALUE: TimeReported stays unset, consumers use TimeGenerated
        else if (TimestampParser.TryRfc3339(ref c, out var reported))
            m.TimeReported = reported;
        else
            fields = false;

        if (fields)
        {
            m.Hostname = Field(ref c);
            m.AppName = Field(ref c);
            m.ProcId = Field(ref c);
            m.MsgId = Field(ref c);
            m.StructuredData = StructuredData(ref c, m.MsgId);
        }
        m.Msg = new TextRange(c.Pos, c.Raw.Length - c.Pos);
    }

    /// <summary>Bytes up to the next SP (or the end); the SP is consumed.</summary>
    private static TextRange Field(ref ParseCursor c)
    {
        int start = c.Pos;
        int n = c.Raw.Slice(start, c.Left).IndexOf((byte)' ');
        if (n < 0) n = c.Left;
        c.Advance(n);
        if (c.Left > 0) c.Advance(); // the SP
        return new TextRange(start, n);
    }

    private static TextRange StructuredData(ref ParseCursor c, TextRange msgId)
    {
        // Not SD: rsyslog copies its field buffer unchanged, which still holds the MSGID.
        if (c.Left == 0 || (c.Cur != (byte)'[' && c.Cur != (byte)'-')) return msgId;

        int start = c.Pos;
        int end;
        if (c.Cur == (byte)'-')
        {
            c.Advance();
            end = c.Pos;
        }
        else
        {
            while (true)
            {
                if (c.Left < 2)
                {
                    if (c.Left > 0 && c.Cur == (byte)']') c.Advance();
                    end = c.Pos; // an unterminated element loses its last byte to MSG
                    break;
                }
                byte b = c.Cur;
                byte next = c.Peek(1);
                if (b == (byte)'\\' && next == (byte)']')
                {
                    c.Advance(2);
                }
                else if (b == (byte)']' && next == (byte)' ')
                {
                    c.Advance(); // the SP is eaten below, once
                    end = c.Pos;
                    break;
                }
                else
                {
                    c.Advance();
                }
            }
        }

        if (c.Left > 0 && c.Cur == (byte)' ') c.Advance();
        return new TextRange(start, end - start);
    }
}
