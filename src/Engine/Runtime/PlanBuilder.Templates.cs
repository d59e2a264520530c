using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Objects;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Runtime;

public sealed partial class PlanBuilder
{
    /// <summary>Where each template() is defined, to explain a use before the definition.</summary>
    private void IndexTemplateDefinitions(ConfigDocument document)
    {
        foreach (var item in document.Items)
        {
            if (item is not ObjectNode { Kind: ObjectKind.Template } o) continue;
            foreach (var p in o.Parameters)
                if (p.Name.Equals(TemplateParams.Name, StringComparison.OrdinalIgnoreCase) && p.Value is StringValue name)
                    _templateDefinitions.TryAdd(name.Value, o.Location);
        }
    }

    private void DefineTemplate(ObjectNode o)
    {
        int errorsBefore = _errors.Count;
        var set = ParamBinder.Bind(TemplateParams.Schema, o.Parameters, o.Location, "template()", _errors);
        string? name = set.IsSet(TemplateParams.Name) ? set.GetString(TemplateParams.Name) : null;
        try
        {
            if (name is null || !set.IsSet(TemplateParams.Type)) return;
            string type = set.GetString(TemplateParams.Type)!;
            if (type != "string")
            {
                NotSupported(set.LocationOf(TemplateParams.Type), $"template '{name}': templates of type \"{type}\" are not supported yet");
                return;
            }
            if (o.HasBody) Error(o.Location, $"template '{name}': only list templates have a {{ }} body with property() and constant()");
            var text = o.Parameters.FirstOrDefault(p => p.Name.Equals(TemplateParams.String, StringComparison.OrdinalIgnoreCase));
            if (text is null || !set.IsSet(TemplateParams.String))
            {
                if (text is null) Error(o.Location, $"template '{name}' of type \"string\" needs the 'string' parameter");
                return;
            }
            if (_errors.Count != errorsBefore) return;
            // The location is that of the string's opening quote.
            var template = _templateFactory.CreateStringTemplate(name, set.GetString(TemplateParams.String)!, text.Value.Location);
            _services.Templates.Add(template, o.Location);
        }
        catch (ConfigException e)
        {
            _errors.AddRange(e.Errors);
        }
        finally
        {
            if (name is not null && _errors.Count != errorsBefore) _failedTemplates.Add(name);
        }
    }

    /// <summary>The template an action renders with, or null after reporting why it cannot be used.</summary>
    private Template? ResolveTemplate(string name, SourceLocation usedAt, string? defaultOf)
    {
        var template = _services.Templates.Find(name);
        if (template is not null) return template;
        if (_failedTemplates.Contains(name)) return null; // its definition's errors say enough
        if (_templateDefinitions.TryGetValue(name, out var definedAt))
        {
            Error(usedAt, $"template '{name}' is used before it is defined (at {definedAt}); define templates above the actions that use them");
            return null;
        }
        string? closest = NameSuggester.Closest(name, _services.Templates.Names);
        string suggestion = closest is null ? "" : $" (did you mean '{closest}'?)";
        Error(usedAt, defaultOf is null
            ? $"template '{name}' is not defined{suggestion}"
            : $"the default template '{name}' of {defaultOf} is not defined{suggestion}");
        return null;
    }
}
