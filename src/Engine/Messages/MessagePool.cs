using Microsoft.Extensions.ObjectPool;

namespace Sluice.Engine.Messages;

/// <summary>
/// The pool every input rents messages from. Messages keep their (grown) buffers across reuse, so steady
/// state allocates nothing; a message is returned by its last <see cref="Message.Release"/>.
/// </summary>
public sealed class MessagePool
{
    private readonly DefaultObjectPool<Message> _pool;

    public MessagePool(int maxRetained = 8192)
    {
        _pool = new DefaultObjectPool<Message>(new Policy(), maxRetained);
    }

    public Message Rent()
    {
        var m = _pool.Get();
        m.Pool = this;
        m.OnRent();
        return m;
    }

    internal void Return(Message m) => _pool.Return(m);

    private sealed class Policy : PooledObjectPolicy<Message>
    {
        // Oversized buffers (a rare 200 KB frame) are not kept, so the pool's memory stays bounded.
        private const int MaxKeptBuffer = 64 * 1024;
        public override Message Create() => new();
        public override bool Return(Message obj) => obj.Buffer.Length <= MaxKeptBuffer;
    }
}
