using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Sluice.Tests.Parsing;

/// <summary>
/// The real rsyslogd (Debian's 8.2302) run for one test: its own temp directory, a config we write (no system
/// sockets, imtcp on an ephemeral port published through listenPortFileName), output to {dir}/out. Every wait is
/// bounded; Dispose kills the process and removes the directory.
/// </summary>
internal sealed class RsyslogDaemon : IDisposable
{
    public const string Binary = "/usr/sbin/rsyslogd";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _console; // filled by the process's output events; lock it to read

    public string Dir { get; }
    public int Port { get; }
    public string OutputPath => Path.Combine(Dir, "out");

    private RsyslogDaemon(string dir, Process process, int port, StringBuilder console)
    {
        _console = console;
        Dir = dir;
        _process = process;
        Port = port;
    }

    /// <summary>
    /// Starts rsyslogd with <paramref name="configBody"/>, where "{dir}" stands for the work directory. The body
    /// must declare an imtcp input with listenPortFileName="{dir}/port".
    /// </summary>
    public static RsyslogDaemon Start(string configBody, string? timeZone = null)
    {
        string dir = Path.Combine(Path.GetTempPath(), "sluice-parsers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "work"));
        string conf = Path.Combine(dir, "rsyslog.conf");
        File.WriteAllText(conf, configBody.Replace("{dir}", dir));

        var psi = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-n", "-f", conf, "-i", Path.Combine(dir, "rsyslogd.pid") }) psi.ArgumentList.Add(a);
        if (timeZone != null) psi.Environment["TZ"] = timeZone;

        var process = Process.Start(psi) ?? throw new InvalidOperationException("rsyslogd did not start");
        var console = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (console) console.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (console) console.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        string portFile = Path.Combine(dir, "port");
        var sw = Stopwatch.StartNew();
        while (true)
        {
            if (File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile).Trim(), out int port) && port > 0)
            {
                return new RsyslogDaemon(dir, process, port, console);
            }
            if (process.HasExited || sw.Elapsed > StartTimeout)
            {
                string text;
                lock (console) text = console.ToString();
                if (!process.HasExited) process.Kill();
                process.WaitForExit(10_000);
                TryDelete(dir);
                throw new InvalidOperationException($"rsyslogd did not publish its port (exited={process.HasExited}): {text}");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>Sends <paramref name="stream"/> on one TCP connection and closes it.</summary>
    public void SendTcp(ReadOnlySpan<byte> stream)
    {
        using var s = Integration.LoopbackTcp.Connect(Port);
        s.Send(stream);
        s.Shutdown(SocketShutdown.Send);
    }

    /// <summary>
    /// Sends <paramref name="stream"/> on one TCP connection, half-closes it and waits (bounded) until rsyslogd
    /// closes its side: by then it has read the end of the stream and submitted or discarded what it held.
    /// </summary>
    public void SendAndAwaitClose(ReadOnlySpan<byte> stream)
    {
        using var s = Integration.LoopbackTcp.Connect(Port);
        s.Send(stream);
        s.Shutdown(SocketShutdown.Send);
        s.ReceiveTimeout = 30_000;
        var buf = new byte[256];
        while (s.Receive(buf) > 0) { }
    }

    /// <summary>Sends every frame octet-counted ("LEN SP FRAME"), so frames may hold LF or start with a digit.</summary>
    public void SendOctetCounted(IEnumerable<byte[]> frames)
    {
        var all = new List<byte>();
        foreach (var f in frames)
        {
            all.AddRange(Encoding.ASCII.GetBytes(f.Length + " "));
            all.AddRange(f);
        }
        SendTcp(all.ToArray());
    }

    /// <summary>Waits (bounded) for a file rsyslogd creates, such as an imuxsock socket.</summary>
    public void WaitForFile(string path)
    {
        var sw = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            if (sw.Elapsed > StartTimeout) throw new TimeoutException($"{path} did not appear. Console: {Console}");
            Thread.Sleep(50);
        }
    }

    public static void SendUnixDatagram(string socketPath, byte[] datagram)
    {
        using var s = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        s.SendTo(datagram, new UnixDomainSocketEndPoint(socketPath));
    }

    /// <summary>
    /// Waits (bounded) until the output file (or <paramref name="path"/>) holds <paramref name="count"/> complete
    /// lines and returns them.
    /// </summary>
    public List<byte[]> WaitForLines(int count, TimeSpan? timeout = null, string? path = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var sw = Stopwatch.StartNew();
        List<byte[]> lines = [];
        while (sw.Elapsed < limit)
        {
            lines = ReadLines(path);
            if (lines.Count >= count) return lines;
            Thread.Sleep(50);
        }
        throw new TimeoutException($"rsyslogd wrote {lines.Count} of {count} lines to {path ?? OutputPath} in {limit}. Console: {Console}");
    }

    /// <summary>The complete lines written so far to the output file (or <paramref name="path"/>); a trailing partial line is left out.</summary>
    public List<byte[]> ReadLines(string? path = null)
    {
        var lines = new List<byte[]>();
        byte[] all = ReadBytes(path ?? OutputPath);
        int start = 0;
        for (int i = 0; i < all.Length; i++)
        {
            if (all[i] != (byte)'\n') continue;
            lines.Add(all.AsSpan(start, i - start).ToArray());
            start = i + 1;
        }
        return lines;
    }

    /// <summary>Everything rsyslogd has written to <paramref name="path"/> so far (empty when it does not exist yet).</summary>
    public static byte[] ReadBytes(string path)
    {
        if (!File.Exists(path)) return [];
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var ms = new MemoryStream();
        fs.CopyTo(ms);
        return ms.ToArray();
    }

    public string Console
    {
        get { lock (_console) return _console.ToString(); }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        TryDelete(Dir);
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
