using System.Net;
using System.Net.Sockets;

namespace Sluice.Tests.Integration;

/// <summary>One TCP sender to 127.0.0.1: chunked sends, a graceful close that waits for the daemon to have
/// read everything, and detection of the daemon closing the connection.</summary>
public sealed class TestConnection : IDisposable
{
    private readonly Socket _socket;

    private TestConnection(Socket s) { _socket = s; }

    public static async Task<TestConnection> ConnectAsync(int port, TimeSpan timeout)
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await s.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cts.Token);
        }
        catch
        {
            s.Dispose();
            throw;
        }
        return new TestConnection(s);
    }

    /// <summary>Sends all of <paramref name="data"/> in chunks of <paramref name="chunk"/> bytes, yielding between
    /// chunks so that many connections interleave.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> data, CancellationToken ct, int chunk = 16 * 1024)
    {
        for (int off = 0; off < data.Length;)
        {
            int n = await _socket.SendAsync(data.Slice(off, Math.Min(chunk, data.Length - off)), SocketFlags.None, ct);
            off += n;
        }
    }

    /// <summary>Blocking send of everything (for the simple, single-connection cases).</summary>
    public void Send(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0) data = data[_socket.Send(data)..];
    }

    /// <summary>
    /// Half-closes (FIN) and waits until the daemon closes its side, which it does once it has read the whole
    /// stream. Returns false if that did not happen within the timeout.
    /// </summary>
    public async Task<bool> CloseGracefullyAsync(TimeSpan timeout)
    {
        try { _socket.Shutdown(SocketShutdown.Send); }
        catch (SocketException) { return true; } // already reset by the peer: it is closed
        return await WaitClosedByPeerAsync(timeout);
    }

    /// <summary>True once the peer closed or reset the connection (reads return 0 or fail).</summary>
    public async Task<bool> WaitClosedByPeerAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        byte[] sink = new byte[4096];
        try
        {
            while (await _socket.ReceiveAsync(sink, SocketFlags.None, cts.Token) > 0) { }
            return true;
        }
        catch (SocketException) { return true; }
        catch (OperationCanceledException) { return false; }
    }

    public void Dispose() => _socket.Dispose();
}
