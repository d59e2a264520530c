using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Properties;

namespace Sluice.Engine.Templates;

/// <summary>One piece of a compiled string template: constant text or a property.</summary>
public abstract class TemplateEntry
{
    public abstract void Render(Message message, ByteBuffer destination, in RenderContext context);
}

/// <summary>Literal bytes.</summary>
public sealed class ConstantEntry : TemplateEntry
{
    public ConstantEntry(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    public override void Render(Message message, ByteBuffer destination, in RenderContext context) => destination.Append(Bytes);
}

/// <summary>"%prop%": the property's value as it is.</summary>
public sealed class PropertyEntry : TemplateEntry
{
    public PropertyEntry(PropertyId property) => Property = property;

    public PropertyId Property { get; }

    public override void Render(Message message, ByteBuffer destination, in RenderContext context) =>
        PropertyWriter.Append(destination, Property, message, context);
}

/// <summary>"%prop:from:to:options%": the value run through the property replacer.</summary>
public sealed class ReplacerEntry : TemplateEntry
{
    public ReplacerEntry(PropertyId property, ReplacerOptions options)
    {
        Property = property;
        Options = options;
    }

    public PropertyId Property { get; }
    public ReplacerOptions Options { get; }

    public override void Render(Message message, ByteBuffer destination, in RenderContext context)
    {
        int start = destination.Length;
        bool privateCopy = PropertyWriter.Append(destination, Property, message, context,
            Options.DateFormat, Options.DateInUtc);
        PropertyReplacer.Apply(destination, start, privateCopy, Options);
    }
}
