namespace Sluice.Engine.Parsing;

/// <summary>
/// A read position plus rsyslog's separately tracked "length left". rsyslog parses a NUL-terminated buffer and
/// its length counter can run one ahead of the real end (ParseTIMESTAMP3164 forgets to count the SP after a
/// leading year), so reads past the end must yield the terminating NUL, as they do in rsyslog.
/// </summary>
internal ref struct ParseCursor
{
    public readonly ReadOnlySpan<byte> Raw;
    public int Pos;
    public int Left;

    public ParseCursor(ReadOnlySpan<byte> raw, int pos)
    {
        Raw = raw;
        Pos = pos;
        Left = raw.Length - pos;
    }

    /// <summary>The byte at the position, or 0 past the end (rsyslog's NUL terminator).</summary>
    public readonly byte Cur => (uint)Pos < (uint)Raw.Length ? Raw[Pos] : (byte)0;

    public readonly byte Peek(int ahead)
    {
        int i = Pos + ahead;
        return (uint)i < (uint)Raw.Length ? Raw[i] : (byte)0;
    }

    public void Advance(int n = 1)
    {
        Pos += n;
        Left -= n;
    }

    /// <summary>rsyslog's srSLMGParseInt32: digits while length is left, stopping before int overflow.</summary>
    public int ParseInt()
    {
        int v = 0;
        while (Left > 0 && (uint)(Cur - '0') <= 9 && v < int.MaxValue / 10 - 1)
        {
            v = v * 10 + (Cur - '0');
            Advance();
        }
        return v;
    }

    /// <summary>The C idiom "if(len == 0 || *p++ != c) fail; --len;".</summary>
    public bool Expect(byte c)
    {
        if (Left == 0) return false;
        byte b = Cur;
        Pos++;
        if (b != c) return false;
        Left--;
        return true;
    }
}
