using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Parsing;

/// <summary>
/// rsyslog's reception sanitizing (runtime/parser.c SanitizeMsg), applied before any field is parsed: a trailing
/// NUL is dropped, then one trailing LF ($DropTrailingLFOnReception), then control characters are escaped as
/// prefix + 3 octal digits ("#011") or C style ("\t", "\x01"). Quirks kept on purpose, each observed with rsyslogd
/// 8.2302: NUL is escaped even with escaping off; with escaping off, other control characters that come after a
/// NUL are dropped while those before it stay raw; DEL (0x7F) is never escaped; the sanitized message is cut
/// once it reaches maxMessageSize-3 bytes.
/// With $SpaceLFOnReceive, rsyslog's pre-scan turns every LF into a space in place and, instead of stopping at the
/// first byte that needs escaping, runs to the end; the copy then restarts one byte before where the scan stopped,
/// so the control characters before the last byte stay unescaped (only an 8-bit byte with
/// $Escape8BitCharactersOnReceive stops the scan early). Kept as rsyslogd 8.2302 does it.
/// Owns a scratch buffer, so an instance serves one thread at a time.
/// </summary>
internal sealed class ReceptionSanitizer
{
    private readonly bool _dropTrailingLf;
    private readonly bool _escapeCc;
    private readonly bool _escapeTab;
    private readonly bool _escape8Bit;
    private readonly bool _cStyle;
    private readonly bool _spaceLf;
    private readonly byte _prefix;
    private readonly int _maxLine;
    private readonly byte[] _scratch;

    public ReceptionSanitizer(GlobalSettings settings)
    {
        _dropTrailingLf = settings.DropTrailingLFOnReception;
        _escapeCc = settings.EscapeControlCharactersOnReceive;
        _escapeTab = settings.EscapeControlCharacterTab;
        _escape8Bit = settings.Escape8BitCharactersOnReceive;
        _cStyle = settings.EscapeControlCharactersCStyle;
        _spaceLf = settings.SpaceLFOnReceive;
        _prefix = settings.ControlCharacterEscapePrefix;
        _maxLine = Math.Max(settings.MaxMessageSize, 4);
        _scratch = new byte[_maxLine];
    }

    public void Sanitize(Message m)
    {
        int len = m.RawLength;
        if (len == 0) return;
        byte[] src = m.Buffer;

        if (src[len - 1] == 0) len--;
        if (_dropTrailingLf && len > 0 && src[len - 1] == (byte)'\n') len--;

        int first = _spaceLf ? ScanSpacingLf(src.AsSpan(0, len)) : FirstToSanitize(new ReadOnlySpan<byte>(src, 0, len));
        if (first < 0)
        {
            m.RawLength = len;
            return;
        }

        // The output may grow four-fold but never beyond maxMessageSize.
        int maxDest = (int)Math.Min((long)len * 4, _maxLine);
        byte[] dst = _scratch;

        // rsyslog restarts one byte before the first byte that needs work and copies the rest as known good.
        int iSrc = first;
        if (iSrc > 0)
        {
            iSrc--;
            if (iSrc > maxDest) iSrc = maxDest;
            src.AsSpan(0, iSrc).CopyTo(dst);
        }
        int iDst = iSrc;

        while (iSrc < len && iDst < maxDest - 3) // room for one more escape sequence
        {
            byte c = src[iSrc++];
            if (c < 32 && (c != (byte)'\t' || _escapeTab))
            {
                // NUL is always escaped; other control characters only when escaping is on, else dropped.
                if (c == 0 || _escapeCc) iDst = Escape(c, dst, iDst);
            }
            else if (c > 127 && _escape8Bit)
            {
                iDst = _cStyle ? HexEscape(c, dst, iDst) : OctalEscape(c, dst, iDst);
            }
            else
            {
                dst[iDst++] = c;
            }
        }

        dst.AsSpan(0, iDst).CopyTo(m.PrepareRaw(iDst)); // note: PrepareRaw resets the flags; the parser restores them
        m.RawLength = iDst;
    }

    /// <summary>The first byte rsyslog's pre-scan flags, or -1 when the message can pass untouched.</summary>
    private int FirstToSanitize(ReadOnlySpan<byte> s)
    {
        if (_escapeCc)
            return _escape8Bit ? s.IndexOfAnyExceptInRange((byte)32, (byte)127) : s.IndexOfAnyInRange((byte)0, (byte)31);

        int nul = s.IndexOf((byte)0);
        if (!_escape8Bit) return nul;
        int high = s.IndexOfAnyInRange((byte)128, (byte)255);
        if (nul < 0) return high;
        return high < 0 ? nul : Math.Min(nul, high);
    }

    /// <summary>
    /// rsyslog's pre-scan with $SpaceLFOnReceive: LF becomes a space in place; the scan goes on past control characters
    /// that need escaping and stops only at an 8-bit byte to escape. Returns where it stopped, or -1 when nothing needs
    /// escaping.
    /// </summary>
    private int ScanSpacingLf(Span<byte> s)
    {
        bool need = false;
        int i;
        for (i = 0; i < s.Length; i++)
        {
            byte c = s[i];
            if (c < 32)
            {
                if (c == (byte)'\n') s[i] = (byte)' ';
                else if (c == 0 || _escapeCc) need = true;
            }
            else if (c > 127 && _escape8Bit)
            {
                need = true;
                break;
            }
        }
        return need ? i : -1;
    }

    private int Escape(byte c, byte[] dst, int i)
    {
        if (!_cStyle) return OctalEscape(c, dst, i);
        byte letter = c switch
        {
            0 => (byte)'0',
            7 => (byte)'a',
            8 => (byte)'b',
            27 => (byte)'e',
            12 => (byte)'f',
            10 => (byte)'n',
            13 => (byte)'r',
            9 => (byte)'t',
            11 => (byte)'v',
            _ => 0,
        };
        if (letter == 0) return HexEscape(c, dst, i);
        dst[i] = (byte)'\\';
        dst[i + 1] = letter;
        return i + 2;
    }

    private int OctalEscape(byte c, byte[] dst, int i)
    {
        dst[i] = _prefix;
        dst[i + 1] = (byte)('0' + ((c & 0xC0) >> 6));
        dst[i + 2] = (byte)('0' + ((c & 0x38) >> 3));
        dst[i + 3] = (byte)('0' + (c & 0x07));
        return i + 4;
    }

    private static int HexEscape(byte c, byte[] dst, int i)
    {
        dst[i] = (byte)'\\';
        dst[i + 1] = (byte)'x';
        dst[i + 2] = HexDigit(c >> 4);
        dst[i + 3] = HexDigit(c & 0xF);
        return i + 4;
    }

    private static byte HexDigit(int v) => (byte)(v < 10 ? '0' + v : 'A' + v - 10);
}
