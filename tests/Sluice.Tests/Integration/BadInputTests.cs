using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Sluice.Tests.Integration;

/// <summary>
/// Garbage, a TLS ClientHello and oversize frames must be logged clearly and must neither crash the daemon nor
/// disturb a well-behaved sender on another connection.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class BadInputTests
{
    [Fact]
    public async Task GarbageTlsAndOversizeFramesAreLoggedWhileANormalSenderKeepsFlowing()
    {
        using var server = SyslogServer.Sluiced(new ServerConfig { GlobalParams = "maxMessageSize=\"4096\"" });
        string run = TestMessages.NewRunId();

        // The normal sender: 20 messages every 100 ms, from before the bad input until 2 s after it.
        using var stopNormal = new CancellationTokenSource();
        var normalConn = await TestConnection.ConnectAsync(server.Port, TimeSpan.FromSeconds(30));
        long normalSent = 0;
        var normal = Task.Run(async () =>
        {
            var sw = Stopwatch.StartNew();
            while (!stopNormal.IsCancellationRequested && sw.Elapsed < TimeSpan.FromSeconds(180))
            {
                await normalConn.SendAsync(TestMessages.Stream(run, 0, normalSent, 20, s => s % 2 == 1), CancellationToken.None);
                normalSent += 20;
                try { await Task.Delay(100, stopNormal.Token); } catch (OperationCanceledException) { }
            }
        });

        try
        {
            await Task.Delay(500);
            using var sendTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));

            // 10 MB of random bytes on each of four connections (never starting like a TLS record).
            var garbage = new List<Task>();
            var garbageConns = new List<TestConnection>();
            for (int g = 0; g < 4; g++)
            {
                byte[] junk = new byte[10 * 1024 * 1024];
                new Random(1000 + g).NextBytes(junk);
                junk[0] = (byte)'x';
                var gc = await TestConnection.ConnectAsync(server.Port, TimeSpan.FromSeconds(30));
                garbageConns.Add(gc);
                garbage.Add(SendIgnoringResets(gc, junk, sendTimeout.Token));
            }

            // A TLS 1.2 ClientHello on the plain listener: detected, logged, the connection closed.
            using var tls = await TestConnection.ConnectAsync(server.Port, TimeSpan.FromSeconds(30));
            tls.Send(ClientHello());
            bool tlsClosed = await tls.WaitClosedByPeerAsync(TimeSpan.FromSeconds(30));

            // Oversize frames: an octet count above maxFrameSize (200000), one above maxMessageSize (4096), and an
            // LF frame of 20000 bytes.
            using var big = await TestConnection.ConnectAsync(server.Port, TimeSpan.FromSeconds(30));
            var w = new ArrayBufferWriter<byte>();
            w.Write(Encoding.ASCII.GetBytes("300000 "));
            w.Write(Encoding.ASCII.GetBytes("<13>Nov 22 08:00:00 bighost big: " + new string('a', 300000 - 33)));
            TestMessages.Frame(w, Encoding.ASCII.GetBytes("<13>Nov 22 08:00:00 bighost big: " + new string('b', 6000)), true);
            TestMessages.Frame(w, Encoding.ASCII.GetBytes("<13>Nov 22 08:00:00 bighost big: " + new string('c', 20000)), false);
            big.Send(w.WrittenSpan);
            await big.CloseGracefullyAsync(TimeSpan.FromSeconds(30));

            await Task.WhenAll(garbage);
            foreach (var gc in garbageConns) { await gc.CloseGracefullyAsync(TimeSpan.FromSeconds(60)); gc.Dispose(); }

            Assert.True(tlsClosed, "the daemon did not close the connection that sent a TLS ClientHello\n" + server.Process.Diagnostics());
            await Task.Delay(2000); // the normal sender keeps going after the bad input too
        }
        finally
        {
            stopNormal.Cancel();
            await normal;
        }
        Assert.True(await normalConn.CloseGracefullyAsync(TimeSpan.FromSeconds(60)), "the normal connection was not read to its end\n" + server.Process.Diagnostics());
        normalConn.Dispose();

        using var output = new OutputFollower(server.OutputPath, run);
        output.WaitForMarkers(normalSent, TimeSpan.FromSeconds(120));
        Assert.Null(Delivery.Problems(output.Markers, _ => Delivery.Range(0, normalSent), 1, requireOrder: true));
        Assert.False(server.Process.HasExited, "daemon exited\n" + server.Process.Diagnostics());

        var expected = new (string What, Regex Pattern)[]
        {
            ("TLS handshake on a plain listener", new Regex("TLS handshake detected", RegexOptions.IgnoreCase)),
            ("frame above maxFrameSize", new Regex("frame too large", RegexOptions.IgnoreCase)),
            ("message above maxMessageSize", new Regex("oversize message", RegexOptions.IgnoreCase)),
        };
        foreach (var (what, pattern) in expected)
            Assert.True(server.Process.WaitForStderr(pattern, TimeSpan.FromSeconds(10)) != null,
                $"no stderr line about the {what} (/{pattern}/)\n{server.Process.Diagnostics()}");
    }

    /// <summary>The daemon may legitimately drop a garbage connection; that is not a test failure.</summary>
    private static async Task SendIgnoringResets(TestConnection c, byte[] data, CancellationToken ct)
    {
        try { await c.SendAsync(data, ct, 64 * 1024); }
        catch (System.Net.Sockets.SocketException) { }
    }

    /// <summary>A well-formed TLS 1.2 ClientHello record (handshake 0x16, version 3.1, length 200).</summary>
    private static byte[] ClientHello()
    {
        var body = new List<byte> { 0x03, 0x03 };              // client_version TLS 1.2
        var rnd = new byte[32]; new Random(7).NextBytes(rnd);
        body.AddRange(rnd);                                     // random
        body.Add(0);                                            // session id length
        body.AddRange(new byte[] { 0x00, 0x04, 0xc0, 0x2f, 0x00, 0x9c }); // two cipher suites
        body.AddRange(new byte[] { 0x01, 0x00 });               // compression: null
        int extLen = 196 - 4 - body.Count - 2;
        body.Add((byte)(extLen >> 8)); body.Add((byte)extLen);
        body.AddRange(new byte[] { 0x00, 0x15 });               // padding extension
        int padLen = extLen - 4;
        body.Add((byte)(padLen >> 8)); body.Add((byte)padLen);
        body.AddRange(new byte[padLen]);
        var hs = new List<byte> { 0x01, 0x00, (byte)(body.Count >> 8), (byte)body.Count }; // ClientHello
        hs.AddRange(body);
        var rec = new List<byte> { 0x16, 0x03, 0x01, (byte)(hs.Count >> 8), (byte)hs.Count };
        rec.AddRange(hs);
        return rec.ToArray();
    }
}
