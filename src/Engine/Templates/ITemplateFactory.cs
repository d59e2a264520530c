using Sluice.Engine.Config;

namespace Sluice.Engine.Templates;

/// <summary>Compiles template text into templates; the config front end uses it for template() and $template.</summary>
public interface ITemplateFactory
{
    /// <summary>Compiles a string template ("%TIMESTAMP% %msg%\n"); throws ConfigException with locations.</summary>
    Template CreateStringTemplate(string name, string text, SourceLocation location);

    /// <summary>Adds rsyslog's built-in RSYSLOG_* templates.</summary>
    void AddBuiltIns(TemplateRegistry registry);
}
