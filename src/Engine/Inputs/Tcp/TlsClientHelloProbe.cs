namespace Sluice.Engine.Inputs.Tcp;

/// <summary>
/// rsyslog's check for a TLS client talking to a plain listener (tcps_sess.c maybeDetectTlsClientHello /
/// isLikelyTlsClientHello, 8.2510+): the first 5 bytes of a session, gathered across reads if needed, are
/// tested for a TLS handshake record header.
/// </summary>
internal struct TlsClientHelloProbe
{
    private const int HeaderLength = 5;
    private ulong _bytes;
    private int _count;

    /// <summary>True once 5 bytes were seen (whatever the verdict): later reads skip the probe.</summary>
    public bool Done { get; private set; }

    /// <summary>Takes bytes from the start of a read; returns true when the 5-byte header is complete and looks like TLS.</summary>
    public bool Feed(ReadOnlySpan<byte> data)
    {
        int i = 0;
        while (_count < HeaderLength && i < data.Length)
        {
            _bytes |= (ulong)data[i++] << (8 * _count);
            _count++;
        }
        if (_count < HeaderLength) return false;
        Done = true;
        return IsLikelyClientHello();
    }

    private readonly bool IsLikelyClientHello()
    {
        byte b0 = Byte(0), b1 = Byte(1), b2 = Byte(2);
        int recordLength = (Byte(3) << 8) | Byte(4);
        return b0 == 0x16            // handshake record
            && b1 == 0x03            // TLS major version
            && b2 <= 0x04            // TLS 1.0 … 1.3
            && recordLength >= 40 && recordLength <= 16384;
    }

    private readonly byte Byte(int i) => (byte)(_bytes >> (8 * i));
}
