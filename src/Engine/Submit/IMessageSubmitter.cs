using Sluice.Engine.Messages;

namespace Sluice.Engine.Submit;

/// <summary>How long an input may be held back when the queue is filling up (rsyslog flow-control types).</summary>
public enum FlowControl
{
    /// <summary>Never delayed (UDP, internal messages).</summary>
    NoDelay,
    /// <summary>Delayed at the queue's light-delay mark (network stream inputs: imtcp, imrelp).</summary>
    LightDelay,
    /// <summary>Delayed at the full-delay mark (local inputs that can wait: imuxsock, imfile).</summary>
    FullDelay,
}

/// <summary>
/// The one path from inputs into the engine. Takes ownership of every message in the batch (the batch is
/// cleared); messages that cannot be queued are counted and released, never silently lost.
/// </summary>
public interface IMessageSubmitter
{
    void Submit(MessageBatch batch, FlowControl flowControl);
}
