using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;

namespace Sluice.Engine.Runtime;

/// <summary>
/// rsyslog's MsgDup: an independent copy of a message — its bytes, parsed fields, origin and both variable trees
/// ($! and $.) — for a ruleset with its own queue, which `call` hands a copy instead of the message itself.
/// </summary>
public static class MessageCopy
{
    private static readonly VariablePath MessageRoot = VariablePath.Parse("!");
    private static readonly VariablePath LocalRoot = VariablePath.Parse(".");

    /// <summary>A copy rented from the source's own pool (a fresh message when the source is not pooled).</summary>
    public static Message Duplicate(Message source) => Duplicate(source, source.Pool ?? Unpooled);

    private static readonly MessagePool Unpooled = new(maxRetained: 0);

    public static Message Duplicate(Message source, MessagePool pool)
    {
        var copy = pool.Rent();
        int used = source.RawLength + source.DerivedLength;
        source.Buffer.AsSpan(0, used).CopyTo(copy.PrepareRaw(used));
        copy.RawLength = source.RawLength;
        copy.DerivedLength = source.DerivedLength;
        copy.Flags = source.Flags;
        copy.Pri = source.Pri;
        copy.AfterPriOffset = source.AfterPriOffset;
        copy.ProtocolVersion = source.ProtocolVersion;
        copy.TimeReported = source.TimeReported;
        copy.TimeGenerated = source.TimeGenerated;
        copy.Hostname = source.Hostname;
        copy.Tag = source.Tag;
        copy.ProgramName = source.ProgramName;
        copy.AppName = source.AppName;
        copy.ProcId = source.ProcId;
        copy.MsgId = source.MsgId;
        copy.StructuredData = source.StructuredData;
        copy.Msg = source.Msg;
        copy.Peer = source.Peer;
        copy.Input = source.Input;
        if (source.Variables is { IsEmpty: false } variables)
        {
            var target = copy.GetOrCreateVariables();
            if (variables.Tree.Root is { } tree) target.Tree.Set(MessageRoot, target.Pool.DeepCopy(tree), reset: true);
            if (variables.Locals.Root is { } locals) target.Locals.Set(LocalRoot, target.Pool.DeepCopy(locals), reset: true);
        }
        return copy;
    }
}
