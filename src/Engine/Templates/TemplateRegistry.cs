using Sluice.Engine.Config;

namespace Sluice.Engine.Templates;

/// <summary>
/// Templates by name: the built-in RSYSLOG_* ones plus those the config defines. rsyslog looks templates
/// up by exact name (template.c tplFind), so lookups are case-sensitive.
/// </summary>
public sealed class TemplateRegistry
{
    private readonly Dictionary<string, Template> _templates = new(StringComparer.Ordinal);

    public void Add(Template template, SourceLocation location)
    {
        if (!_templates.TryAdd(template.Name, template))
            throw new ConfigException(location, $"template '{template.Name}' is defined more than once");
    }

    public Template? Find(string name) => _templates.TryGetValue(name, out var t) ? t : null;

    public IEnumerable<string> Names => _templates.Keys;
}
