using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sluice.Tests.Outputs.Forward;

/// <summary>
/// A TCP receiver on 127.0.0.1 for omfwd tests: accepts any number of connections and keeps the bytes of each
/// one separately, in arrival order. Waits are bounded; Dispose stops everything.
/// </summary>
public sealed class TestTcpListener : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Connection> _connections = new();
    private readonly Thread _acceptThread;
    private volatile bool _stopped;

    public TestTcpListener(int port = 0)
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        _listener.Listen(64);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "test-listener" };
        _acceptThread.Start();
    }

    public int Port { get; }

    public int ConnectionCount
    {
        get { lock (_connections) return _connections.Count; }
    }

    /// <summary>The bytes received on each connection so far, in accept order.</summary>
    public List<byte[]> Received()
    {
        lock (_connections) return _connections.Select(c => c.Snapshot()).ToList();
    }

    /// <summary>Everything received, all connections concatenated in accept order.</summary>
    public byte[] All() => Received().SelectMany(b => b).ToArray();

    /// <summary>Whether each connection has been closed by the sender (EOF read).</summary>
    public List<bool> Closed()
    {
        lock (_connections) return _connections.Select(c => c.Ended).ToList();
    }

    public bool WaitUntil(Func<TestTcpListener, bool> condition, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var sw = Stopwatch.StartNew();
        while (!condition(this))
        {
            if (sw.Elapsed > limit) return false;
            Thread.Sleep(10);
        }
        return true;
    }

    /// <summary>Closes every accepted connection from this side (the peer went away); keeps listening.</summary>
    public void DropConnections()
    {
        lock (_connections)
            foreach (var c in _connections) c.Close();
    }

    public void Dispose()
    {
        _stopped = true;
        _listener.Close();
        _acceptThread.Join(5000);
        lock (_connections)
            foreach (var c in _connections) c.Close();
    }

    private void AcceptLoop()
    {
        while (!_stopped)
        {
            Socket s;
            try
            {
                s = _listener.Accept();
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            var c = new Connection(s);
            lock (_connections) _connections.Add(c);
            c.Start();
        }
    }

    private sealed class Connection
    {
        private readonly Socket _socket;
        private readonly MemoryStream _data = new();
        private readonly Thread _reader;

        public Connection(Socket socket)
        {
            _socket = socket;
            _reader = new Thread(ReadLoop) { IsBackground = true, Name = "test-listener-conn" };
        }

        public bool Ended { get; private set; }

        public void Start() => _reader.Start();

        public byte[] Snapshot()
        {
            lock (_data) return _data.ToArray();
        }

        public void Close()
        {
            try { _socket.Close(); } catch (ObjectDisposedException) { }
            _reader.Join(5000);
        }

        private void ReadLoop()
        {
            var buf = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    int n = _socket.Receive(buf);
                    if (n == 0) break;
                    lock (_data) _data.Write(buf, 0, n);
                }
                Ended = true;
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
