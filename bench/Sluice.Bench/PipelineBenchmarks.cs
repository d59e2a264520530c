using System.Text;
using BenchmarkDotNet.Attributes;
using Sluice.Engine.Framing;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Parsing;
using Sluice.Engine.Runtime;
using Sluice.Engine.Templates;
using Sluice.Engine.Templates.BuiltIn;

namespace Sluice.Bench;

/// <summary>
/// The per-message hot path as the daemon runs it: frame a received chunk, copy each frame into a pooled
/// message, parse it, render RSYSLOG_FileFormat into an output buffer, release the message. The design
/// rule is 0 B allocated per message in steady state; [MemoryDiagnoser] proves it.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const int MessagesPerChunk = 64;

    private static readonly string[] Lines =
    {
        "<134>Feb  5 17:32:18 myhost sshd[123]: Accepted password for user from 192.0.2.7 port 52144 ssh2",
        "<165>1 2026-02-05T17:32:18.123456+01:00 web01 nginx 4711 ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\"] GET /index.html 200",
        "<13>Feb 15 01:02:03 host01 kernel: [12345.678] eth0: link up",
        "<86>2026-02-05T17:32:18Z gw haproxy[900]: 10.0.0.1:4242 [05/Feb/2026:17:32:18.001] fe be/srv 0/0/1/2/3 200 512",
    };

    private readonly TcpFramer _framer = new(new FramerOptions());
    private readonly MessagePool _pool = new();
    private readonly SyslogParser _parser = new(new GlobalSettings());
    private readonly ByteBuffer _out = new(64 * 1024);
    private byte[] _chunk = null!;
    private byte[][] _lines = null!;
    private Sink _sink = null!;

    private sealed class Sink : IFrameSink
    {
        public MessagePool Pool = null!;
        public SyslogParser Parser = null!;
        public Template Template = null!;
        public ByteBuffer Out = null!;
        public RenderContext Context;
        public SyslogTime Now;
        public int Count;

        public void OnFrame(ReadOnlySpan<byte> frame, bool truncated)
        {
            var m = Pool.Rent();
            m.SetRaw(frame);
            m.TimeGenerated = Now;
            m.Peer = PeerInfo.Local;
            Parser.Parse(m);
            Template.Render(m, Out, Context);
            m.Release();
            Count++;
        }

        public void OnFramingError(FramingError error, int value) { }
    }

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < MessagesPerChunk; i++)
        {
            string line = Lines[i % Lines.Length];
            // Half LF-delimited, half octet-counted, as real peers mix them.
            if (i % 2 == 0) sb.Append(line).Append('\n');
            else sb.Append(Encoding.ASCII.GetByteCount(line)).Append(' ').Append(line);
        }
        _chunk = Encoding.ASCII.GetBytes(sb.ToString());
        _lines = Array.ConvertAll(Lines, l => Encoding.ASCII.GetBytes(l));

        var registry = new TemplateRegistry();
        new TemplateFactory().AddBuiltIns(registry);
        var now = SyslogTime.FromDateTimeOffset(new DateTimeOffset(2026, 2, 5, 17, 32, 19, TimeSpan.FromHours(1)));
        _sink = new Sink
        {
            Pool = _pool, Parser = _parser, Out = _out, Now = now,
            Template = registry.Find(BuiltInTemplates.FileFormat)!,
            Context = new RenderContext(now, "collector"u8.ToArray()),
        };
    }

    /// <summary>One chunk of 64 messages: divide the time by 64 for the per-message cost.</summary>
    [Benchmark(OperationsPerInvoke = MessagesPerChunk)]
    public int FrameParseRender()
    {
        _out.Clear();
        _sink.Count = 0;
        _framer.Feed(_chunk, _sink);
        return _sink.Count;
    }

    [Benchmark(OperationsPerInvoke = MessagesPerChunk)]
    public int ParseOnly()
    {
        int n = 0;
        for (int i = 0; i < MessagesPerChunk; i++)
        {
            var m = _pool.Rent();
            m.SetRaw(_lines[i % _lines.Length]);
            m.TimeGenerated = _sink.Now;
            _parser.Parse(m);
            n += m.Msg.Length;
            m.Release();
        }
        return n;
    }
}
