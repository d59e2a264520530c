using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Templates.BuiltIn;

namespace Sluice.Engine.Templates;

/// <summary>Compiles string, legacy and plugin templates and provides rsyslog's built-in ones. Cold path.</summary>
public sealed class TemplateFactory : ITemplateFactory
{
    public Template CreateStringTemplate(string name, string text, SourceLocation location)
    {
        var parser = new StringTemplateParser(name, text, 0, location, legacy: false);
        return new StringTemplate(name, parser.Parse());
    }

    public Template CreateLegacyTemplate(string name, string definition, SourceLocation location)
    {
        int p = SkipSpace(definition, 0);
        if (p < definition.Length && definition[p] == '=')
        {
            int end = p + 1;
            while (end < definition.Length && !char.IsWhiteSpace(definition[end])) end++;
            return CreatePluginTemplate(name, definition.Substring(p + 1, end - p - 1), location);
        }
        if (p >= definition.Length || definition[p] != '"')
            throw new ConfigException(location, $"template '{name}': the template text must start with '\"'");

        var parser = new StringTemplateParser(name, definition, p + 1, location, legacy: true);
        var template = new StringTemplate(name, parser.Parse());
        CheckLegacyOptions(name, definition, parser.Position, location);
        return template;
    }

    public Template CreatePluginTemplate(string name, string plugin, SourceLocation location)
    {
        var template = BuiltInTemplates.CreateStrgen(plugin, name);
        if (template is not null) return template;
        string? close = NameSuggester.Closest(plugin, BuiltInTemplates.StrgenNames);
        throw new ConfigException(location, close is null
            ? $"template '{name}': strgen module '{plugin}' not found"
            : $"template '{name}': strgen module '{plugin}' not found (did you mean '{close}'?)");
    }

    public void AddBuiltIns(TemplateRegistry registry)
    {
        var at = SourceLocation.None;
        registry.Add(FileFormatTemplate.FileFormat(), at);
        registry.Add(FileFormatTemplate.Traditional(), at);
        registry.Add(ForwardFormatTemplate.ForwardFormat(), at);
        registry.Add(ForwardFormatTemplate.Traditional(), at);
        registry.Add(CreateStringTemplate(BuiltInTemplates.SysklogdFileFormat, BuiltInTemplates.SysklogdFileFormatText, at), at);
        registry.Add(CreateStringTemplate(BuiltInTemplates.SyslogProtocol23Format, BuiltInTemplates.SyslogProtocol23FormatText, at), at);
        registry.Add(CreateStringTemplate(BuiltInTemplates.SyslogRFC5424Format, BuiltInTemplates.SyslogRFC5424FormatText, at), at);
        registry.Add(CreateStringTemplate(BuiltInTemplates.DebugFormat, BuiltInTemplates.DebugFormatText, at), at);
    }

    /// <summary>Options after the closing quote: ", sql", ", stdsql", ", json", ", nosql", ", casesensitive".</summary>
    private static void CheckLegacyOptions(string name, string definition, int p, SourceLocation location)
    {
        while (true)
        {
            p = SkipSpace(definition, p);
            if (p >= definition.Length) return;
            if (definition[p] != ',')
                throw new ConfigException(location, $"template '{name}': unexpected text after the template: '{definition[p..]}'");
            p = SkipSpace(definition, p + 1);
            int start = p;
            while (p < definition.Length && definition[p] != ',' && !char.IsWhiteSpace(definition[p])) p++;
            string option = definition[start..p].ToLowerInvariant();
            switch (option)
            {
                case "nosql":
                case "casesensitive": // only changes how $! names are matched; Sluice has no variables yet
                    break;
                case "sql":
                case "stdsql":
                case "json":
                    throw new ConfigException(location, $"template '{name}': template option '{option}' is not supported yet");
                default:
                    throw new ConfigException(location, $"template '{name}': invalid template option '{option}'");
            }
        }
    }

    private static int SkipSpace(string s, int p)
    {
        while (p < s.Length && char.IsWhiteSpace(s[p])) p++;
        return p;
    }
}
