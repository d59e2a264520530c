using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;

namespace Sluice.Engine.Templates;

/// <summary>A compiled string template: its entries rendered one after the other.</summary>
public sealed class StringTemplate : Template
{
    private readonly TemplateEntry[] _entries;

    public StringTemplate(string name, IReadOnlyList<TemplateEntry> entries) : base(name)
    {
        _entries = entries.ToArray();
    }

    public IReadOnlyList<TemplateEntry> Entries => _entries;

    public override void Render(Message message, ByteBuffer destination, in RenderContext context)
    {
        var entries = _entries;
        for (int i = 0; i < entries.Length; i++) entries[i].Render(message, destination, context);
    }
}
