using System.Text;
using BenchmarkDotNet.Attributes;
using Sluice.Engine.Framing;

namespace Sluice.Bench;

/// <summary>TcpFramer.Feed over a pre-built read buffer: one operation frames the whole buffer.</summary>
[MemoryDiagnoser]
public class FramerBenchmarks
{
    private const int Frames = 1000;
    private const string Line = "<134>Feb  5 17:32:18 myhost sshd[123]: Accepted password for user from 192.0.2.7 port 52144 ssh2";

    private byte[] _lfFrames = Array.Empty<byte>();
    private byte[] _octetCounted = Array.Empty<byte>();
    private TcpFramer _framer = null!;
    private readonly CountingSink _sink = new();

    [GlobalSetup]
    public void Setup()
    {
        var lf = new StringBuilder();
        var counted = new StringBuilder();
        for (int i = 0; i < Frames; i++)
        {
            string msg = Line + " seq=" + i;
            lf.Append(msg).Append('\n');
            counted.Append(Encoding.ASCII.GetByteCount(msg)).Append(' ').Append(msg);
        }
        _lfFrames = Encoding.ASCII.GetBytes(lf.ToString());
        _octetCounted = Encoding.ASCII.GetBytes(counted.ToString());
        _framer = new TcpFramer(new FramerOptions());
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int LfDelimited()
    {
        _framer.Feed(_lfFrames, _sink);
        return _sink.Count;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int OctetCounted()
    {
        _framer.Feed(_octetCounted, _sink);
        return _sink.Count;
    }

    private sealed class CountingSink : IFrameSink
    {
        public int Count;
        public long Bytes;

        public void OnFrame(ReadOnlySpan<byte> frame, bool truncated)
        {
            Count++;
            Bytes += frame.Length;
        }

        public void OnFramingError(FramingError error, int value) => throw new InvalidOperationException($"unexpected {error}");
    }
}
