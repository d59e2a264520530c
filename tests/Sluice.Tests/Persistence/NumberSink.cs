using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sluice.Tests.Persistence;

/// <summary>
/// The forwarding target of the persistence tests: a TCP receiver on a fixed 127.0.0.1 port that counts, per
/// number, how often a complete line carrying "&lt;run&gt; seq=&lt;number&gt;" arrived (a line cut off by a killed
/// sender does not count). It can be started late (the target "comes up") and stopped (it "goes down").
/// </summary>
public sealed class NumberSink : IDisposable
{
    /// <summary>Counts that outlive one sink (the target going down and up again).</summary>
    public sealed class Tally
    {
        public Tally(int size) => Counts = new int[size];
        public int[] Counts { get; }
        public int Distinct;
        public long Total;
    }

    private readonly byte[] _marker;
    private readonly Tally _tally;
    private readonly int[] _counts;
    private int _receivers;
    private readonly Socket _listener;
    private readonly Thread _accept;
    private readonly List<Socket> _connections = new();
    private volatile bool _stopped;

    public NumberSink(int port, string run, int size) : this(port, run, new Tally(size))
    {
    }

    public NumberSink(int port, string run, Tally tally)
    {
        _marker = System.Text.Encoding.ASCII.GetBytes(run + " seq=");
        _tally = tally;
        _counts = tally.Counts;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        _listener.Listen(64);
        _accept = new Thread(AcceptLoop) { IsBackground = true, Name = "number-sink" };
        _accept.Start();
    }

    /// <summary>A port nobody listens on now (for a target that is down until the test starts it).</summary>
    public static int FreePort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    public int Distinct { get { lock (_counts) return _tally.Distinct; } }
    public long Total { get { lock (_counts) return _tally.Total; } }
    public int CountOf(int number) { lock (_counts) return _counts[number]; }

    /// <summary>A copy of the per-number counts (index = number).</summary>
    public int[] Counts() { lock (_counts) return (int[])_counts.Clone(); }

    public bool WaitForDistinct(int atLeast, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (Distinct < atLeast)
        {
            if (sw.Elapsed > timeout) return false;
            Thread.Sleep(20);
        }
        return true;
    }

    private void AcceptLoop()
    {
        while (!_stopped)
        {
            Socket c;
            try { c = _listener.Accept(); }
            catch (SocketException) { return; }
            catch (ObjectDisposedException) { return; }
            lock (_connections) _connections.Add(c);
            Interlocked.Increment(ref _receivers);
            new Thread(() => Receive(c)) { IsBackground = true, Name = "number-sink-conn" }.Start();
        }
    }

    private void Receive(Socket c)
    {
        var buffer = new byte[256 * 1024];
        int filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                int n = c.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
                if (n <= 0) return;
                filled += n;
                int start = 0;
                while (true)
                {
                    int lf = Array.IndexOf(buffer, (byte)'\n', start, filled - start);
                    if (lf < 0) break;
                    Count(buffer.AsSpan(start, lf - start));
                    start = lf + 1;
                }
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
            }
        }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        finally { Interlocked.Decrement(ref _receivers); }
    }

    /// <summary>
    /// The target goes down once its senders are gone: stops accepting, reads every open connection to its end
    /// (what a killed sender's kernel still delivers), then closes.
    /// </summary>
    public void StopAfterSendersGone(TimeSpan timeout)
    {
        _listener.Close();
        var sw = Stopwatch.StartNew();
        while (Volatile.Read(ref _receivers) > 0 && sw.Elapsed < timeout) Thread.Sleep(10);
        Dispose();
    }

    private void Count(ReadOnlySpan<byte> line)
    {
        int at = line.IndexOf(_marker);
        if (at < 0) return;
        int number = 0, i = at + _marker.Length, digits = 0;
        while (i < line.Length && line[i] >= '0' && line[i] <= '9') { number = number * 10 + (line[i] - '0'); i++; digits++; }
        if (digits == 0 || number >= _counts.Length) return;
        lock (_counts)
        {
            if (_counts[number]++ == 0) _tally.Distinct++;
            _tally.Total++;
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _listener.Close();
        _accept.Join(5000);
        lock (_connections)
            foreach (var c in _connections) { try { c.Close(); } catch (ObjectDisposedException) { } }
    }
}
