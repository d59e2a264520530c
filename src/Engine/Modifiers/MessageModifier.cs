using Sluice.Engine.Messages;

namespace Sluice.Engine.Modifiers;

/// <summary>
/// What a message modification action does to each message that reaches it (rsyslog's mm* doAction). Runs on queue
/// worker threads, several messages at once: implementations keep no per-message state, and change the message in
/// place (spans in, no allocation).
/// </summary>
public abstract class MessageModifier
{
    public abstract void Modify(Message message);
}
