using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Serialization;

namespace Sluice.Engine.Queues.Disk;

/// <summary>Serializes a message straight into the mapped segment.</summary>
public readonly struct MessageRecordWriter : IRecordWriter
{
    private readonly Message _message;

    public MessageRecordWriter(Message message) => _message = message;

    public void Write(Span<byte> destination) => MessageSerializer.Write(_message, destination);
}

/// <summary>Messages in and out of a <see cref="DiskQueueStore"/>: what a disk or disk-assisted queue calls.</summary>
public static class DiskQueueMessages
{
    /// <summary>Appends <paramref name="m"/> (the caller keeps its reference; Commit makes it durable).</summary>
    public static AppendResult Append(this DiskQueueStore store, Message m)
        => store.Append(MessageSerializer.GetLength(m), new MessageRecordWriter(m));

    /// <summary>
    /// Reads the next record as a message rented from <paramref name="pool"/>. A record that is not a readable
    /// message (a newer format, or damage the checksum could not see) is returned with <paramref name="message"/>
    /// null and <paramref name="result"/> saying why: acknowledge it with the rest, it cannot be delivered.
    /// </summary>
    public static bool TryReadMessage(this DiskQueueStore store, MessagePool pool, MessageReadContext context,
        out Message? message, out DiskPosition position, out MessageReadResult result)
    {
        if (!store.TryRead(out var record))
        {
            message = null;
            position = default;
            result = MessageReadResult.Ok;
            return false;
        }
        position = record.Position;
        message = MessageSerializer.Read(record.Payload, pool, context, out result);
        return true;
    }
}
