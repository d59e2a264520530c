using System.Globalization;
using Sluice.DecompressBench;
using Sluice.Engine.Compression;
using Sluice.LoadGen;

// Usage: dotnet run -c Release --project bench/DecompressBench -- [--messages 1000000] [--connections 2]
//        [--level 9] [--flush-every 1024] [--runs 1] [--sluiced PATH] [--rsyslogd PATH] [--timeout 300]
try
{
    var o = new Options(args);
    int messages = (int)o.Number("messages", 1_000_000);
    int connections = Math.Max(1, (int)o.Number("connections", 2));
    int level = (int)o.Number("level", 9);
    int flushEvery = Math.Max(1, (int)o.Number("flush-every", 1024));
    int runs = Math.Max(1, (int)o.Number("runs", 1));
    string sluiced = o.Text("sluiced", Path.Combine(RepoRoot(), "out", "sluiced"));
    string rsyslogd = o.Text("rsyslogd", "/usr/sbin/rsyslogd");
    var timeout = TimeSpan.FromSeconds(o.Number("timeout", 300));
    o.RejectUnknown();

    int perConn = messages / connections;
    messages = perConn * connections;
    string runId = Marker.NewRunId();
    var corpus = new Corpus(Corpus.Format.Mixed, 10_000, 1);
    var plain = Enumerable.Range(0, connections).Select(c => ConnectionStream.Build(corpus, runId, c, perConn, Framing.Lf, 1)).ToArray();
    long plainBytes = plain.Sum(p => (long)p.Length);

    Console.WriteLine($"LoadGen corpus (mixed RFC 3164/5424, 80-300 bytes, LF framing): {messages:N0} messages, {plainBytes:N0} bytes, " +
                      $"{connections} connection(s); streams made as omfwd stream:always makes them (flush every {flushEvery} messages)");
    Console.WriteLine();
    Console.WriteLine("compression ratio of stream mode on this corpus");
    Console.WriteLine($"{"stream",-10} {"level",5} {"compressed bytes",17} {"ratio",8} {"saved",8}");
    foreach (var (driver, lv) in new[] { (CompressionDriver.Zlib, 1), (CompressionDriver.Zlib, 6), (CompressionDriver.Zlib, 9), (CompressionDriver.Zstd, 3), (CompressionDriver.Zstd, 9) })
    {
        long compressed = plain.Sum(p => (long)CompressedStreams.Compress(p, driver, lv, flushEvery).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{driver.ToString().ToLowerInvariant(),-10} {lv,5} {compressed,17:N0} {(double)plainBytes / compressed,7:F1}x {1 - (double)compressed / plainBytes,8:P1}"));
    }

    var streams = new Dictionary<CompressionDriver, byte[][]>
    {
        [CompressionDriver.Zlib] = plain.Select(p => CompressedStreams.Compress(p, CompressionDriver.Zlib, level, flushEvery)).ToArray(),
        [CompressionDriver.Zstd] = plain.Select(p => CompressedStreams.Compress(p, CompressionDriver.Zstd, level, flushEvery)).ToArray(),
    };
    var raw = plain.Select(p => p.Bytes.AsSpan(0, p.Length).ToArray()).ToArray();

    Console.WriteLine();
    Console.WriteLine($"receiving: the same pre-compressed streams (level {level}) into each daemon -> omfile \"%rawmsg%\\n\"; " +
                      $"time from the first byte sent until the output holds every message; CPU = the daemon's utime+stime");
    var results = new Dictionary<Case, List<DaemonRun.Result>>();
    for (int run = 0; run < runs; run++)
    {
        foreach (var c in Case.All)
        {
            string exe = c.Daemon == "sluiced" ? sluiced : rsyslogd;
            if (!File.Exists(exe))
            {
                if (run == 0) Console.WriteLine($"{c.Daemon,-9} {c.Label,-28} (not found: {exe})");
                continue;
            }
            var s = c.Driver is { } d ? streams[d] : raw;
            var r = DaemonRun.Run(c, exe, s, messages, Marker.RunPrefix(runId), timeout);
            if (!results.TryGetValue(c, out var list)) results[c] = list = new();
            list.Add(r);
        }
    }
    Console.WriteLine($"{"daemon",-9} {"input",-28} {"msg/s",12} {"CPU us/msg",11} {"wire bytes",14}  (median of {runs})");
    foreach (var c in Case.All)
    {
        if (!results.TryGetValue(c, out var list)) continue;
        var byRate = list.OrderBy(r => r.Messages / r.Seconds).ToList();
        var byCpu = list.OrderBy(r => r.CpuSeconds).ToList();
        var m = byRate[byRate.Count / 2];
        var cpu = byCpu[byCpu.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{c.Daemon,-9} {c.Label,-28} {m.Messages / m.Seconds,12:N0} {cpu.CpuSeconds * 1e6 / cpu.Messages,11:F2} {m.WireBytes,14:N0}"));
    }
    return 0;
}
catch (UsageException e)
{
    Console.Error.WriteLine($"DecompressBench: {e.Message}");
    return 2;
}

static string RepoRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "Sluice.slnx"))) return d.FullName;
    return Directory.GetCurrentDirectory();
}
