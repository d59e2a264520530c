using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;

namespace Sluice.Engine.Templates;

/// <summary>
/// A compiled string or list template: its constant and property entries rendered one after the other, with the
/// template's format option applied as rsyslog's tplToString does.
/// </summary>
public sealed class EntryTemplate : Template
{
    private readonly TemplateEntry[] _entries;

    public EntryTemplate(string name, IReadOnlyList<TemplateEntry> entries, TemplateOption option = TemplateOption.None) : base(name)
    {
        _entries = entries.ToArray();
        Option = option;
    }

    public IReadOnlyList<TemplateEntry> Entries => _entries;
    public TemplateOption Option { get; }

    public override void Render(Message message, ByteBuffer destination, in RenderContext context)
    {
        var entries = _entries;
        switch (Option)
        {
            case TemplateOption.None:
                for (int i = 0; i < entries.Length; i++) entries[i].Render(message, destination, context);
                return;
            case TemplateOption.JsonF:
                RenderJsonFields(message, destination, context);
                return;
            default:
                for (int i = 0; i < entries.Length; i++)
                {
                    int start = destination.Length;
                    entries[i].Render(message, destination, context);
                    // Constants are written as they are; only property values are escaped.
                    if (entries[i] is not ConstantEntry) TemplateEscaping.Apply(destination, start, Option);
                }
                return;
        }
    }

    /// <summary>
    /// option.jsonf: "{", every entry that renders something (constants too), separated by ", ", and "}\n" after the
    /// last entry whether or not it rendered anything. Entries are expected to be jsonf fields.
    /// </summary>
    private void RenderJsonFields(Message message, ByteBuffer destination, in RenderContext context)
    {
        var entries = _entries;
        destination.Append((byte)'{');
        bool comma = false;
        for (int i = 0; i < entries.Length; i++)
        {
            int before = destination.Length;
            if (comma) destination.Append(", "u8);
            int start = destination.Length;
            entries[i].Render(message, destination, context);
            if (destination.Length == start) destination.Truncate(before);
            else comma = true;
        }
        if (entries.Length > 0) destination.Append("}\n"u8);
    }
}
