using System.Text;
using Sluice.Engine.Config;
using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Serialization;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Modifiers;
using Sluice.Engine.Properties;
using Sluice.Engine.Queues.Disk;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;
using Sluice.Tests.Queues.Disk;

namespace Sluice.Tests.Messages.Serialization;

/// <summary>
/// The uuid (once created) and parsesuccess survive the disk queue's serialization: a message read back renders the
/// same %uuid%, %parsesuccess% and jsonmesg as before it was written.
/// </summary>
public sealed class MessageStateSerializationTests
{
    private static readonly Template State =
        new TemplateFactory().CreateStringTemplate("state", "%uuid% %parsesuccess%", SourceLocation.None);

    private static readonly Template Jsonmesg = new TemplateFactory().CreateStringTemplate("jm", "%jsonmesg%", SourceLocation.None);

    private static Message Parsed(string msg) => SampleMessages.Parse("<13>Oct 11 22:14:15 host app: " + msg);

    private static void JsonParse(Message m) => new JsonParser("@cee:"u8.ToArray(), VariablePath.Parse("!"), useRawMsg: false).Modify(m);

    private static byte[] Serialize(Message m)
    {
        var bytes = new byte[MessageSerializer.GetLength(m)];
        Assert.Equal(bytes.Length, MessageSerializer.Write(m, bytes));
        return bytes;
    }

    private static Message Read(byte[] bytes)
    {
        var back = MessageSerializer.Read(bytes, new MessagePool(), new MessageReadContext(), out var result);
        Assert.Equal(MessageReadResult.Ok, result);
        return back!;
    }

    [Fact]
    public void A_created_uuid_and_parsesuccess_OK_survive()
    {
        var m = Parsed("@cee: {\"a\":1}");
        JsonParse(m);
        string before = SampleMessages.Render(State, m); // creates the uuid
        Assert.EndsWith(" OK", before);
        var back = Read(Serialize(m));
        Assert.True(MessageUuid.HasUuid(back));
        Assert.Equal(before, SampleMessages.Render(State, back));
        Assert.Equal(SampleMessages.Render(Jsonmesg, m), SampleMessages.Render(Jsonmesg, back));
    }

    [Fact]
    public void Without_them_the_message_reads_back_without_a_uuid_and_with_FAIL()
    {
        var m = Parsed("plain");
        var back = Read(Serialize(m));
        Assert.False(MessageUuid.HasUuid(back));
        Assert.Contains("\"uuid\": null", SampleMessages.Render(Jsonmesg, back)); // as before it was written
        Assert.EndsWith(" FAIL", SampleMessages.Render(State, back));
        Assert.True(MessageUuid.HasUuid(back)); // created on first use after reading, like any message's

        var failed = Parsed("not json");
        JsonParse(failed);
        Assert.False(failed.ParseSuccess);
        Assert.EndsWith(" FAIL", SampleMessages.Render(State, Read(Serialize(failed))));
    }

    [Fact]
    public void Both_survive_with_variables_and_a_reused_pooled_message()
    {
        var pool = new MessagePool();
        var context = new MessageReadContext();
        var a = Parsed("@cee: {\"x\":{\"y\":[1,2]}}");
        JsonParse(a);
        string stateA = SampleMessages.Render(State, a);
        var b = Parsed("plain");
        var backA = MessageSerializer.Read(Serialize(a), pool, context, out _)!;
        Assert.Equal(stateA, SampleMessages.Render(State, backA));
        Assert.Equal(SampleMessages.Render(Jsonmesg, a), SampleMessages.Render(Jsonmesg, backA));
        backA.Release();
        // The pooled message is reused: nothing of a's state may leak into b's.
        var backB = MessageSerializer.Read(Serialize(b), pool, context, out _)!;
        Assert.False(MessageUuid.HasUuid(backB));
        Assert.False(backB.ParseSuccess);
        backB.Release();
    }

    /// <summary>
    /// Another action may create the uuid between the disk queue's GetLength and Write (one message is shared by every
    /// queue holding it): Write keeps to the length it promised, with the state GetLength saw.
    /// </summary>
    [Fact]
    public void A_uuid_created_between_GetLength_and_Write_does_not_change_the_length()
    {
        var m = Parsed("@cee: {\"a\":1}");
        int length = MessageSerializer.GetLength(m);
        m.ParseSuccess = true;
        MessageUuid.GetOrCreate(m);
        var bytes = new byte[length];
        Assert.Equal(length, MessageSerializer.Write(m, bytes));
        var back = Read(bytes);
        Assert.False(MessageUuid.HasUuid(back));
        Assert.False(back.ParseSuccess);
        // The next write of the same message sees the new state.
        Assert.Equal(SampleMessages.Render(State, m), SampleMessages.Render(State, Read(Serialize(m))));
    }

    [Fact]
    public void A_uuid_section_of_the_wrong_size_is_refused()
    {
        var m = Parsed("x");
        MessageUuid.GetOrCreate(m);
        var bytes = Serialize(m);
        // The uuid section is last: type 3, length 16, 16 bytes, then the terminator.
        Assert.Equal(MessageSerializer.SectionUuid, bytes[^19]);
        Assert.Equal(16, bytes[^18]);
        var shortened = bytes[..^19].Concat(new byte[] { 3, 2, 0xAB, 0xCD, 0 }).ToArray();
        Assert.Null(MessageSerializer.Read(shortened, new MessagePool(), new MessageReadContext(), out var result));
        Assert.Equal(MessageReadResult.Malformed, result);
    }

    [Fact]
    public void Both_survive_the_disk_queue_store_and_a_reopen()
    {
        using var spool = new SpoolDir();
        var messages = new[] { Parsed("@cee: {\"n\":1}"), Parsed("plain"), Parsed("@cee: {\"n\":3}") };
        foreach (var m in messages) JsonParse(m);
        var expected = messages.Select((m, i) => i == 1 ? null : SampleMessages.Render(State, m)).ToArray();
        using (var store = spool.Open())
        {
            foreach (var m in messages) Assert.Equal(AppendResult.Ok, store.Append(m));
            Assert.True(store.Commit());
        }
        using var again = spool.Open();
        var pool = new MessagePool();
        var context = new MessageReadContext();
        for (int i = 0; i < messages.Length; i++)
        {
            Assert.True(again.TryReadMessage(pool, context, out var back, out _, out var result));
            Assert.Equal(MessageReadResult.Ok, result);
            if (expected[i] is { } text) Assert.Equal(text, SampleMessages.Render(State, back!));
            else Assert.False(MessageUuid.HasUuid(back!));
            Assert.Equal(messages[i].ParseSuccess, back!.ParseSuccess);
            back.Release();
        }
    }
}
