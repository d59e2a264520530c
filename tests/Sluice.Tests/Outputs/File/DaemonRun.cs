using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Outputs.File;

/// <summary>
/// One daemon (sluiced or the real rsyslogd) run on a config text in its own temp directory ("{dir}" in the text),
/// fed over imtcp: the two daemons get the same config and the same bytes, and their output trees are compared.
/// Every wait is bounded; Dispose kills the daemon and removes the directory.
/// </summary>
internal sealed class DaemonRun : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private DaemonRun(DaemonProcess process, int port)
    {
        Process = process;
        Port = port;
    }

    public DaemonProcess Process { get; }
    public int Port { get; }
    public string Dir => Process.Dir.Path;

    public static string[] Daemons => ["sluiced", "rsyslogd"];

    public static DaemonRun Start(string daemon, string config, IReadOnlyDictionary<string, string>? environment = null)
    {
        string exe = daemon == "sluiced" ? RepoLayout.Sluiced : RepoLayout.Rsyslogd;
        var dir = new TempDir();
        DaemonProcess? p = null;
        try
        {
            dir.Sub("work");
            p = DaemonProcess.Start(daemon, exe, config.Replace("{dir}", dir.Path), dir, environment);
            int port = p.WaitForPort(dir.File("port"), TimeSpan.FromSeconds(30));
            return new DaemonRun(p, port);
        }
        catch
        {
            p?.Dispose();
            dir.Dispose();
            throw;
        }
    }

    /// <summary>Sends every frame octet-counted ("LEN SP FRAME") on one connection, in order.</summary>
    public void SendOctetCounted(IEnumerable<byte[]> frames)
    {
        var all = new List<byte>();
        foreach (var f in frames)
        {
            all.AddRange(Encoding.ASCII.GetBytes(f.Length + " "));
            all.AddRange(f);
        }
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Connect("127.0.0.1", Port);
        s.Send(all.ToArray());
        s.Shutdown(SocketShutdown.Send);
        s.ReceiveTimeout = 30_000;
        var buf = new byte[64];
        try
        {
            while (s.Receive(buf) > 0) { }
        }
        catch (SocketException)
        {
            // the daemon may reset instead of closing; what it received is what counts
        }
    }

    /// <summary>Polls (bounded) until <paramref name="done"/> holds; fails with the daemon's stderr otherwise.</summary>
    public void WaitUntil(Func<bool> done, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!done())
        {
            if (sw.Elapsed > Patience) Assert.Fail($"{Process.Name}: {what} not reached in {Patience.TotalSeconds} s\n{Process.Diagnostics()}");
            if (Process.HasExited) Assert.Fail($"{Process.Name} exited\n{Process.Diagnostics()}");
            Thread.Sleep(50);
        }
    }

    /// <summary>Everything the daemon has written to <paramref name="relative"/> so far (empty when missing).</summary>
    public byte[] Read(string relative)
    {
        string path = Path.Combine(Dir, relative);
        if (!System.IO.File.Exists(path)) return [];
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var ms = new MemoryStream();
        fs.CopyTo(ms);
        return ms.ToArray();
    }

    public int CountLines(string relative) => Read(relative).Count(b => b == (byte)'\n');

    /// <summary>Every file under <paramref name="relative"/>, by path relative to the run's directory.</summary>
    public SortedDictionary<string, byte[]> Tree(string relative)
    {
        var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        string root = Path.Combine(Dir, relative);
        if (!Directory.Exists(root)) return result;
        foreach (var f in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
            result[Path.GetRelativePath(Dir, f)] = Read(Path.GetRelativePath(Dir, f));
        return result;
    }

    public void Dispose()
    {
        var dir = Process.Dir;
        Process.Dispose();
        dir.Dispose();
    }

    /// <summary>Asserts equal bytes, showing the first differing line escaped.</summary>
    public static void AssertSameBytes(byte[] expected, byte[] actual, string what)
    {
        if (expected.AsSpan().SequenceEqual(actual)) return;
        var e = Split(expected);
        var a = Split(actual);
        for (int i = 0; i < Math.Max(e.Count, a.Count); i++)
        {
            string el = i < e.Count ? e[i] : "<none>", al = i < a.Count ? a[i] : "<none>";
            if (el != al) Assert.Fail($"{what}: line {i + 1} differs\n rsyslogd: {el}\n sluiced:  {al}");
        }
        Assert.Fail($"{what}: the bytes differ");
    }

    private static List<string> Split(byte[] bytes)
    {
        var lines = new List<string>();
        var sb = new StringBuilder();
        foreach (byte b in bytes)
        {
            if (b == (byte)'\n')
            {
                lines.Add(sb.ToString());
                sb.Clear();
            }
            else if (b < 32 || b > 126) sb.Append($"\\x{b:X2}");
            else sb.Append((char)b);
        }
        if (sb.Length > 0) lines.Add(sb.ToString());
        return lines;
    }
}
