using System.Text;
using System.Text.RegularExpressions;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Outputs.Forward;

/// <summary>
/// Two published sluiced binaries: one forwards with omfwd compression.mode="stream:always", the other receives
/// with imtcp decompressing the same driver. Every message must arrive once, unchanged and in order, the
/// stream must end cleanly when the sender shuts down, and the receiver's counters must add up.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class DaemonToDaemonCompressionTests
{
    [Theory]
    [InlineData("zstd", 6)]
    [InlineData("zlib", 9)]
    public void StreamCompressedForwardingArrivesMessageByMessage(string driver, int level)
    {
        using var receiver = SyslogServer.Sluiced(new ServerConfig
        {
            ModuleParams = $"compression.mode=\"stream:always\" compression.driver=\"{driver}\"",
            Template = "%rawmsg%\\n",
        });
        // local0 only: the sender's own messages (facility syslog) stay out of the stream under test.
        using var sender = SyslogServer.Sluiced(new ServerConfig
        {
            Rules = $"local0.* action(type=\"omfwd\" target=\"127.0.0.1\" port=\"{receiver.Port}\" protocol=\"tcp\" template=\"raw\" " +
                    $"compression.mode=\"stream:always\" compression.driver=\"{driver}\" zipLevel=\"{level}\")",
        });

        string run = TestMessages.NewRunId();
        var sent = Enumerable.Range(0, 5000)
            .Select(i => $"<134>Nov 22 08:{i / 60 % 60:00}:{i % 60:00} host-{i % 13} app[{1000 + i}]: {TestMessages.Marker(run, 0, i)} {new string((char)('a' + i % 26), i * 37 % 300)}")
            .ToArray();
        using (var conn = TestConnection.ConnectAsync(sender.Port, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult())
        {
            // Two sends with a pause between them, so the stream carries several flushed transactions.
            int half = sent.Length / 2;
            conn.Send(Encoding.ASCII.GetBytes(string.Concat(sent.Take(half).Select(l => l + "\n"))));
            Thread.Sleep(200);
            conn.Send(Encoding.ASCII.GetBytes(string.Concat(sent.Skip(half).Select(l => l + "\n"))));
            Assert.True(conn.CloseGracefullyAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult());
        }

        using var output = new OutputFollower(receiver.OutputPath, run, keepLines: true);
        // flushOnTXEnd is on by default: everything arrives while the stream is still open.
        Assert.True(output.WaitForMarkers(sent.Length, TimeSpan.FromSeconds(90)),
            $"{output.Markers.Count} of {sent.Length} arrived\n{sender.Process.Diagnostics()}\n{receiver.Process.Diagnostics()}");
        Assert.Equal(sent, output.Lines.Where(l => l.Contains(run, StringComparison.Ordinal)));

        // The sender ends its stream at shutdown (zlib trailer / end of the zstd frame): the receiver sees a clean close.
        sender.Process.Signal("TERM");
        Assert.Equal(0, sender.Process.WaitForExit(TimeSpan.FromSeconds(60)));

        long wireBytes = sent.Sum(l => l.Length + 1L);
        receiver.Process.Signal("USR1");
        var stats = receiver.Process.WaitForStderr(
            new Regex(@"imtcp\(0\): origin=imtcp submitted=(\d+) bytes\.received=(\d+) bytes\.decompressed=(\d+) decompression\.errors=(\d+) "),
            TimeSpan.FromSeconds(30), m => long.Parse(m.Groups[3].Value) >= wireBytes);
        Assert.True(stats is not null, receiver.Process.Diagnostics());
        Assert.Equal("0", stats!.Groups[4].Value);
        long received = long.Parse(stats.Groups[2].Value), decompressed = long.Parse(stats.Groups[3].Value);
        Assert.True(received * 5 < decompressed, $"stream mode should shrink syslog text well: {received} bytes for {decompressed}");
        Assert.DoesNotContain("compressed stream", receiver.Process.Stderr, StringComparison.Ordinal);
    }
}
