using System.Net;
using System.Text;
using Sluice.Native;
using static Sluice.Native.SocketConstants;

namespace Sluice.Tests.Inputs.Udp;

/// <summary>The recvmmsg vector imudp reads with: batches bounded by the vector, senders and truncation reported.</summary>
public class DatagramVectorTests
{
    [Fact]
    public void OneCallTakesUpToTheVectorLengthOfQueuedDatagrams()
    {
        int rx = Sockets.Create(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK);
        int tx = Sockets.Create(AF_INET, SOCK_DGRAM);
        using var vector = new DatagramVector(32, 64);
        try
        {
            Sockets.Bind(rx, SockAddr.FromIPAddress(IPAddress.Loopback, 0));
            Sockets.Bind(tx, SockAddr.FromIPAddress(IPAddress.Loopback, 0));
            var to = Sockets.GetSockName(rx);
            int txPort = Sockets.GetSockName(tx).Port;
            for (int i = 0; i < 50; i++)
            {
                var data = Encoding.ASCII.GetBytes(i == 7 ? new string('L', 100) : $"d{i}");
                Assert.Equal(data.Length, (int)ClientSockets.SendTo(tx, data, to, out _));
            }

            Assert.Equal(32, vector.Receive(rx, 32, out var e, out bool fallback));
            Assert.False(fallback);
            Assert.Equal(Errno.None, e);
            Assert.Equal("d0", Encoding.ASCII.GetString(vector.Data(0)));
            Assert.Equal(txPort, vector.From(0).Port);
            Assert.Equal("127.0.0.1", vector.From(31).ToIPAddress().ToString());
            Assert.True(vector.Truncated(7));
            Assert.Equal(new string('L', 64), Encoding.ASCII.GetString(vector.Data(7)));
            Assert.False(vector.Truncated(8));

            Assert.Equal(10, vector.Receive(rx, 10, out _, out _)); // a smaller request is honoured
            Assert.Equal("d32", Encoding.ASCII.GetString(vector.Data(0)));
            Assert.Equal(8, vector.Receive(rx, 32, out _, out _));
            Assert.Equal("d49", Encoding.ASCII.GetString(vector.Data(7)));
            Assert.Equal(-1, vector.Receive(rx, 32, out e, out _));
            Assert.Equal(Errno.EAGAIN, e);
        }
        finally
        {
            Sockets.Close(rx);
            Sockets.Close(tx);
        }
    }

    [Fact]
    public void RecvfromReportsTheSenderAndTheFullLength()
    {
        int rx = Sockets.Create(AF_INET, SOCK_DGRAM);
        int tx = Sockets.Create(AF_INET, SOCK_DGRAM);
        try
        {
            Sockets.Bind(rx, SockAddr.FromIPAddress(IPAddress.Loopback, 0));
            Sockets.Bind(tx, SockAddr.FromIPAddress(IPAddress.Loopback, 0));
            ClientSockets.SendTo(tx, "hello datagram"u8, Sockets.GetSockName(rx), out _);
            var buf = new byte[5];
            nint n = UdpSockets.ReceiveFrom(rx, buf, UdpSockets.MSG_TRUNC, out var from, out var e);
            Assert.Equal(Errno.None, e);
            Assert.Equal(14, (int)n); // MSG_TRUNC: the real length, though only 5 bytes were stored
            Assert.Equal("hello", Encoding.ASCII.GetString(buf));
            Assert.Equal(Sockets.GetSockName(tx).Port, from.Port);
        }
        finally
        {
            Sockets.Close(rx);
            Sockets.Close(tx);
        }
    }
}
