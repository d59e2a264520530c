using System.Text;
using Sluice.Native;

namespace Sluice.Tests.Outputs.UserMessage;

/// <summary>
/// A pseudo-terminal standing in for a logged-in user's tty: the daemon writes to /dev/pts/N, the test reads the
/// master. The test keeps the slave open, as the user's shell would.
/// </summary>
public sealed class TestTerminal : IDisposable
{
    private readonly int _master;
    private readonly int _slave;
    private readonly StringBuilder _seen = new();

    public TestTerminal()
    {
        _master = PseudoTerminals.OpenMaster(out string slave);
        SlavePath = slave;
        var e = Terminals.OpenTerminal(Encoding.ASCII.GetBytes(slave + "\0"), out _slave);
        if (e != Errno.None)
        {
            Files.Close(_master);
            throw new NativeException("open", e, slave);
        }
    }

    public string SlavePath { get; }

    /// <summary>utmp's ut_line for this terminal ("pts/N").</summary>
    public string Line => SlavePath["/dev/".Length..];

    /// <summary>Fills the terminal's output until a write would block (a user who pressed Ctrl-S).</summary>
    public void FillUntilBlocked()
    {
        var chunk = new byte[512];
        chunk.AsSpan().Fill((byte)'.');
        for (int i = 0; i < 100_000; i++)
        {
            var e = Files.WriteAll(_slave, chunk, out _);
            if (e == Errno.EAGAIN) return;
            if (e != Errno.None) throw new NativeException("write", e, SlavePath);
        }
        throw new InvalidOperationException($"{SlavePath} never blocked");
    }

    /// <summary>Everything the master has received so far (non-blocking reads).</summary>
    public string Read()
    {
        var buffer = new byte[4096];
        while (Terminals.Read(_master, buffer, out int n) == Errno.None && n > 0) _seen.Append(Encoding.Latin1.GetString(buffer, 0, n));
        return _seen.ToString();
    }

    /// <summary>Reads until <paramref name="text"/> has arrived or the timeout passes; returns what was seen.</summary>
    public bool WaitFor(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Read().Contains(text, StringComparison.Ordinal)) return true;
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(20);
        }
    }

    public void Dispose()
    {
        Files.Close(_slave);
        Files.Close(_master);
    }
}
