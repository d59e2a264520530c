using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;

namespace Sluice.Engine.Modifiers;

/// <summary>
/// A message modification action in the action slot: its transaction changes the message when the rule reaches it
/// (Add runs at the statement's turn), so the actions after it render the changed message and the ones before it
/// have already rendered the original, as with rsyslog's direct action queues. There is nothing to deliver.
/// </summary>
public sealed class ModifierOutput : OutputInstance
{
    public ModifierOutput(MessageModifier modifier) => Modifier = modifier;

    public MessageModifier Modifier { get; }

    public override OutputTransaction CreateTransaction() => new Transaction(Modifier);

    private sealed class Transaction(MessageModifier modifier) : OutputTransaction
    {
        public override ActionResult Add(Message message, in RenderContext context)
        {
            modifier.Modify(message);
            return ActionResult.Ok;
        }

        public override ActionResult Commit() => ActionResult.Ok;

        public override void Discard() { }
    }
}
