using System.Diagnostics.CodeAnalysis;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Serialization;

namespace Sluice.Engine.Queues.Disk;

/// <summary>
/// A queue's disk part: messages serialized into a <see cref="DiskQueueStore"/> journal and read back into pooled
/// messages. A record that cannot be read back as a message (newer format, damage the checksum could not see) is
/// logged, counted in <see cref="Unreadable"/> and acknowledged with the batch it was read with.
/// </summary>
public sealed class DiskMessageStore : IQueueStore
{
    private readonly DiskQueueStore _store;
    private readonly MessagePool _pool;
    private readonly MessageReadContext _context;
    private readonly IInternalLog _log;
    private readonly string _name;
    private long _available;
    private long _unreadable;
    private long _pending;

    public DiskMessageStore(DiskQueueStore store, MessagePool pool, MessageReadContext context, IInternalLog log, string name)
    {
        _store = store;
        _pool = pool;
        _context = context;
        _log = log;
        _name = name;
        _available = store.Count;
        Recovered = store.Count;
    }

    /// <summary>Opens (and recovers) the journal described by <paramref name="options"/>.</summary>
    public static DiskMessageStore Open(DiskQueueOptions options, MessagePool pool, MessageReadContext context)
        => new(DiskQueueStore.Open(options), pool, context, options.Log, options.DisplayName);

    public DiskQueueStore Journal => _store;
    public long Recovered { get; }
    public long Available => Math.Max(0, Interlocked.Read(ref _available));
    public long Unreadable => Interlocked.Read(ref _unreadable);

    public AppendResult Append(Message message)
    {
        var r = _store.Append(message);
        if (r == AppendResult.Ok) Interlocked.Increment(ref _pending);
        else if (r == AppendResult.TooLarge)
            _log.Error($"queue {_name}: a message of {MessageSerializer.GetLength(message)} bytes is too large for a queue file and was discarded");
        return r;
    }

    public bool Commit()
    {
        // Available counts committed records (a hint for waiting readers): appends made while this commit runs
        // are counted by their own producer's commit.
        long appended = Interlocked.Exchange(ref _pending, 0);
        bool ok = _store.Commit();
        Interlocked.Add(ref _available, appended);
        return ok;
    }

    public bool TryDequeue([NotNullWhen(true)] out Message? message, out int consumed)
    {
        consumed = 0;
        while (_store.TryReadMessage(_pool, _context, out message, out _, out var result))
        {
            consumed++;
            Interlocked.Decrement(ref _available);
            if (message is not null) return true;
            long n = Interlocked.Increment(ref _unreadable);
            _log.Error($"queue {_name}: a stored record cannot be read back as a message ({result}); it is skipped ({n} so far)");
        }
        message = null;
        return false;
    }

    public void AcknowledgeDequeued() => _store.AcknowledgeRead();

    public void Dispose() => _store.Dispose();
}
