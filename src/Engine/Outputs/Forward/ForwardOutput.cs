using Sluice.Engine.Compression;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Outputs.Forward;

/// <summary>
/// One omfwd action: what TCP and UDP forwarding share. Transactions render and frame in parallel; the
/// protocol's <see cref="Deliver"/> runs in batch order under the output's lock. Failures are returned as
/// <see cref="ActionResult.Suspended"/> (after logging); retrying is the action runtime's job, and
/// <see cref="OutputInstance.TryResume"/> reconnects.
/// </summary>
public abstract class ForwardOutput : OutputInstance
{
    private readonly Template _template;
    private readonly StatsRegistry _stats;
    private readonly PlainTail _sealedTail = new(ZlibBlockCompressor.PrimerBytes);
    private int _sealedUndelivered;

    protected ForwardOutput(ForwardSettings settings, Template template, IInternalLog log, StatsRegistry stats)
    {
        Settings = settings;
        _template = template;
        _stats = stats;
        Log = log;
        // omfwd.c setupInstStatsCtrs: "TCP-<target>-<port>" / "UDP-…", origin omfwd.
        StatsObject = stats.Create(settings.StatsName, "omfwd");
        BytesSent = StatsObject.Add("bytes.sent");
        MessagesSent = StatsObject.Add("messages.sent");
        Connects = StatsObject.Add("num.connects");
    }

    public ForwardSettings Settings { get; }
    public Template Template => _template;
    public StatsObject StatsObject { get; }
    /// <summary>Bytes written to the network (after compression), as rsyslog counts them.</summary>
    public Counter BytesSent { get; }
    public Counter MessagesSent { get; }
    /// <summary>TCP connections made, or UDP sockets (re)created.</summary>
    public Counter Connects { get; }

    protected IInternalLog Log { get; }
    protected object Lock { get; } = new();

    public override OutputTransaction CreateTransaction() => new ForwardTransaction(this, _template, Settings);

    /// <summary>
    /// stream:always zlib: a transaction's batch is complete. True when another sealed batch is still waiting to
    /// be delivered: then compressing this one on its own worker runs in parallel with that one, and
    /// <paramref name="primer"/> gets the plaintext sealed before it — batches are committed in the order they are
    /// sealed, so that is what the stream will hold just before it (the stream verifies the guess). False when no
    /// other batch is in flight: the connection's own deflater, which keeps its whole window, is as fast then.
    /// Every seal is matched by one <see cref="NoteDone"/>.
    /// </summary>
    internal bool NoteSealed(ReadOnlySpan<byte> plain, PlainTail? primer)
    {
        lock (_sealedTail)
        {
            bool parallel = _sealedUndelivered++ > 0;
            if (parallel) primer?.CopyFrom(_sealedTail);
            _sealedTail.Append(plain);
            return parallel;
        }
    }

    /// <summary>A sealed batch was delivered or dropped.</summary>
    internal void NoteDone()
    {
        lock (_sealedTail) _sealedUndelivered--;
    }

    /// <summary>Sends one transaction's frames; called in batch order.</summary>
    internal ActionResult Deliver(FrameBatch batch)
    {
        lock (Lock) return DeliverLocked(batch);
    }

    protected abstract ActionResult DeliverLocked(FrameBatch batch);

    public override void Dispose()
    {
        _stats.Remove(StatsObject);
    }
}
