using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Sluice.Tests.Integration;

/// <summary>
/// One daemon process (sluiced or rsyslogd, same command line: -n -f CONF -i PIDFILE) in its own temp dir:
/// started in the foreground, stderr and stdout collected line by line, signalled with kill(1), and killed for
/// sure at dispose so that a failing test never leaves a daemon behind.
/// </summary>
public sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();
    private readonly object _gate = new();
    private readonly TempDir? _ownedDir;

    public string Name { get; }
    public TempDir Dir { get; }
    public string ConfigPath { get; }
    public int Pid => _process.Id;

    private DaemonProcess(string name, TempDir dir, bool ownsDir, string configPath, Process process)
    {
        Name = name; Dir = dir; ConfigPath = configPath; _process = process;
        _ownedDir = ownsDir ? dir : null;
    }

    /// <summary>
    /// Writes <paramref name="config"/> to DIR/NAME.conf and starts <paramref name="exe"/> on it, with
    /// <paramref name="environment"/> added to the inherited environment (e.g. TZ).
    /// </summary>
    public static DaemonProcess Start(string name, string exe, string config, TempDir? dir = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        bool owns = dir == null;
        dir ??= new TempDir();
        string conf = dir.File(name + ".conf");
        File.WriteAllText(conf, config);
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = dir.Path,
        };
        foreach (string a in new[] { "-n", "-f", conf, "-i", dir.File(name + ".pid") }) psi.ArgumentList.Add(a);
        if (environment != null)
            foreach (var (key, value) in environment) psi.Environment[key] = value;
        var p = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var d = new DaemonProcess(name, dir, owns, conf, p);
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (d._gate) d._stderr.Append(e.Data).Append('\n'); };
        p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (d._gate) d._stdout.Append(e.Data).Append('\n'); };
        if (!p.Start()) throw new InvalidOperationException($"could not start {exe}");
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        return d;
    }

    public string Stderr { get { lock (_gate) return _stderr.ToString(); } }
    public string Stdout { get { lock (_gate) return _stdout.ToString(); } }
    public bool HasExited => _process.HasExited;

    /// <summary>Text for assertion messages: what the daemon said.</summary>
    public string Diagnostics()
    {
        string err = Stderr;
        if (err.Length > 6000) err = "…" + err[^6000..];
        return $"[{Name} pid {_process.Id}{(HasExited ? $", exited {_process.ExitCode}" : "")}] stderr:\n{err}";
    }

    /// <summary>Waits for the port file imtcp writes for port="0" and returns the port.</summary>
    public int WaitForPort(string portFile, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (File.Exists(portFile))
            {
                string text = File.ReadAllText(portFile).Trim();
                if (int.TryParse(text, out int port) && port > 0) return port;
            }
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited before writing its port file {portFile}\n{Diagnostics()}");
            Thread.Sleep(50);
        }
        throw new TimeoutException($"{Name} wrote no port to {portFile} within {timeout.TotalSeconds} s\n{Diagnostics()}");
    }

    /// <summary>Sends a signal by name (HUP, TERM, USR1, ...) with kill(1).</summary>
    public void Signal(string signal)
    {
        var psi = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        psi.ArgumentList.Add("-s");
        psi.ArgumentList.Add(signal);
        psi.ArgumentList.Add(_process.Id.ToString());
        using var k = Process.Start(psi) ?? throw new InvalidOperationException("cannot run kill");
        string err = k.StandardError.ReadToEnd();
        k.WaitForExit();
        if (k.ExitCode != 0) throw new InvalidOperationException($"kill -s {signal} {_process.Id} failed: {err}\n{Diagnostics()}");
    }

    /// <summary>Waits for the process to exit; returns its exit code, or null on timeout.</summary>
    public int? WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return null;
        _process.WaitForExit(); // drains the redirected streams
        return _process.ExitCode;
    }

    /// <summary>Polls stderr until <paramref name="pattern"/> matches; returns the match or null at timeout.</summary>
    public Match? WaitForStderr(Regex pattern, TimeSpan timeout, Func<Match, bool>? accept = null)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            foreach (Match m in pattern.Matches(Stderr))
                if (accept == null || accept(m)) return m;
            if (sw.Elapsed > timeout) return null;
            Thread.Sleep(100);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _ownedDir?.Dispose();
    }
}
