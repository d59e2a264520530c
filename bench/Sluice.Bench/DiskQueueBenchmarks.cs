using BenchmarkDotNet.Attributes;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Serialization;
using Sluice.Engine.Parsing;
using Sluice.Engine.Queues.Disk;
using Sluice.Engine.Runtime;

namespace Sluice.Bench;

/// <summary>
/// The disk queue store with real parsed messages (serialized straight into the mapped segment), one operation
/// being one message. AppendCommit: a batch of <see cref="Batch"/> appends, then one Commit. ReadAck: read a batch
/// back into pooled messages, then one Acknowledge. "Sync" is checkpointInterval=1 + syncQueueFiles=on (msync
/// per commit, state file fsynced per acknowledge); "NoSync" the defaults (still safe against kill -9). The spool
/// is under /tmp, on the machine's disk. Each iteration runs a fixed number of batches so the spool stays bounded.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Batches)]
public class DiskQueueBenchmarks
{
    private const int Batch = 128;
    private const int Batches = 512;

    [Params(false, true)]
    public bool Sync { get; set; }

    private string _dir = null!;
    private DiskQueueStore _store = null!;
    private readonly MessagePool _pool = new();
    private readonly MessageReadContext _context = new();
    private Message[] _messages = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("sluice-bench-diskq-").FullName;
        _store = DiskQueueStore.Open(new DiskQueueOptions
        {
            Directory = _dir,
            FileName = "bench",
            MaxFileSize = 16 * 1024 * 1024,
            CheckpointInterval = Sync ? 1 : 0,
            SyncQueueFiles = Sync,
            Log = StderrLog.Instance,
        });
        var parser = new SyslogParser(new GlobalSettings());
        var input = new InputInfo("imtcp", "remote");
        var peer = new PeerInfo("web01.example.com"u8.ToArray(), "192.0.2.10"u8.ToArray(), "51514"u8.ToArray());
        string[] lines =
        [
            "<134>Feb  5 17:32:18 myhost sshd[123]: Accepted password for user from 192.0.2.7 port 52144 ssh2",
            "<165>1 2026-02-05T17:32:18.123456+01:00 web01 nginx 4711 ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\"] GET /index.html 200",
            "<13>Feb 15 01:02:03 host01 kernel: [12345.678] eth0: link up",
            "<86>2026-02-05T17:32:18Z gw haproxy[900]: 10.0.0.1:4242 [05/Feb/2026:17:32:18.001] fe be/srv 0/0/1/2/3 200 512",
        ];
        _messages = new Message[lines.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            var m = new Message { Input = input, Peer = peer, TimeGenerated = SyslogTime.FromDateTimeOffset(DateTimeOffset.Now) };
            m.SetRaw(System.Text.Encoding.ASCII.GetBytes(lines[i]));
            parser.Parse(m);
            _messages[i] = m;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [IterationCleanup(Target = nameof(AppendCommit))]
    public void DrainAfterAppend() => Drain();

    [IterationSetup(Target = nameof(ReadAck))]
    public void FillBeforeRead()
    {
        Drain();
        for (int b = 0; b < Batches; b++) AppendBatch();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void AppendCommit() => AppendBatch();

    [Benchmark(OperationsPerInvoke = Batch)]
    public int ReadAck()
    {
        int n = 0;
        for (; n < Batch; n++)
        {
            if (!_store.TryReadMessage(_pool, _context, out var m, out _, out _)) break;
            m!.Release();
        }
        _store.AcknowledgeRead();
        return n;
    }

    private void AppendBatch()
    {
        for (int i = 0; i < Batch; i++)
            if (_store.Append(_messages[i & 3]) != AppendResult.Ok) throw new InvalidOperationException("append refused");
        if (!_store.Commit()) throw new InvalidOperationException("commit failed");
    }

    private void Drain()
    {
        while (_store.TryRead(out _)) { }
        _store.AcknowledgeRead();
    }
}

/// <summary>Serializing a parsed message into a buffer and reading it back into a pooled message (one operation each).</summary>
[MemoryDiagnoser]
public class MessageSerializationBenchmarks
{
    private readonly byte[] _buffer = new byte[4096];
    private readonly MessagePool _pool = new();
    private readonly MessageReadContext _context = new();
    private Message _message = null!;
    private int _length;

    [GlobalSetup]
    public void Setup()
    {
        _message = new Message
        {
            Input = new InputInfo("imtcp", "remote"),
            Peer = new PeerInfo("web01.example.com"u8.ToArray(), "192.0.2.10"u8.ToArray(), "51514"u8.ToArray()),
            TimeGenerated = SyslogTime.FromDateTimeOffset(DateTimeOffset.Now),
        };
        _message.SetRaw("<134>Feb  5 17:32:18 myhost sshd[123]: Accepted password for user from 192.0.2.7 port 52144 ssh2"u8);
        new SyslogParser(new GlobalSettings()).Parse(_message);
        _length = MessageSerializer.Write(_message, _buffer);
    }

    [Benchmark]
    public int Write() => MessageSerializer.Write(_message, _buffer.AsSpan(0, MessageSerializer.GetLength(_message)));

    [Benchmark]
    public int Read()
    {
        var m = MessageSerializer.Read(_buffer.AsSpan(0, _length), _pool, _context, out _)!;
        int n = m.RawLength;
        m.Release();
        return n;
    }
}
