using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Outputs.Forward;

/// <summary>Forwarding is on the per-message path: in steady state a batch's Add and Commit allocate nothing.</summary>
public sealed class ForwardAllocationTests
{
    [Theory]
    [InlineData("tcp", "none")]
    [InlineData("tcp-octet", "none")]
    [InlineData("tcp", "stream:always")]
    [InlineData("tcp-zstd", "stream:always")]
    [InlineData("udp", "none")]
    public void SteadyStateForwardingAllocatesNothing(string transport, string compression)
    {
        var kit = new ForwardTestKit();
        using var listener = new TestTcpListener();
        using var udpSink = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        udpSink.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        bool udp = transport == "udp";
        // Drain the sink on another thread (its allocations don't count): a full receive buffer would make
        // sendto fail under load, and the error path logs (a string), which is not what is measured here.
        using var stopDrain = new CancellationTokenSource();
        var drain = new Thread(() =>
        {
            var buffer = new byte[65536];
            udpSink.ReceiveTimeout = 100;
            while (!stopDrain.IsCancellationRequested)
            {
                try { udpSink.Receive(buffer); }
                catch (System.Net.Sockets.SocketException) { }
                catch (ObjectDisposedException) { return; }
            }
        }) { IsBackground = true };
        if (udp) drain.Start();
        int port = udp ? ((System.Net.IPEndPoint)udpSink.LocalEndPoint!).Port : listener.Port;
        var parameters = new List<(string, object)> { ("target", "127.0.0.1"), ("port", port.ToString()), ("protocol", udp ? "udp" : "tcp"), ("compression.mode", compression) };
        if (transport == "tcp-octet") parameters.Add(("tcp_framing", "octet-counted"));
        if (transport == "tcp-zstd") parameters.Add(("compression.driver", "zstd"));
        using var output = kit.Create(null, [.. parameters]);

        Message[] messages = [.. ForwardTestKit.Lines("alloc", 0, 64).Select(ForwardTestKit.Line)];
        var context = SampleMessages.Context;
        var tx = output.CreateTransaction();

        void Batch()
        {
            foreach (var m in messages) tx.Add(m, context);
            if (tx.Commit() != ActionResult.Ok) throw new InvalidOperationException("commit failed"); // (Assert.Equal would box)
        }

        for (int i = 0; i < 20; i++) Batch(); // warm up: JIT, buffers grown, connection made
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++) Batch();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        stopDrain.Cancel();
        if (udp) drain.Join(TimeSpan.FromSeconds(5));
        Assert.Equal(0, allocated);
    }
}
