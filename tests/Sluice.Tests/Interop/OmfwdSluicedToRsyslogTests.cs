using System.Text;
using Sluice.Engine.Outputs;
using Sluice.Engine.Outputs.Forward;
using Sluice.Engine.Runtime;
using Sluice.Tests.Integration;
using Sluice.Tests.Outputs.Forward;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Interop;

/// <summary>
/// Sluice's omfwd sending to the real rsyslogd 8.2302 in each wire format it understands: plain TCP with both
/// framings, single-message zlib compression (inflated by rsyslog's parser), stream:always zlib (imptcp) and UDP.
/// rsyslogd writes each message's raw text; every message must arrive once, unchanged, in the order sent.
/// First in-process (the output driven directly, batch by batch), then through the published sluiced binary.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class OmfwdSluicedToRsyslogTests
{
    /// <summary>A forwarding mode: the rsyslog input that understands it and the omfwd parameters that make it.</summary>
    private static (RsyslogInput Input, (string Name, object Value)[] Params) Mode(string mode) => mode switch
    {
        "tcp-traditional" => (RsyslogInput.ImTcp, [("protocol", "tcp")]),
        "tcp-octet-counted" => (RsyslogInput.ImTcp, [("protocol", "tcp"), ("tcp_framing", "octet-counted")]),
        "tcp-single-zlib" => (RsyslogInput.ImTcp, [("protocol", "tcp"), ("zipLevel", 9L)]),
        "tcp-stream-zlib" => (RsyslogInput.ImPtcpStream, [("protocol", "tcp"), ("compression.mode", "stream:always")]),
        "tcp-stream-zlib-rebind" => (RsyslogInput.ImPtcpStream, [("protocol", "tcp"), ("compression.mode", "stream:always"), ("rebindInterval", 700L)]),
        "udp" => (RsyslogInput.ImUdp, [("protocol", "udp")]),
        "udp-single-zlib" => (RsyslogInput.ImUdp, [("protocol", "udp"), ("zipLevel", 6L)]),
        _ => throw new ArgumentException(mode),
    };

    private static string[] Messages(string run, int count) =>
        Enumerable.Range(0, count).Select(i => Encoding.ASCII.GetString(TestMessages.Build(run, 0, i))).ToArray();

    [Theory]
    [InlineData("tcp-traditional")]
    [InlineData("tcp-octet-counted")]
    [InlineData("tcp-single-zlib")]
    [InlineData("tcp-stream-zlib")]
    [InlineData("tcp-stream-zlib-rebind")]
    [InlineData("udp")]
    [InlineData("udp-single-zlib")]
    public void InProcessOmfwdToRsyslogd(string mode)
    {
        var (input, parameters) = Mode(mode);
        bool udp = input == RsyslogInput.ImUdp;
        int count = udp ? 500 : 3000;
        using var receiver = OmfwdToRsyslogReceiver.Start(input);
        var kit = new ForwardTestKit();
        string run = TestMessages.NewRunId();
        var sent = Messages(run, count);

        var output = kit.Create(ForwardTestKit.RawTemplate, [("target", "127.0.0.1"), ("port", receiver.Port.ToString()), .. parameters]);
        var r = new Random(count);
        for (int i = 0; i < count;)
        {
            int n = Math.Min(count - i, 1 + r.Next(udp ? 50 : 200));
            var tx = output.CreateTransaction();
            for (int k = i; k < i + n; k++) Assert.Equal(ActionResult.Ok, tx.Add(ForwardTestKit.Line(sent[k]), SampleMessages.Context));
            Assert.True(tx.Commit() == ActionResult.Ok, $"commit failed:\n{string.Join("\n", kit.Log.Lines)}");
            i += n;
            if (udp) Thread.Sleep(5); // let imudp keep up; a datagram lost on loopback is not what is tested here
        }
        output.Dispose();

        var got = receiver.WaitForLines(run, count, TimeSpan.FromSeconds(90));
        if (mode.EndsWith("-rebind"))
        {
            // Each connection keeps its order, but rsyslogd reads the connections concurrently. The first
            // connection carries 699 messages (tcpclt.c counting), each later one 700.
            var segments = new List<string[]> { sent[..699] };
            for (int from = 699; from < count; from += 700) segments.Add(sent[from..Math.Min(count, from + 700)]);
            foreach (var segment in segments)
            {
                var set = segment.ToHashSet();
                AssertSameInOrder(segment, got.Where(set.Contains).ToList(), receiver);
            }
            Assert.Equal(segments.Count, output.Connects.Value);
        }
        AssertSameInOrder(mode.EndsWith("-rebind") ? [.. sent.Order(StringComparer.Ordinal)] : sent,
            mode.EndsWith("-rebind") ? [.. got.Order(StringComparer.Ordinal)] : got, receiver);
        Assert.Equal(count, output.MessagesSent.Value);
        if (mode.Contains("zlib"))
            Assert.True(output.BytesSent.Value < sent.Sum(m => m.Length) * 3 / 4, $"{output.BytesSent.Value} bytes on the wire: not compressed?");
    }

    [Theory]
    [InlineData("tcp-traditional")]
    [InlineData("tcp-octet-counted")]
    [InlineData("tcp-single-zlib")]
    [InlineData("tcp-stream-zlib")]
    [InlineData("udp")]
    public void SluicedOmfwdToRsyslogd(string mode)
    {
        var (input, parameters) = Mode(mode);
        int count = input == RsyslogInput.ImUdp ? 500 : 5000;
        using var receiver = OmfwdToRsyslogReceiver.Start(input);
        string omfwd = string.Join(' ', parameters.Select(p => $"{p.Name}=\"{(p.Value is long l ? l.ToString() : p.Value)}\""));
        using var sluiced = StartSluiced($"action(type=\"omfwd\" target=\"127.0.0.1\" port=\"{receiver.Port}\" template=\"raw\" {omfwd})");
        string run = TestMessages.NewRunId();
        var sent = Messages(run, count);

        SendInChunks(sluiced.Port, sent, chunk: input == RsyslogInput.ImUdp ? 50 : 1000);

        var got = receiver.WaitForLines(run, count, TimeSpan.FromSeconds(90));
        AssertSameInOrder(sent, got, receiver, sluiced.Process);
    }

    /// <summary>
    /// stream:always zlib with four main-queue workers compressing large batches at once (each primed with the
    /// history the stream is expected to have, spliced in order onto the one connection): rsyslogd's imptcp must
    /// inflate one valid stream and every message must arrive once, in order.
    /// </summary>
    [Fact]
    public void ParallelStreamCompressionStaysOneOrderedStream()
    {
        using var receiver = OmfwdToRsyslogReceiver.Start(RsyslogInput.ImPtcpStream);
        using var sluiced = StartSluiced(
            "main_queue(queue.workerThreads=\"4\" queue.workerThreadMinimumMessages=\"100\" queue.dequeueBatchSize=\"400\")\n" +
            $"action(type=\"omfwd\" target=\"127.0.0.1\" port=\"{receiver.Port}\" template=\"raw\" protocol=\"tcp\" compression.mode=\"stream:always\")");
        string run = TestMessages.NewRunId();
        var sent = Messages(run, 40_000);
        SendInChunks(sluiced.Port, sent, chunk: 10_000);
        AssertSameInOrder(sent, receiver.WaitForLines(run, sent.Length, TimeSpan.FromSeconds(120)), receiver, sluiced.Process);
    }

    [Fact]
    public void LegacySelectorForwardsThroughSluiced()
    {
        using var receiver = OmfwdToRsyslogReceiver.Start(RsyslogInput.ImTcp);
        using var sluiced = StartSluiced($"*.* @@(z9,o)127.0.0.1:{receiver.Port};raw");
        string run = TestMessages.NewRunId();
        var sent = Messages(run, 500);
        SendInChunks(sluiced.Port, sent, chunk: 500);
        AssertSameInOrder(sent, receiver.WaitForLines(run, sent.Length, TimeSpan.FromSeconds(90)), receiver, sluiced.Process);
    }

    /// <summary>Sends the lines to sluiced's imtcp, LF-framed, pausing between chunks so that they make several batches.</summary>
    private static void SendInChunks(int port, string[] lines, int chunk)
    {
        using var conn = TestConnection.ConnectAsync(port, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        for (int i = 0; i < lines.Length; i += chunk)
        {
            conn.Send(Encoding.ASCII.GetBytes(string.Concat(lines.Skip(i).Take(chunk).Select(l => l + "\n"))));
            Thread.Sleep(20);
        }
        Assert.True(conn.CloseGracefullyAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult());
    }

    private static void AssertSameInOrder(string[] sent, List<string> got, OmfwdToRsyslogReceiver receiver, DaemonProcess? sender = null)
    {
        string diagnostics = receiver.Process.Diagnostics() + (sender is null ? "" : "\n" + sender.Diagnostics());
        for (int i = 0; i < Math.Min(sent.Length, got.Count); i++)
            Assert.True(sent[i] == got[i], $"message {i} differs:\n  sent:     {sent[i]}\n  received: {got[i]}\n{diagnostics}");
        Assert.True(sent.Length == got.Count, $"rsyslogd received {got.Count} of {sent.Length} messages\n{diagnostics}");
    }

    /// <summary>The published sluiced with imtcp on an ephemeral port, the "raw" template and the given rule line(s).</summary>
    private static SyslogServer StartSluiced(string rules) => SyslogServer.Sluiced(new ServerConfig { Rules = rules });
}
