namespace Sluice.Engine.Messages;

/// <summary>
/// A reusable array of messages: what every arrow in the data flow carries. Owned by one thread at a time.
/// </summary>
public sealed class MessageBatch
{
    private readonly Message[] _items;

    public MessageBatch(int capacity) => _items = new Message[capacity];

    public int Count { get; private set; }
    public int Capacity => _items.Length;
    public bool IsFull => Count == _items.Length;

    public Message this[int index] => _items[index];

    public void Add(Message m) => _items[Count++] = m;

    /// <summary>Forgets the references (ownership has moved on, e.g. into a queue).</summary>
    public void Clear()
    {
        Array.Clear(_items, 0, Count);
        Count = 0;
    }

    public ReadOnlySpan<Message> AsSpan() => new(_items, 0, Count);
}
