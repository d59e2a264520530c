using System.Globalization;
using Sluice.ForwardBench;
using Sluice.LoadGen;

// Usage: dotnet run -c Release --project bench/ForwardBench -- [--messages 1000000] [--batch 1024]
//        [--daemons on] [--daemon-messages 500000] [--daemon-runs 1] [--sluiced PATH] [--rsyslogd PATH]
try
{
    var o = new Options(args);
    int messages = (int)o.Number("messages", 1_000_000);
    int batch = (int)o.Number("batch", 1024);
    bool daemons = o.Flag("daemons", true);
    int daemonMessages = (int)o.Number("daemon-messages", 500_000);
    int daemonRuns = Math.Max(1, (int)o.Number("daemon-runs", 1));
    string sluiced = o.Text("sluiced", Path.Combine(RepoRoot(), "out", "sluiced"));
    string rsyslogd = o.Text("rsyslogd", "/usr/sbin/rsyslogd");
    o.RejectUnknown();

    Console.WriteLine($"omfwd in-process: {messages:N0} messages of the LoadGen corpus (mixed RFC 3164/5424, 80-300 bytes), " +
                      $"RSYSLOG_TraditionalForwardFormat, transactions of {batch}, TCP to a local receiver");
    var corpus = InProcessForwarding.ParsedCorpus(100_000, 1);
    var results = BenchMode.InProcess.Select(m => InProcessForwarding.Run(m, corpus, messages, batch)).ToList();
    long plainWire = results[0].WireBytes;
    Console.WriteLine($"{"mode",-26} {"msg/s",12} {"CPU us/msg",11} {"wire bytes",14} {"saved",7}");
    foreach (var r in results)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Mode.Name,-26} {r.Messages / r.Seconds,12:N0} {r.CpuSeconds * 1e6 / r.Messages,11:F2} {r.WireBytes,14:N0} {1 - (double)r.WireBytes / plainWire,7:P1}"));

    if (!daemons) return 0;
    Console.WriteLine();
    Console.WriteLine($"side by side: imtcp -> omfwd -> local receiver, {daemonMessages:N0} messages on one connection, same config for both daemons" +
                      (daemonRuns > 1 ? $"; the two daemons take turns, {daemonRuns} runs each, medians last" : ""));
    var stream = ConnectionStream.Build(new Corpus(Corpus.Format.Mixed, 10_000, 1), Marker.NewRunId(), 0, daemonMessages, Framing.Lf, 1);
    Console.WriteLine($"{"daemon",-9} {"mode",-26} {"msg/s",12} {"CPU us/msg",11} {"wire bytes",14}");
    var sideBySide = new List<DaemonComparison.Result>();
    foreach (var mode in BenchMode.SideBySide)
    {
        for (int run = 0; run < daemonRuns; run++)
        {
            foreach (var (name, exe) in new[] { ("sluiced", sluiced), ("rsyslogd", rsyslogd) })
            {
                if (!File.Exists(exe))
                {
                    if (run == 0) Console.WriteLine($"{name,-9} {mode.Name,-26} (not found: {exe})");
                    continue;
                }
                var r = DaemonComparison.Run(name, exe, mode, stream, daemonMessages);
                sideBySide.Add(r);
                Print(name, mode.Name, r.Messages / r.Seconds, r.CpuSeconds * 1e6 / r.Messages, r.WireBytes);
            }
        }
    }
    if (daemonRuns > 1)
    {
        Console.WriteLine($"medians of {daemonRuns} runs:");
        foreach (var mode in BenchMode.SideBySide)
            foreach (var name in new[] { "sluiced", "rsyslogd" })
            {
                var mine = sideBySide.Where(r => r.Daemon == name && r.Mode == mode).ToList();
                if (mine.Count == 0) continue;
                Print(name, mode.Name, Median(mine.Select(r => r.Messages / r.Seconds)), Median(mine.Select(r => r.CpuSeconds * 1e6 / r.Messages)),
                      (long)Median(mine.Select(r => (double)r.WireBytes)));
            }
    }
    return 0;
}
catch (UsageException e)
{
    Console.Error.WriteLine($"ForwardBench: {e.Message}");
    return 2;
}

static void Print(string daemon, string mode, double perSecond, double cpuMicros, long wireBytes) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{daemon,-9} {mode,-26} {perSecond,12:N0} {cpuMicros,11:F2} {wireBytes,14:N0}"));

static double Median(IEnumerable<double> values)
{
    var v = values.Order().ToArray();
    return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
}

static string RepoRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "Sluice.slnx"))) return d.FullName;
    return Directory.GetCurrentDirectory();
}
