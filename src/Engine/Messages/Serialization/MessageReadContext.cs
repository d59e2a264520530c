namespace Sluice.Engine.Messages.Serialization;

/// <summary>
/// What reading messages back needs besides the bytes: how to re-bind the input (and through it the ruleset)
/// and the shared sender objects. One per queue (or per engine); thread-safe.
/// </summary>
public sealed class MessageReadContext
{
    public MessageReadContext(IInputInfoResolver? inputs = null, PeerInfoCache? peers = null)
    {
        Inputs = inputs ?? new InputInfoCache();
        Peers = peers ?? new PeerInfoCache();
    }

    public IInputInfoResolver Inputs { get; }
    public PeerInfoCache Peers { get; }
}
