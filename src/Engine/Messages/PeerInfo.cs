namespace Sluice.Engine.Messages;

/// <summary>
/// Who sent a message: made once per session (or per UDP sender) and shared by all its messages, so the
/// per-message cost of fromhost/fromhost-ip/fromhost-port is one reference.
/// </summary>
public sealed class PeerInfo
{
    public PeerInfo(byte[] fromHost, byte[] fromHostIp, byte[] fromHostPort)
    {
        FromHost = fromHost;
        FromHostIp = fromHostIp;
        FromHostPort = fromHostPort;
    }

    public byte[] FromHost { get; }
    public byte[] FromHostIp { get; }
    public byte[] FromHostPort { get; }

    public static readonly PeerInfo Local = new("localhost"u8.ToArray(), "127.0.0.1"u8.ToArray(), Array.Empty<byte>());
}
