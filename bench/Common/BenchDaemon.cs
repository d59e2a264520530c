using System.Diagnostics;
using System.Text;

namespace Sluice.BenchCommon;

/// <summary>
/// A daemon under benchmark (sluiced or rsyslogd): started in the foreground on a config written to its own
/// directory, with its own pid file, stdout discarded and stderr kept for error reports; killed on dispose.
/// </summary>
public sealed class BenchDaemon : IDisposable
{
    private readonly StringBuilder _stderr = new();

    private BenchDaemon(Process process) => Process = process;

    public Process Process { get; }

    public bool HasExited => Process.HasExited;

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Writes <paramref name="config"/> to DIR/NAME.conf and starts <paramref name="exe"/> -n -f on it.</summary>
    public static BenchDaemon Start(string exe, string dir, string name, string config)
    {
        string conf = Path.Combine(dir, name + ".conf");
        File.WriteAllText(conf, config);
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { "-n", "-f", conf, "-i", Path.Combine(dir, "pid") }) psi.ArgumentList.Add(a);
        var daemon = new BenchDaemon(Process.Start(psi)!);
        daemon.Process.ErrorDataReceived += daemon.OnStderr;
        daemon.Process.OutputDataReceived += static (_, _) => { };
        daemon.Process.BeginErrorReadLine();
        daemon.Process.BeginOutputReadLine();
        return daemon;
    }

    private void OnStderr(object sender, DataReceivedEventArgs e)
    {
        if (e.Data != null) lock (_stderr) _stderr.AppendLine(e.Data);
    }

    /// <summary>The port an imtcp input with listenPortFileName wrote (bounded wait).</summary>
    public int WaitForPort(string portFile)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile).Trim(), out int port) && port > 0) return port;
            if (Process.HasExited) throw new InvalidOperationException($"{Process.StartInfo.FileName} exited before listening\n{Stderr}");
            Thread.Sleep(20);
        }
        throw new TimeoutException($"{Process.StartInfo.FileName} wrote no port file\n{Stderr}");
    }

    /// <summary>SIGTERM, as an operator stops the daemon; true when it exited within <paramref name="timeout"/>.</summary>
    public bool Terminate(TimeSpan timeout)
    {
        if (!Process.HasExited)
        {
            // kill(1) rather than a libc binding: native calls live in src/Native only (DESIGN.md).
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Process.Id.ToString()]) { UseShellExecute = false })!;
            kill.WaitForExit();
        }
        return Process.WaitForExit(timeout);
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill();
        Process.WaitForExit(10_000);
        Process.Dispose();
    }
}
