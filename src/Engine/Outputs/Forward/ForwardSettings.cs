using Sluice.Engine.Compression;

namespace Sluice.Engine.Outputs.Forward;

/// <summary>One omfwd action's settings, validated and resolved (see <see cref="ForwardOutputModule"/> for the parameters).</summary>
public sealed record ForwardSettings
{
    public required string Target { get; init; }
    public int Port { get; init; } = 514;
    /// <summary>The port as written (rsyslog names the stats object with it).</summary>
    public string PortText { get; init; } = "514";
    public ForwardProtocol Protocol { get; init; } = ForwardProtocol.Udp;
    public TcpFraming Framing { get; init; } = TcpFraming.Traditional;
    public byte FrameDelimiter { get; init; } = (byte)'\n';
    public ForwardCompression Compression { get; init; } = ForwardCompression.None;
    public CompressionDriver CompressionDriver { get; init; } = CompressionDriver.Zlib;
    /// <summary>zlib/zstd level; rsyslog's code default is 9 (its documentation says 0).</summary>
    public int ZipLevel { get; init; } = 9;
    public bool FlushOnTxEnd { get; init; } = true;
    /// <summary>0 = off. TCP: reconnect every N messages; UDP: new socket (new source port) every N messages.</summary>
    public int RebindInterval { get; init; }
    public bool ResendLastOnReconnect { get; init; }
    public bool KeepAlive { get; init; }
    public int KeepAliveProbes { get; init; }
    public int KeepAliveTime { get; init; }
    public int KeepAliveInterval { get; init; }
    /// <summary>UDP source address (rsyslog 8.2302 ignores it for TCP, with a warning).</summary>
    public string? SourceAddress { get; init; }
    public bool UdpSendToAll { get; init; }
    /// <summary>Microseconds to pause after each UDP datagram.</summary>
    public int UdpSendDelayMicroseconds { get; init; }
    /// <summary>SO_SNDBUF for UDP sockets; 0 = the system default.</summary>
    public int UdpSendBufferSize { get; init; }
    /// <summary>
    /// When binding to `address` fails with EADDRNOTAVAIL: 0 = fail, 1 = retry with IP_FREEBIND, 2 (default) =
    /// retry with IP_FREEBIND and log a warning (rsyslog's net.c).
    /// </summary>
    public int IpFreeBind { get; init; } = 2;
    /// <summary>Log only every Nth "remote server closed connection" error (0/1 = all).</summary>
    public int ConErrSkip { get; init; }
    /// <summary>Before sending on an established TCP connection, peek whether the peer has closed it.</summary>
    public bool ExtendedConnectionCheck { get; init; } = true;
    /// <summary>Rendered messages are cut to this length before compression and framing (global maxMessageSize).</summary>
    public int MaxMessageSize { get; init; } = 8096;

    /// <summary>rsyslog's stats object name: protocol first, e.g. "TCP-logs.example.net-514".</summary>
    public string StatsName => $"{(Protocol == ForwardProtocol.Tcp ? "TCP" : "UDP")}-{Target}-{PortText}";
}
