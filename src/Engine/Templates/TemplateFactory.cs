using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Templates.BuiltIn;

namespace Sluice.Engine.Templates;

/// <summary>Compiles string, legacy and plugin templates and provides rsyslog's built-in ones. Cold path.</summary>
public sealed class TemplateFactory : ITemplateFactory
{
    public Template CreateStringTemplate(string name, string text, SourceLocation location, TemplateOption option = TemplateOption.None,
        bool caseSensitive = false)
    {
        var parser = new StringTemplateParser(name, text, 0, location, legacy: false, caseSensitive);
        return new EntryTemplate(name, parser.Parse(), option);
    }

    public Template CreateListTemplate(string name, IReadOnlyList<ListTemplateEntry> entries, TemplateOption option, SourceLocation location,
        bool caseSensitive = false) =>
        ListTemplateCompiler.Compile(name, entries, option, location, caseSensitive);

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
        var entries = parser.Parse();
        var (option, caseSensitive) = LegacyOptions(name, definition, parser.Position, location);
        // The options come after the text: with ", casesensitive" the text is compiled again, keeping variable names' case.
        if (caseSensitive) entries = new StringTemplateParser(name, definition, p + 1, location, legacy: true, caseSensitive: true).Parse();
        return new EntryTemplate(name, entries, option);
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

    /// <summary>
    /// template(type="subtree" subtree=…): rsyslogd 8.2302 takes only $! paths ("$!", "$!a!b"); "$.x", "$/x" and
    /// property names are refused with its message.
    /// </summary>
    public Template CreateSubtreeTemplate(string name, string subtree, SourceLocation location)
    {
        if (!subtree.StartsWith("$!", StringComparison.Ordinal))
            throw new ConfigException(location,
                $"template '{name}': invalid subtree parameter, variable must start with '$!' but var name is '{subtree}'");
        return new SubtreeTemplate(name, Messages.Variables.VariablePath.Parse(subtree[1..]));
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
        registry.Add(CreateStringTemplate(BuiltInTemplates.WallFormat, BuiltInTemplates.WallFormatText, at), at);
        registry.Add(CreateStringTemplate(BuiltInTemplates.StdUserMessageFormat, BuiltInTemplates.StdUserMessageFormatText, at), at);
    }

    /// <summary>
    /// Options after the closing quote: ", sql", ", stdsql", ", json", ", jsonf", ", nosql", ", casesensitive"
    /// (template.c tplAddLine); a later format option replaces an earlier one, as in rsyslog.
    /// </summary>
    private static (TemplateOption Option, bool CaseSensitive) LegacyOptions(string name, string definition, int p, SourceLocation location)
    {
        var option = TemplateOption.None;
        bool caseSensitive = false;
        while (true)
        {
            p = SkipSpace(definition, p);
            if (p >= definition.Length) return (option, caseSensitive);
            if (definition[p] != ',')
                throw new ConfigException(location, $"template '{name}': unexpected text after the template: '{definition[p..]}'");
            p = SkipSpace(definition, p + 1);
            int start = p;
            while (p < definition.Length && definition[p] != ',' && !char.IsWhiteSpace(definition[p])) p++;
            string word = definition[start..p].ToLowerInvariant();
            switch (word)
            {
                case "sql": option = TemplateOption.Sql; break;
                case "stdsql": option = TemplateOption.StdSql; break;
                case "json": option = TemplateOption.Json; break;
                case "jsonf": option = TemplateOption.JsonF; break;
                case "nosql": option = TemplateOption.None; break;
                case "casesensitive": caseSensitive = true; break;
                case "jsonftree":
                    throw new ConfigException(location, $"template '{name}': template option 'jsonftree' (newer rsyslog releases) is not supported yet");
                default:
                    throw new ConfigException(location, $"template '{name}': invalid template option '{word}'");
            }
        }
    }

    private static int SkipSpace(string s, int p)
    {
        while (p < s.Length && char.IsWhiteSpace(s[p])) p++;
        return p;
    }
}
