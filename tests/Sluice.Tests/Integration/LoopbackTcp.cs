using System.Diagnostics;
using System.Net.Sockets;

namespace Sluice.Tests.Integration;

/// <summary>TCP connections to a daemon under test on 127.0.0.1.</summary>
public static class LoopbackTcp
{
    /// <summary>
    /// Connects, retrying a refused connection for a few seconds: rsyslogd (and a loaded machine) may write the port
    /// file a moment before the socket listens.
    /// </summary>
    public static Socket Connect(int port)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                s.Connect("127.0.0.1", port);
                return s;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused && sw.Elapsed < TimeSpan.FromSeconds(10))
            {
                s.Dispose();
                Thread.Sleep(100);
            }
            catch
            {
                s.Dispose();
                throw;
            }
        }
    }
}
