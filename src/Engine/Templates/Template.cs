using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;

namespace Sluice.Engine.Templates;

/// <summary>A compiled template: renders a message as bytes straight into an output's buffer.</summary>
public abstract class Template
{
    protected Template(string name) => Name = name;

    public string Name { get; }

    public abstract void Render(Message message, ByteBuffer destination, in RenderContext context);
}
