using Sluice.Engine.Messages;

namespace Sluice.Engine.Modifiers;

/// <summary>mmutf8fix's mode parameter: "utf-8" (default) or "controlcharacters".</summary>
public enum Utf8FixMode : byte
{
    /// <summary>Replaces every byte of an invalid UTF-8 sequence.</summary>
    Utf8,
    /// <summary>Replaces every byte outside printable US-ASCII (below 32 or above 126).</summary>
    ControlCharacters,
}

/// <summary>
/// mmutf8fix: replaces, in place, the bytes of MSG that are not valid UTF-8 (or, in controlcharacters mode, not
/// printable US-ASCII) with the replacement character, so MSG keeps its length.
/// <para>
/// The UTF-8 walk is rsyslog's (plugins/mmutf8fix doUTF8) as rsyslogd 8.2302 runs it, checked byte for byte against
/// it: a sequence cut short by a byte that is no continuation loses the bytes seen so far and that byte starts anew;
/// a complete sequence that is overlong, a UTF-16 surrogate or above U+10FFFF loses all its bytes; stray
/// continuation bytes and 5/6-byte leads are replaced one by one; a sequence cut by the end of MSG loses what is
/// there. Only MSG is changed (later rsyslog versions also fix the TAG; 8.2302 does not).
/// </para>
/// </summary>
public sealed class Utf8Fixer : MessageModifier
{
    public Utf8Fixer(Utf8FixMode mode, byte replacement)
    {
        Mode = mode;
        Replacement = replacement;
    }

    public Utf8FixMode Mode { get; }
    public byte Replacement { get; }

    public override void Modify(Message message)
    {
        var range = message.Msg;
        if (range.Length <= 0) return;
        var msg = message.Buffer.AsSpan(range.Start, range.Length);
        if (Mode == Utf8FixMode.ControlCharacters) FixControlCharacters(msg, Replacement);
        else FixUtf8(msg, Replacement);
    }

    public static void FixControlCharacters(Span<byte> msg, byte replacement)
    {
        for (int i = 0; i < msg.Length; i++)
            if (msg[i] < 32 || msg[i] > 126) msg[i] = replacement;
    }

    public static void FixUtf8(Span<byte> msg, byte replacement)
    {
        int bytesLeft = 0, start = 0;
        uint codepoint = 0;
        int i;
        for (i = 0; i < msg.Length; i++)
        {
            byte c = msg[i];
            if (bytesLeft > 0)
            {
                if ((c & 0xC0) == 0x80)
                {
                    codepoint = (codepoint << 6) | (uint)(c & 0x3F);
                    if (--bytesLeft == 0)
                    {
                        int length = i - start + 1;
                        bool overlong = (length == 2 && codepoint < 0x80) || (length == 3 && codepoint < 0x800) ||
                                        (length == 4 && codepoint < 0x10000);
                        if (overlong || codepoint is >= 0xD800 and <= 0xDFFF || codepoint > 0x10FFFF)
                            Invalidate(msg, start, length, replacement);
                    }
                    continue;
                }
                // Not a continuation: the bytes so far are invalid, and this byte starts anew.
                Invalidate(msg, start, i - start, replacement);
                bytesLeft = 0;
            }

            if ((c & 0x80) == 0)
            {
                // US-ASCII
            }
            else if ((c & 0xE0) == 0xC0)
            {
                start = i;
                bytesLeft = 1;
                codepoint = (uint)(c & 0x1F);
            }
            else if ((c & 0xF0) == 0xE0)
            {
                start = i;
                bytesLeft = 2;
                codepoint = (uint)(c & 0x0F);
            }
            else if ((c & 0xF8) == 0xF0)
            {
                start = i;
                bytesLeft = 3;
                codepoint = (uint)(c & 0x07);
            }
            else
            {
                msg[i] = replacement; // a stray continuation byte, or a 5/6-byte lead (forbidden by RFC 3629)
            }
        }
        if (bytesLeft > 0) Invalidate(msg, start, i - start, replacement); // cut by the end of MSG
    }

    /// <summary>rsyslog's fixInvldMBSeq: replaces <paramref name="count"/> bytes from <paramref name="start"/>.</summary>
    private static void Invalidate(Span<byte> msg, int start, int count, byte replacement) =>
        msg.Slice(start, Math.Min(count, msg.Length - start)).Fill(replacement);
}
