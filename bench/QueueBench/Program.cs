using Sluice.BenchCommon;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sluice.QueueBench;

/// <summary>
/// A disk-assisted omfwd action queue forced to spill, sluiced and rsyslogd side by side with the same config
/// (imtcp on 127.0.0.1 → omfwd TCP with queue.type="LinkedList" queue.filename, action.resumeRetryCount="-1"):
/// <list type="number">
/// <item><b>spill</b>: the target is down; N numbered messages are sent; the time runs from the first byte sent
/// until the queue files hold no new message for 2 s (their content is scanned), and the figure is the messages
/// found in the files per second of that time (a DA queue keeps up to its high watermark in memory: those are not
/// counted);</item>
/// <item><b>drain</b>: the target comes up; the time runs from the first message received until every message
/// arrived; messages per second.</item>
/// </list>
/// Two configs: crash-safe (queue.checkpointInterval="1" queue.syncQueueFiles="on") and the defaults.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        int messages = 20_000;
        int drainMessages = 500_000;
        string sluiced = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../out/sluiced"));
        string rsyslogd = "/usr/sbin/rsyslogd";
        string daemons = "sluiced,rsyslogd";
        double spillTimeout = 120;
        string? onlyParams = null;
        int runs = 1;
        bool spillRuns = true;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--messages": messages = int.Parse(args[i + 1]); break;
                case "--drain-messages": drainMessages = int.Parse(args[i + 1]); break;
                case "--sluiced": sluiced = args[i + 1]; break;
                case "--rsyslogd": rsyslogd = args[i + 1]; break;
                case "--daemons": daemons = args[i + 1]; break;
                case "--spill-timeout": spillTimeout = double.Parse(args[i + 1]); break;
                case "--queue-params": onlyParams = args[i + 1]; break;
                case "--runs": runs = int.Parse(args[i + 1]); break;
                case "--spill": spillRuns = args[i + 1] != "off"; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        var configs = new (string Name, string Params)[]
        {
            ("checkpointInterval=1 + syncQueueFiles=on", "queue.checkpointInterval=\"1\" queue.syncQueueFiles=\"on\""),
            ("defaults", ""),
        };
        if (onlyParams != null) configs = new[] { (onlyParams, onlyParams) };
        var timeout = TimeSpan.FromSeconds(spillTimeout);
        var rows = new List<string>();
        void Row(string row)
        {
            Console.WriteLine(row);
            rows.Add(row);
        }
        foreach (var (name, queueParams) in configs)
        {
            foreach (string d in daemons.Split(','))
            {
                string exe = d == "sluiced" ? sluiced : rsyslogd;
                if (!File.Exists(exe)) { Console.Error.WriteLine($"skip {d}: {exe} not found"); continue; }
                // Spill runs with the config itself. The drain is measured on a bigger backlog: spooled with the
                // defaults (the crash-safe spill of rsyslogd would take many minutes), the daemon stopped with TERM
                // (saveOnShutdown), then started again with the config and the target up.
                var spills = new List<Result>();
                var drains = new List<Result>();
                for (int k = 0; k < runs; k++)
                {
                    if (queueParams.Length == 0)
                    {
                        var r = Run(d, exe, "", "", drainMessages, timeout);
                        spills.Add(r);
                        drains.Add(r);
                        Row(Describe(name, d, "spill + drain", r));
                        continue;
                    }
                    if (spillRuns)
                    {
                        var s = Run(d, exe, queueParams, queueParams, messages, timeout);
                        spills.Add(s);
                        Row(Describe(name, d, "spill + drain", s));
                    }
                    var dr = Run(d, exe, "", queueParams, drainMessages, timeout);
                    drains.Add(dr);
                    Row(Describe(name, d, "drain (spooled with defaults)", dr));
                }
                // A run whose disk part never showed up has no spill rate (rsyslogd 8.2302 sometimes never starts it).
                var spilled = spills.Where(r => r.Spilled > 0).ToList();
                // A drain that delivered only a fraction of the backlog (the daemon lost the rest) has no rate either.
                var drained = drains.Where(r => r.Drained >= r.Drained + r.Missing - (r.Drained + r.Missing) / 100).ToList();
                if (runs > 1 && spills.Count > 0)
                    Row($"| {name} | {d} | median of {runs} | | " +
                        (spilled.Count == 0 ? "none visible" : $"{Median(spilled, r => r.SpillRate):N0} msg/s") +
                        (spilled.Count < spills.Count ? $" ({spills.Count - spilled.Count} runs without a disk part)" : "") + " | " +
                        (drained.Count == 0 ? "none complete" : $"{Median(drained, r => r.DrainRate):N0} msg/s") +
                        (drained.Count < drains.Count ? $" ({drains.Count - drained.Count} runs lost over 1 %)" : "") +
                        $" | {spills.Sum(r => r.Missing) + (ReferenceEquals(spills, drains) ? 0 : drains.Sum(r => r.Missing))} |");
            }
        }
        Console.WriteLine();
        Console.WriteLine($"disk-assisted omfwd action queue (size 1000), target down then up; spill runs {messages:N0} messages, " +
                          $"drain runs {drainMessages:N0}");
        Console.WriteLine("| config | daemon | run | input read | in the queue files (spill) | drain | lost |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var r in rows) Console.WriteLine(r);
        return 0;
    }

    private static string Describe(string config, string daemon, string kind, Result r)
    {
        string spill = r.Spilled == 0
            ? "none visible (queue file writes still buffered)"
            : $"{r.Spilled:N0} in {r.SpillSeconds:F2} s = {r.SpillRate:N0} msg/s";
        return $"| {config} | {daemon} | {kind} | {r.InputRead:F2} s | {spill} | " +
               $"{r.Drained:N0} in {r.DrainSeconds:F2} s = {r.DrainRate:N0} msg/s | {r.Missing} |";
    }

    private sealed record Result(double InputRead, int Spilled, double SpillSeconds, int Drained, double DrainSeconds, int Missing)
    {
        public double SpillRate => Spilled / Math.Max(SpillSeconds, 0.001);
        public double DrainRate => Drained / DrainSeconds;
    }

    private static double Median(List<Result> results, Func<Result, double> rate)
    {
        var v = results.Select(rate).Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private static string Config(string work, string portFile, int targetPort, string queueParams) => string.Join('\n',
        $"global(workDirectory=\"{work}\")",
        "module(load=\"imtcp\")",
        $"input(type=\"imtcp\" port=\"0\" listenPortFileName=\"{portFile}\" address=\"127.0.0.1\")",
        "template(name=\"raw\" type=\"string\" string=\"%rawmsg%\\n\")",
        $"action(type=\"omfwd\" target=\"127.0.0.1\" port=\"{targetPort}\" protocol=\"tcp\" template=\"raw\" " +
        "action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\" action.reportSuspension=\"off\" " +
        $"queue.type=\"LinkedList\" queue.filename=\"q\" {queueParams})") + "\n";

    /// <summary>
    /// Spills <paramref name="n"/> messages with <paramref name="spillParams"/>; when <paramref name="drainParams"/>
    /// differ, stops the daemon (TERM) and starts it again with them; then brings the target up and drains.
    /// </summary>
    private static Result Run(string daemon, string exe, string spillParams, string drainParams, int n, TimeSpan spillTimeout)
    {
        string dir = Directory.CreateTempSubdirectory("queuebench-").FullName;
        string work = Directory.CreateDirectory(Path.Combine(dir, "work")).FullName;
        string run = "b" + Guid.NewGuid().ToString("N")[..8];
        int targetPort = FreePort();
        BenchDaemon? d = null;
        try
        {
            string portFile = Path.Combine(dir, "port");
            d = BenchDaemon.Start(exe, dir, daemon, Config(work, portFile, targetPort, spillParams));
            int port = d.WaitForPort(portFile);
            Thread.Sleep(500);
            var sb = new StringBuilder(n * 80);
            for (int i = 0; i < n; i++) sb.Append($"<134>Mar  1 12:00:00 host app: {run} seq={i:D7} some payload to make a realistic line\n");
            var data = Encoding.ASCII.GetBytes(sb.ToString());
            var marker = Encoding.ASCII.GetBytes(run + " seq=");

            // Spill: target down.
            var sw = Stopwatch.StartNew();
            using (var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                s.Connect(new IPEndPoint(IPAddress.Loopback, port));
                // rsyslogd 8.2302 sometimes stops reading its input for good while it spills (its DA queue stalls):
                // bounded, so such a run is reported rather than waited for.
                s.SendTimeout = s.ReceiveTimeout = (int)spillTimeout.TotalMilliseconds;
                try
                {
                    var rest = data.AsSpan();
                    while (rest.Length > 0) rest = rest[s.Send(rest)..];
                    s.Shutdown(SocketShutdown.Send);
                    s.Receive(new byte[1]);
                }
                catch (SocketException) { }
            }
            double inputRead = sw.Elapsed.TotalSeconds;
            int found = 0;
            double lastGrowth = 0;
            while (sw.Elapsed < spillTimeout)
            {
                int now = CountInSpool(work, marker, n);
                if (now > found) { found = now; lastGrowth = sw.Elapsed.TotalSeconds; }
                else if (sw.Elapsed.TotalSeconds - lastGrowth > 2 && found > 0) break;
                // rsyslogd 8.2302 sometimes never starts the disk part of a DA queue (seen in about one run in
                // ten here): the messages stay in its memory queues. Reported as "none visible", not waited for.
                else if (found == 0 && sw.Elapsed.TotalSeconds - inputRead > 60) break;
                Thread.Sleep(50);
            }
            if (found == 0 && (found = CountInSpool(work, marker, n)) > 0) lastGrowth = sw.Elapsed.TotalSeconds;
            double spillSeconds = lastGrowth;

            if (drainParams != spillParams)
            {
                if (!d.Terminate(TimeSpan.FromSeconds(60)))
                    throw new InvalidOperationException($"{daemon} did not stop on TERM within 60 s\n{d.Stderr}");
                d.Dispose();
                File.Delete(portFile);
                d = BenchDaemon.Start(exe, dir, daemon, Config(work, portFile, targetPort, drainParams));
                d.WaitForPort(portFile);
                Thread.Sleep(500);
            }

            // Drain: target up.
            using var sink = new Sink(targetPort, marker, n);
            var drainClock = Stopwatch.StartNew();
            while (sink.Distinct < n && drainClock.Elapsed < TimeSpan.FromSeconds(600))
            {
                if (sink.Distinct > 0 && sink.Idle > TimeSpan.FromSeconds(10)) break;
                if (sink.Distinct == 0 && drainClock.Elapsed > TimeSpan.FromSeconds(60)) break;
                Thread.Sleep(20);
            }
            double drainSeconds = (sink.LastAt - sink.FirstAt).TotalSeconds;
            return new Result(inputRead, found, spillSeconds, sink.Distinct, Math.Max(drainSeconds, 0.001), n - sink.Distinct);
        }
        finally
        {
            d?.Dispose();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    /// <summary>Distinct message numbers found in the queue files (segments of either daemon, not the .qi).</summary>
    private static int CountInSpool(string work, byte[] marker, int n)
    {
        var seen = new bool[n];
        int count = 0;
        foreach (var f in Directory.GetFiles(work, "q.*"))
        {
            if (f.EndsWith(".qi", StringComparison.Ordinal) || f.Contains(".qi.", StringComparison.Ordinal)) continue;
            byte[] bytes;
            try { bytes = File.ReadAllBytes(f); } catch (IOException) { continue; }
            var span = bytes.AsSpan();
            int at;
            while ((at = span.IndexOf(marker)) >= 0)
            {
                int i = at + marker.Length, number = 0;
                while (i < span.Length && span[i] >= '0' && span[i] <= '9') number = number * 10 + (span[i++] - '0');
                if (number < n && !seen[number]) { seen[number] = true; count++; }
                span = span[i..];
            }
        }
        return count;
    }

    private static int FreePort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }
}

/// <summary>The target: counts distinct numbered lines and when the first and last arrived.</summary>
internal sealed class Sink : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly byte[] _marker;
    private readonly bool[] _seen;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _distinct;
    private long _firstTicks = -1, _lastTicks;

    public Sink(int port, byte[] marker, int n)
    {
        _marker = marker;
        _seen = new bool[n];
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        _listener.Listen(16);
        new Thread(Accept) { IsBackground = true }.Start();
    }

    public int Distinct => Volatile.Read(ref _distinct);
    public TimeSpan FirstAt => TimeSpan.FromTicks(Interlocked.Read(ref _firstTicks));
    public TimeSpan LastAt => TimeSpan.FromTicks(Interlocked.Read(ref _lastTicks));
    public TimeSpan Idle => _clock.Elapsed - LastAt;

    private void Accept()
    {
        while (true)
        {
            Socket c;
            try { c = _listener.Accept(); } catch (SocketException) { return; } catch (ObjectDisposedException) { return; }
            new Thread(() => Receive(c)) { IsBackground = true }.Start();
        }
    }

    private void Receive(Socket c)
    {
        var buffer = new byte[1 << 20];
        int filled = 0;
        try
        {
            while (true)
            {
                int got = c.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
                if (got <= 0) return;
                filled += got;
                int start = 0, lf;
                while ((lf = Array.IndexOf(buffer, (byte)'\n', start, filled - start)) >= 0)
                {
                    Count(buffer.AsSpan(start, lf - start));
                    start = lf + 1;
                }
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
            }
        }
        catch (SocketException) { }
    }

    private void Count(ReadOnlySpan<byte> line)
    {
        int at = line.IndexOf(_marker);
        if (at < 0) return;
        int i = at + _marker.Length, number = 0;
        while (i < line.Length && line[i] >= '0' && line[i] <= '9') number = number * 10 + (line[i++] - '0');
        if (number >= _seen.Length) return;
        long now = _clock.Elapsed.Ticks;
        lock (_seen)
        {
            if (_seen[number]) return;
            _seen[number] = true;
            _distinct++;
            if (_firstTicks < 0) _firstTicks = now;
            _lastTicks = now;
        }
    }

    public void Dispose() => _listener.Close();
}
