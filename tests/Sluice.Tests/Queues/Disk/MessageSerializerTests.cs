using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Serialization;
using Sluice.Engine.Parsing;
using Sluice.Engine.Properties;
using Sluice.Engine.Queues.Disk;
using Sluice.Engine.Runtime;
using Sluice.Tests.Parsing;

namespace Sluice.Tests.Queues.Disk;

/// <summary>
/// A message's whole state survives the disk queue: every real parsed message of the parser corpus is written,
/// read back into a pooled message and compared field by field and property by property.
/// </summary>
public sealed class MessageSerializerTests
{
    private static readonly SyslogTime Received =
        SyslogTime.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 3, 6, 46, TimeSpan.FromHours(-5)).AddTicks(4501300));

    private static readonly PeerInfo[] Peers =
    [
        PeerInfo.Local,
        new("web01.example.com"u8.ToArray(), "192.0.2.10"u8.ToArray(), "51514"u8.ToArray()),
        new("2001:db8::7"u8.ToArray(), "2001:db8::7"u8.ToArray(), "601"u8.ToArray()),
        new(Array.Empty<byte>(), Array.Empty<byte>(), Array.Empty<byte>()),
    ];

    private static readonly InputInfo[] Inputs =
    [
        new("imtcp", null),
        new("imtcp", "remote"),
        new("imuxsock", null, parseHostname: false),
        new("imudp", "règles-ü"),
        InputInfo.Internal,
    ];

    private static readonly string[] Properties =
    [
        "msg", "rawmsg", "rawmsg-after-pri", "hostname", "fromhost", "fromhost-ip", "fromhost-port", "syslogtag", "programname",
        "pri", "pri-text", "iut", "syslogfacility", "syslogfacility-text", "syslogseverity", "syslogseverity-text",
        "timegenerated", "timereported", "protocol-version", "structured-data", "app-name", "procid", "msgid", "inputname",
    ];

    /// <summary>The corpus, parsed the way inputs do, with varied senders, inputs and flags.</summary>
    internal static List<Message> ParsedCorpus()
    {
        var list = new List<Message>();
        var parsers = new[]
        {
            new SyslogParser(new GlobalSettings()),
            new SyslogParser(new GlobalSettings { EscapeControlCharactersOnReceive = false }),
        };
        int i = 0;
        foreach (var line in ParserCorpus.Default.Concat(ParserCorpus.Sanitizing))
        {
            var input = Inputs[i % Inputs.Length];
            var m = new Message
            {
                Input = input,
                Peer = Peers[i % Peers.Length],
                TimeGenerated = i % 7 == 3 ? default : Received,
            };
            m.SetRaw(line);
            parsers[i % parsers.Length].Parse(m);
            if (i % 11 == 5) m.Flags |= MessageFlags.Truncated;
            list.Add(m);
            i++;
        }
        return list;
    }

    internal static void AssertSameState(Message expected, Message actual, string because)
    {
        Assert.True(expected.Buffer.AsSpan(0, expected.RawLength + expected.DerivedLength)
            .SequenceEqual(actual.Buffer.AsSpan(0, actual.RawLength + actual.DerivedLength)), because);
        Assert.Equal(expected.RawLength, actual.RawLength);
        Assert.Equal(expected.DerivedLength, actual.DerivedLength);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.Pri, actual.Pri);
        Assert.Equal(expected.AfterPriOffset, actual.AfterPriOffset);
        Assert.Equal(expected.ProtocolVersion, actual.ProtocolVersion);
        Assert.Equal(expected.TimeReported, actual.TimeReported);
        Assert.Equal(expected.TimeGenerated, actual.TimeGenerated);
        Assert.Equal(expected.Hostname, actual.Hostname);
        Assert.Equal(expected.Tag, actual.Tag);
        Assert.Equal(expected.ProgramName, actual.ProgramName);
        Assert.Equal(expected.AppName, actual.AppName);
        Assert.Equal(expected.ProcId, actual.ProcId);
        Assert.Equal(expected.MsgId, actual.MsgId);
        Assert.Equal(expected.StructuredData, actual.StructuredData);
        Assert.Equal(expected.Msg, actual.Msg);
        Assert.Equal(expected.Peer.FromHost, actual.Peer.FromHost);
        Assert.Equal(expected.Peer.FromHostIp, actual.Peer.FromHostIp);
        Assert.Equal(expected.Peer.FromHostPort, actual.Peer.FromHostPort);
        Assert.Equal(expected.Input.InputName, actual.Input.InputName);
        Assert.Equal(expected.Input.RulesetName, actual.Input.RulesetName);
        Assert.Equal(expected.Input.ParseHostname, actual.Input.ParseHostname);
        foreach (var p in Properties)
            Assert.Equal(MessageProperties.Get(expected, p), MessageProperties.Get(actual, p));
        Assert.Equal(MessageProperties.Get(expected, "timereported", DateFormat.Rfc3339), MessageProperties.Get(actual, "timereported", DateFormat.Rfc3339));
        Assert.Equal(MessageProperties.Get(expected, "timegenerated", DateFormat.Rfc3339), MessageProperties.Get(actual, "timegenerated", DateFormat.Rfc3339));
    }

    private static byte[] Serialize(Message m)
    {
        var bytes = new byte[MessageSerializer.GetLength(m)];
        Assert.Equal(bytes.Length, MessageSerializer.Write(m, bytes));
        return bytes;
    }

    [Fact]
    public void Every_parsed_corpus_message_round_trips_field_by_field()
    {
        var pool = new MessagePool();
        var context = new MessageReadContext();
        var corpus = ParsedCorpus();
        Assert.True(corpus.Count > 100);
        Assert.Contains(corpus, m => m.DerivedLength > 0);
        Assert.Contains(corpus, m => m.ProtocolVersion == 1);
        foreach (var m in corpus)
        {
            var bytes = Serialize(m);
            var back = MessageSerializer.Read(bytes, pool, context, out var result);
            Assert.Equal(MessageReadResult.Ok, result);
            AssertSameState(m, back!, Encoding.UTF8.GetString(m.Raw));
            back!.Release();
        }
    }

    [Fact]
    public void The_encoding_is_compact()
    {
        // Besides the message's own bytes: two timestamps, eight ranges, sender "localhost"/"127.0.0.1", input "imtcp".
        var m = ParsedCorpus()[0];
        int overhead = MessageSerializer.GetLength(m) - m.RawLength - m.DerivedLength;
        Assert.True(overhead < 100, $"{overhead} bytes besides the message text");
    }

    [Fact]
    public void Inputs_and_senders_are_shared_objects_after_reading_and_live_inputs_are_returned_as_they_are()
    {
        var live = new InputInfo("imtcp", "remote");
        var cache = new InputInfoCache();
        cache.Add(live);
        var context = new MessageReadContext(cache);
        var pool = new MessagePool();
        var peer = new PeerInfo("h"u8.ToArray(), "10.0.0.1"u8.ToArray(), "514"u8.ToArray());

        Message ReadBack(InputInfo input, PeerInfo p)
        {
            var m = new Message { Input = input, Peer = p };
            m.SetRaw("<13>Nov 22 08:00:00 host tag: x"u8);
            return MessageSerializer.Read(Serialize(m), pool, context, out _)!;
        }

        var a = ReadBack(new InputInfo("imtcp", "remote"), peer);
        var b = ReadBack(new InputInfo("imtcp", "remote"), new PeerInfo("h"u8.ToArray(), "10.0.0.1"u8.ToArray(), "514"u8.ToArray()));
        Assert.Same(live, a.Input);
        Assert.Same(live, b.Input);
        Assert.Same(a.Peer, b.Peer);
        // Not the same input: another ruleset, or the default one.
        Assert.NotSame(live, ReadBack(new InputInfo("imtcp", null), peer).Input);
        var other = ReadBack(new InputInfo("imtcp", "other"), peer).Input;
        Assert.Equal("other", other.RulesetName);
        Assert.Same(other, ReadBack(new InputInfo("imtcp", "other"), peer).Input);
        Assert.Same(InputInfo.Internal, ReadBack(InputInfo.Internal, PeerInfo.Local).Input);
        Assert.Same(PeerInfo.Local, ReadBack(InputInfo.Internal, PeerInfo.Local).Peer);
    }

    [Fact]
    public void Writing_allocates_nothing_and_reading_allocates_nothing_once_inputs_and_senders_were_seen()
    {
        var corpus = ParsedCorpus().Take(40).ToList();
        var buffer = new byte[64 * 1024];
        var pool = new MessagePool();
        var context = new MessageReadContext();
        var lengths = new int[corpus.Count];
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < corpus.Count; i++)
                lengths[i] = MessageSerializer.Write(corpus[i], buffer.AsSpan(i * 1024, MessageSerializer.GetLength(corpus[i])));
            for (int i = 0; i < corpus.Count; i++)
            {
                var m = MessageSerializer.Read(buffer.AsSpan(i * 1024, lengths[i]), pool, context, out _)!;
                m.Release();
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (round == 2) Assert.Equal(0, allocated);
        }
    }

    [Fact]
    public void Message_and_local_variables_survive_the_round_trip()
    {
        var m = ParsedCorpus()[2];
        var vars = m.GetOrCreateVariables();
        Assert.True(vars.AddJson(Sluice.Engine.Messages.Variables.VariablePath.Parse("!"), "{\"user\":{\"id\":42,\"name\":\"zoë\"},\"tags\":[\"a\",1.5,true,null]}"u8));
        Assert.True(vars.AddJson(Sluice.Engine.Messages.Variables.VariablePath.Parse(".x"), "{\"n\":7}"u8));
        var bytes = Serialize(m);
        var back = MessageSerializer.Read(bytes, new MessagePool(), new MessageReadContext(), out var result);
        Assert.Equal(MessageReadResult.Ok, result);
        AssertSameState(m, back!, "with variables");
        Assert.Equal(Json(m.Variables!.Tree.Root!), Json(back!.Variables!.Tree.Root!));
        Assert.Equal(Json(m.Variables.Locals.Root!), Json(back.Variables.Locals.Root!));
        Assert.Equal("{ \"user\": { \"id\": 42, \"name\": \"zoë\" }, \"tags\": [ \"a\", 1.5, true, null ] }", Json(back.Variables.Tree.Root!));
        // A message without variables gets none back.
        var plain = MessageSerializer.Read(Serialize(ParsedCorpus()[3]), new MessagePool(), new MessageReadContext(), out _);
        Assert.True(plain!.Variables is null || plain.Variables.IsEmpty);
    }

    private static string Json(Sluice.Engine.Messages.Variables.JsonNode node)
    {
        var b = new Sluice.Engine.Templates.ByteBuffer();
        Sluice.Engine.Messages.Variables.JsonWriter.Write(b, node);
        return Encoding.UTF8.GetString(b.WrittenSpan);
    }

    [Fact]
    public void Unknown_sections_are_skipped_so_later_additions_stay_readable()
    {
        var m = ParsedCorpus()[3];
        var bytes = Serialize(m);
        Assert.Equal(0, bytes[^1]);
        // Two sections of a future kind, then the terminator.
        var extended = bytes[..^1].Concat(new byte[] { 9, 3, 1, 2, 3, 1, 0, 0 }).ToArray();
        var back = MessageSerializer.Read(extended, new MessagePool(), new MessageReadContext(), out var result);
        Assert.Equal(MessageReadResult.Ok, result);
        AssertSameState(m, back!, "with sections");
    }

    [Fact]
    public void Damaged_or_foreign_bytes_are_refused_without_throwing()
    {
        var pool = new MessagePool();
        var context = new MessageReadContext();
        var bytes = Serialize(ParsedCorpus()[7]);
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            Assert.Null(MessageSerializer.Read(bytes.AsSpan(0, cut), pool, context, out var r));
            Assert.NotEqual(MessageReadResult.Ok, r);
        }
        var newer = (byte[])bytes.Clone();
        newer[0] = 2;
        MessageSerializer.Read(newer, pool, context, out var version);
        Assert.Equal(MessageReadResult.UnknownVersion, version);

        var rng = new Random(7);
        for (int i = 0; i < 20_000; i++)
        {
            var noise = (byte[])bytes.Clone();
            for (int k = rng.Next(1, 4); k > 0; k--) noise[rng.Next(noise.Length)] = (byte)rng.Next(256);
            var m = MessageSerializer.Read(noise, pool, context, out _);
            m?.Release();
        }
        for (int i = 0; i < 2000; i++)
        {
            var noise = new byte[rng.Next(0, 300)];
            rng.NextBytes(noise);
            if (noise.Length > 0) noise[0] = 1;
            MessageSerializer.Read(noise, pool, context, out _)?.Release();
        }
    }

    [Fact]
    public void Messages_survive_the_disk_queue_and_a_reopen()
    {
        using var spool = new SpoolDir();
        var corpus = ParsedCorpus();
        using (var store = spool.Open(maxFileSize: 8192))
        {
            foreach (var m in corpus) Assert.Equal(AppendResult.Ok, store.Append(m));
            Assert.True(store.Commit());
        }
        var pool = new MessagePool();
        using var again = spool.Open(maxFileSize: 8192);
        var context = new MessageReadContext();
        foreach (var m in corpus)
        {
            Assert.True(again.TryReadMessage(pool, context, out var back, out _, out var result));
            Assert.Equal(MessageReadResult.Ok, result);
            AssertSameState(m, back!, Encoding.UTF8.GetString(m.Raw));
            back!.Release();
        }
        Assert.False(again.TryReadMessage(pool, context, out _, out _, out _));
    }
}
