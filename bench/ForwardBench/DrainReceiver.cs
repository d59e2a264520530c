using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Compression.Decoders;
using Sluice.Engine.Framing;

namespace Sluice.ForwardBench;

/// <summary>
/// The far end of the forwarder: accepts connections on 127.0.0.1, reads everything, counts wire bytes and —
/// decoding zlib or zstd streams when told to — the lines (messages) delivered.
/// </summary>
internal sealed class DrainReceiver : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly string _decode;
    private readonly List<Thread> _threads = new();
    private long _wireBytes;
    private long _lines;

    /// <param name="decode">"none" (count LFs), "frames" (octet-counted or LF frames), "zlib" or "zstd".</param>
    public DrainReceiver(string decode)
    {
        _decode = decode;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        var t = new Thread(Accept) { IsBackground = true };
        t.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;
    public long WireBytes => Interlocked.Read(ref _wireBytes);
    public long Lines => Interlocked.Read(ref _lines);

    public void Dispose() => _listener.Close();

    private void Accept()
    {
        try
        {
            while (true)
            {
                var s = _listener.Accept();
                var t = new Thread(() => Drain(s)) { IsBackground = true };
                lock (_threads) _threads.Add(t);
                t.Start();
            }
        }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
    }

    private void Drain(Socket s)
    {
        using var net = new CountingStream(new NetworkStream(s, ownsSocket: true), this);
        try
        {
            if (_decode == "zlib")
            {
                using var z = new ZLibStream(net, CompressionMode.Decompress);
                CountLines(z);
            }
            else if (_decode == "zstd")
            {
                // The daemon's own decoder (libzstd streaming API), fed each read until it has taken all of it.
                using var d = new ZstdStreamDecoder();
                var buf = new byte[128 * 1024];
                int n;
                while ((n = net.Read(buf)) > 0)
                {
                    var input = buf.AsSpan(0, n);
                    while (true)
                    {
                        var status = d.Decode(input, out int consumed, out var output);
                        if (status == DecodeStatus.Error)
                            throw new InvalidDataException(d.Error);
                        Interlocked.Add(ref _lines, output.Count((byte)'\n'));
                        input = input[consumed..];
                        if (status == DecodeStatus.StreamEnd || (input.IsEmpty && output.IsEmpty)) break;
                    }
                }
            }
            else if (_decode == "frames")
            {
                var framer = new TcpFramer(new FramerOptions { MaxMessageSize = 64 * 1024 });
                var sink = new FrameCounter(this);
                var buf = new byte[128 * 1024];
                int n;
                while ((n = net.Read(buf)) > 0) framer.Feed(buf.AsSpan(0, n), sink);
            }
            else
            {
                CountLines(net);
            }
        }
        catch (IOException) { }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"receiver: bad {_decode} stream: {e.Message}");
        }
    }

    private void CountLines(Stream s)
    {
        var buf = new byte[128 * 1024];
        int n;
        while ((n = s.Read(buf)) > 0) Interlocked.Add(ref _lines, buf.AsSpan(0, n).Count((byte)'\n'));
    }

    private sealed class FrameCounter(DrainReceiver owner) : IFrameSink
    {
        public void OnFrame(ReadOnlySpan<byte> frame, bool truncated) => Interlocked.Increment(ref owner._lines);
        public void OnFramingError(FramingError error, int value) => Console.Error.WriteLine($"receiver: framing error {error} ({value})");
    }

    private sealed class CountingStream(Stream inner, DrainReceiver owner) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));
        private int Count(int n)
        {
            Interlocked.Add(ref owner._wireBytes, n);
            return n;
        }
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
