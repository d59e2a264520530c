using Sluice.BenchCommon;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sluice.ForwardBench;
using Sluice.LoadGen;

namespace Sluice.DecompressBench;

/// <summary>
/// Runs one daemon on one case: sends every connection's stream at once, each on its own connection, and waits
/// until the output file holds every message. Time runs from the first send until the last marker is seen; CPU
/// is the daemon's utime + stime over the same interval.
/// </summary>
internal static class DaemonRun
{
    public sealed record Result(int Messages, double Seconds, double CpuSeconds, long WireBytes);

    public static Result Run(Case c, string exe, byte[][] streams, int messages, byte[] runPrefix, TimeSpan timeout)
    {
        string dir = Directory.CreateTempSubdirectory("decompressbench-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "work"));
            using var d = BenchDaemon.Start(exe, dir, c.Daemon, c.Config(dir));
            var p = d.Process;
            int port = d.WaitForPort(Path.Combine(dir, "port"));
            Thread.Sleep(1000); // let start-up work settle before the clocks start
            string output = Path.Combine(dir, "out.log");
            File.AppendAllText(output, ""); // so the follower can open it before the first write
            using var follower = new MarkerFollower(output, runPrefix);
            double cpu0 = CpuClock.ProcessSeconds(p.Id);
            var sw = Stopwatch.StartNew();
            var senders = streams.Select(s => new Thread(() => Send(port, s))).ToList();
            foreach (var t in senders) t.Start();
            while (follower.Found < messages)
            {
                if (!follower.Poll()) Thread.Sleep(2);
                if (sw.Elapsed > timeout || p.HasExited)
                {
                    throw new InvalidOperationException($"{c.Daemon}/{c.Label}: {follower.Found} of {messages} messages arrived\n{d.Stderr}");
                }
            }
            double seconds = sw.Elapsed.TotalSeconds;
            double cpu = CpuClock.ProcessSeconds(p.Id) - cpu0;
            foreach (var t in senders) t.Join();
            return new Result(messages, seconds, cpu, streams.Sum(s => (long)s.Length));
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static void Send(int port, byte[] stream)
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Connect(new IPEndPoint(IPAddress.Loopback, port));
        var data = stream.AsSpan();
        while (data.Length > 0) data = data[s.Send(data)..];
        s.Shutdown(SocketShutdown.Send);
        // Wait for the daemon to close: closing first could reset the connection before it read everything.
        var buf = new byte[64];
        s.ReceiveTimeout = 600_000;
        try { while (s.Receive(buf) > 0) { } } catch (SocketException) { }
    }
}
