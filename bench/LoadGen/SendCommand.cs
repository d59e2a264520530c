using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sluice.LoadGen;

/// <summary>
/// "send": N connections, M messages in total, written in large chunks (many messages per send()), bounded by a
/// time limit. Everything is built and connected before the clock starts.
/// </summary>
internal static class SendCommand
{
    public static int Run(Options o)
    {
        string host = o.Text("host", "127.0.0.1");
        int port = (int)o.Number("port");
        int connections = (int)o.Number("connections", 4);
        long total = o.Number("messages", 100_000);
        Framing framing = FramingNames.Parse(o.Text("framing", "lf"));
        Corpus.Format format = o.Text("format", "mixed").ToLowerInvariant() switch
        {
            "3164" or "rfc3164" => Corpus.Format.Rfc3164,
            "5424" or "rfc5424" => Corpus.Format.Rfc5424,
            "mixed" => Corpus.Format.Mixed,
            string f => throw new UsageException($"--format must be 3164, 5424 or mixed, got '{f}'"),
        };
        int chunk = (int)o.Number("chunk", 65536);
        double timeLimit = o.Number("time-limit", 300);
        string runId = o.Text("run-id", Marker.NewRunId());
        int seed = (int)o.Number("seed", 12345);
        int corpusSize = (int)o.Number("corpus", 4096);
        int hosts = (int)o.Number("hosts", 0);
        o.RejectUnknown();
        corpusSize = Math.Max(corpusSize, hosts); // every host needs at least one entry
        if (connections < 1 || total < connections || chunk < 1 || corpusSize < 1)
            throw new UsageException("need connections >= 1, messages >= connections, chunk >= 1, corpus >= 1");

        var prep = Stopwatch.StartNew();
        var corpus = new Corpus(format, corpusSize, seed, hosts);
        var streams = new ConnectionStream[connections];
        Parallel.For(0, connections, c =>
        {
            int count = (int)(total / connections + (c < total % connections ? 1 : 0));
            streams[c] = ConnectionStream.Build(corpus, runId, c, count, framing, seed);
        });
        long bytesTotal = 0;
        foreach (var s in streams) bytesTotal += s.Length;
        Console.WriteLine($"run_id={runId}");
        Console.WriteLine($"prepared_messages={total} prepared_bytes={bytesTotal} avg_msg_bytes={bytesTotal / (double)total:F1} prepare_seconds={prep.Elapsed.TotalSeconds:F2}");

        var endpoint = new IPEndPoint(IPAddress.Parse(host), port);
        var sockets = new Socket[connections];
        for (int c = 0; c < connections; c++)
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            s.Connect(endpoint);
            sockets[c] = s;
        }

        var sent = new long[connections];
        var errors = new string?[connections];
        using var start = new ManualResetEventSlim(false);
        long deadlineTicks = 0;
        var threads = new Thread[connections];
        for (int c = 0; c < connections; c++)
        {
            int conn = c;
            threads[c] = new Thread(() => SendAll(sockets[conn], streams[conn], chunk, start, ref deadlineTicks, ref sent[conn], ref errors[conn]))
            { IsBackground = true, Name = $"send-{c}" };
            threads[c].Start();
        }
        Thread.Sleep(50); // let every thread reach the start gate
        long firstSend = Clock.NowUnixNanos();
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref deadlineTicks, Stopwatch.GetTimestamp() + (long)(timeLimit * Stopwatch.Frequency));
        start.Set();
        foreach (var t in threads) t.Join();
        double sendSeconds = clock.Elapsed.TotalSeconds;
        long lastSend = Clock.NowUnixNanos();

        long messagesSent = 0, bytesSent = 0;
        for (int c = 0; c < connections; c++)
        {
            bytesSent += sent[c];
            messagesSent += streams[c].MessagesWithin(sent[c]);
            CloseGracefully(sockets[c], timeLimit);
        }
        bool complete = bytesSent == bytesTotal;
        foreach (var e in errors) if (e != null) Console.Error.WriteLine($"LoadGen: {e}");
        Console.WriteLine($"connections={connections} framing={framing} sent_messages={messagesSent} sent_bytes={bytesSent} complete={(complete ? "true" : "false")}");
        Console.WriteLine($"first_send_unix_ns={firstSend} last_send_unix_ns={lastSend} send_seconds={sendSeconds:F3} send_rate={messagesSent / Math.Max(sendSeconds, 1e-9):F0}");
        return complete ? 0 : 3;
    }

    /// <summary>
    /// FIN, then wait (bounded) for the daemon to close its side, which it does after reading everything. A plain
    /// or lingering close could turn into a reset while data is still queued, and the daemon would lose it.
    /// </summary>
    private static void CloseGracefully(Socket s, double timeLimit)
    {
        try
        {
            s.Shutdown(SocketShutdown.Send);
            s.ReceiveTimeout = (int)Math.Clamp(timeLimit * 1000, 1000, 600_000);
            byte[] sink = new byte[4096];
            while (s.Receive(sink) > 0) { }
        }
        catch (SocketException) { }
        s.Close();
    }

    private static void SendAll(Socket s, ConnectionStream stream, int chunk, ManualResetEventSlim start, ref long deadline, ref long sent, ref string? error)
    {
        start.Wait();
        long limit = Volatile.Read(ref deadline);
        int off = 0;
        try
        {
            // One timeout for the whole run: a send() blocked past the deadline fails instead of hanging.
            s.SendTimeout = (int)Math.Clamp((limit - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency, 1, int.MaxValue);
            while (off < stream.Length)
            {
                if (Stopwatch.GetTimestamp() >= limit) { error = $"time limit reached after {off} of {stream.Length} bytes"; break; }
                int n = s.Send(stream.Bytes, off, Math.Min(chunk, stream.Length - off), SocketFlags.None);
                off += n;
            }
        }
        catch (SocketException ex)
        {
            error = $"send failed after {off} of {stream.Length} bytes: {ex.SocketErrorCode} {ex.Message}";
        }
        sent = off;
    }
}
