using Sluice.BenchCommon;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sluice.LoadGen;

namespace Sluice.ForwardBench;

/// <summary>
/// sluiced and rsyslogd with the same configuration (imtcp on 127.0.0.1 → omfwd with the mode's parameters →
/// a local receiver): the time from the first byte sent until the receiver has every message, and the daemon's
/// CPU time (utime + stime) over that interval.
/// </summary>
internal static class DaemonComparison
{
    public sealed record Result(string Daemon, BenchMode Mode, int Messages, double Seconds, double CpuSeconds, long WireBytes);

    public static Result Run(string daemon, string exe, BenchMode mode, ConnectionStream stream, int messages)
    {
        using var receiver = new DrainReceiver(mode.Decode);
        string dir = Directory.CreateTempSubdirectory("forwardbench-").FullName;
        try
        {
            string portFile = Path.Combine(dir, "port");
            Directory.CreateDirectory(Path.Combine(dir, "work"));
            using var d = BenchDaemon.Start(exe, dir, daemon, string.Join('\n',
                $"global(workDirectory=\"{dir}/work\")",
                "module(load=\"imtcp\")",
                $"input(type=\"imtcp\" port=\"0\" listenPortFileName=\"{portFile}\" address=\"127.0.0.1\")",
                $"action(type=\"omfwd\" target=\"127.0.0.1\" port=\"{receiver.Port}\" protocol=\"tcp\" {mode.ConfigText})") + "\n");
            var p = d.Process;
            int port = d.WaitForPort(portFile);
            Thread.Sleep(1000); // let start-up work settle before the CPU clock starts
            long startLines = receiver.Lines;
            double cpu0 = CpuClock.ProcessSeconds(p.Id);
            var sw = Stopwatch.StartNew();
            using (var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                s.Connect(new IPEndPoint(IPAddress.Loopback, port));
                var data = stream.Bytes.AsSpan(0, stream.Length);
                while (data.Length > 0) data = data[s.Send(data)..];
                s.Shutdown(SocketShutdown.Send);
            }
            while (receiver.Lines - startLines < messages)
            {
                if (sw.Elapsed > TimeSpan.FromMinutes(5) || p.HasExited)
                    throw new InvalidOperationException($"{daemon}/{mode.Name}: {receiver.Lines - startLines} of {messages} messages arrived");
                Thread.Sleep(5);
            }
            double seconds = sw.Elapsed.TotalSeconds;
            double cpu = CpuClock.ProcessSeconds(p.Id) - cpu0;
            return new Result(daemon, mode, messages, seconds, cpu, receiver.WireBytes);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
