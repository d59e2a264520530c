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
/// The UTF-8 walk is rsyslog's (plugins/mmutf8fix doUTF8), byte for byte, checked against rsyslogd 8.2302,
/// including its quirks: overlong forms (other than C0/C1 leads) and UTF-16 surrogates pass; a sequence cut short
/// loses as many bytes from its lead on as the lead announced continuation bytes (which can include the byte that
/// cut it; the byte after those is looked at again); a code point above U+10FFFF loses all but its last byte.
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
        int seqLength = 0, bytesLeft = 0, start = 0;
        uint codepoint = 0;
        for (int i = 0; i < msg.Length; i++)
        {
            byte c = msg[i];
            if (bytesLeft > 0)
            {
                if ((c & 0xC0) != 0x80)
                {
                    // Not a continuation: the sequence is invalid.
                    i = Invalidate(msg, start, seqLength, replacement) - 1;
                    bytesLeft = 0;
                }
                else
                {
                    codepoint = (codepoint << 6) | (uint)(c & 0x3F);
                    if (--bytesLeft == 0 && codepoint > 0x10FFFF) Invalidate(msg, start, seqLength, replacement);
                }
                continue;
            }

            if ((c & 0x80) == 0)
            {
                // US-ASCII
            }
            else if ((c & 0xE0) == 0xC0)
            {
                if (c == 0xC0 || c == 0xC1) msg[i] = replacement; // overlong 2-byte leads
                else
                {
                    start = i;
                    seqLength = bytesLeft = 1;
                    codepoint = (uint)(c & 0x1F);
                }
            }
            else if ((c & 0xF0) == 0xE0)
            {
                start = i;
                seqLength = bytesLeft = 2;
                codepoint = (uint)(c & 0x0F);
            }
            else if ((c & 0xF8) == 0xF0)
            {
                start = i;
                seqLength = bytesLeft = 3;
                codepoint = (uint)(c & 0x07);
            }
            else
            {
                msg[i] = replacement; // a stray continuation byte, or a 5/6-byte lead (forbidden by RFC 3629)
            }

            if (i + bytesLeft >= msg.Length)
            {
                // The rest of MSG cannot hold the whole character.
                Invalidate(msg, start, seqLength, replacement);
                i = msg.Length - 1;
            }
        }
    }

    /// <summary>rsyslog's fixInvldMBSeq: replaces <paramref name="seqLength"/> bytes from <paramref name="start"/>; returns the end.</summary>
    private static int Invalidate(Span<byte> msg, int start, int seqLength, byte replacement)
    {
        int end = Math.Min(start + seqLength, msg.Length);
        msg[start..end].Fill(replacement);
        return end;
    }
}
