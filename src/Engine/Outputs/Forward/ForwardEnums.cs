namespace Sluice.Engine.Outputs.Forward;

/// <summary>omfwd protocol="udp|tcp".</summary>
public enum ForwardProtocol { Udp, Tcp }

/// <summary>omfwd tcp_framing: "traditional" (delimiter after each message) or "octet-counted" (LEN SP MSG).</summary>
public enum TcpFraming { Traditional, OctetCounted }

/// <summary>omfwd compression.mode.</summary>
public enum ForwardCompression
{
    None,
    /// <summary>Per message: 'z' + zlib, when it pays off (rsyslog's legacy compression).</summary>
    Single,
    /// <summary>The whole TCP connection is one zlib stream or zstd frame.</summary>
    StreamAlways,
}
