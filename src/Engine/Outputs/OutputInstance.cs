using Sluice.Engine.Messages;

namespace Sluice.Engine.Outputs;

/// <summary>
/// One configured action's output (an omfile file, an omfwd target …). Each queue worker that runs the
/// action gets its own <see cref="OutputTransaction"/>: messages are rendered into it when the rule runs
/// (in parallel across workers), and committed to the target in batch order.
/// </summary>
public abstract class OutputInstance : IDisposable
{
    public abstract OutputTransaction CreateTransaction();

    /// <summary>SIGHUP: close and reopen files (logrotate).</summary>
    public virtual void Reopen() { }

    /// <summary>Periodic tick (about once a second) for flushInterval and close timeouts.</summary>
    public virtual void OnTimer(long nowMilliseconds) { }

    /// <summary>Shutdown: write out everything buffered.</summary>
    public virtual void Flush() { }

    /// <summary>
    /// rsyslog's tryResume, called by the action runtime while the action is retrying, before it commits again:
    /// re-establish what the output needs (a connection, a socket). Return <see cref="ActionResult.Suspended"/>
    /// while the target is known to be unreachable, <see cref="ActionResult.Ok"/> to let the next commit tell.
    /// The default is what rsyslog's omfile does (always Ok); the runtime treats every tenth Ok followed by a
    /// failing commit as a failure, as rsyslog does, so a wrong Ok cannot make it spin. Never sleep or retry here.
    /// </summary>
    public virtual ActionResult TryResume() => ActionResult.Ok;

    public virtual void Dispose() { }
}

/// <summary>A worker's batch for one output: Add renders, Commit delivers. Reused from batch to batch.</summary>
public abstract class OutputTransaction
{
    /// <summary>Renders one message into the transaction (no I/O needed yet).</summary>
    public abstract ActionResult Add(Message message, in RenderContext context);

    /// <summary>
    /// The batch is complete. Called in batch order (quick work only: note what precedes what), before
    /// <see cref="Prepare"/>.
    /// </summary>
    public virtual void Seal() { }

    /// <summary>
    /// Per-batch work that needs no target (stream compression of a large batch), on the worker's thread before it
    /// waits for its turn to commit, so workers do it in parallel.
    /// </summary>
    public virtual void Prepare() { }

    /// <summary>Delivers everything added since the last commit; the transaction is empty afterwards.</summary>
    public abstract ActionResult Commit();

    /// <summary>Drops what was added (the action is suspended or shutting down without delivery).</summary>
    public abstract void Discard();
}

/// <summary>Per-batch facts for rendering: time is read once per batch (DESIGN.md hot-path rule).</summary>
public readonly struct RenderContext
{
    public RenderContext(SyslogTime now, byte[] localHostName)
    {
        Now = now;
        LocalHostName = localHostName;
    }

    public SyslogTime Now { get; }
    public byte[] LocalHostName { get; }
}
