using Sluice.Engine.Config;

namespace Sluice.Engine.Templates;

/// <summary>Compiles template text into templates; the config front end uses it for template() and $template.</summary>
public interface ITemplateFactory
{
    /// <summary>
    /// Compiles a string template ("%TIMESTAMP% %msg%\n"); throws ConfigException with locations. The text is
    /// taken as the RainerScript lexer delivers it (escapes already decoded), as rsyslog does for type="string".
    /// </summary>
    /// <param name="caseSensitive">option.casesensitive: variable names keep their case (seen in jsonf field names).</param>
    Template CreateStringTemplate(string name, string text, SourceLocation location, TemplateOption option = TemplateOption.None,
        bool caseSensitive = false);

    /// <summary>
    /// template(type="list") { property(…) constant(…) }: the entries' parameters bound with
    /// <see cref="ListTemplateParams"/>, in order; throws ConfigException with every problem found.
    /// </summary>
    Template CreateListTemplate(string name, IReadOnlyList<ListTemplateEntry> entries, TemplateOption option, SourceLocation location,
        bool caseSensitive = false);

    /// <summary>
    /// Compiles a legacy "$template name,definition" line: <paramref name="definition"/> is everything after the
    /// comma, e.g. "\"%msg%\\n\"" (backslash escapes decoded as rsyslog's tplAddLine does) or "=RSYSLOG_FileFormat",
    /// optionally followed by ", sql", ", stdsql", ", json", ", jsonf", ", nosql" or ", casesensitive".
    /// </summary>
    Template CreateLegacyTemplate(string name, string definition, SourceLocation location);

    /// <summary>template(type="plugin" plugin=…): one of the built-in strgen modules, e.g. "RSYSLOG_FileFormat".</summary>
    Template CreatePluginTemplate(string name, string plugin, SourceLocation location);

    /// <summary>template(type="subtree" subtree="$!…"): the JSON of a $! subtree.</summary>
    Template CreateSubtreeTemplate(string name, string subtree, SourceLocation location);

    /// <summary>Adds rsyslog's built-in RSYSLOG_* templates.</summary>
    void AddBuiltIns(TemplateRegistry registry);
}
