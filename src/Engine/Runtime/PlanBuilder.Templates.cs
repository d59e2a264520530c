using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Objects;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Runtime;

public sealed partial class PlanBuilder
{
    /// <summary>Where each template() and $template is defined, to explain a use before the definition.</summary>
    private void IndexTemplateDefinitions(ConfigDocument document)
    {
        foreach (var item in document.Items)
        {
            if (item is DirectiveNode d && d.Name.Equals("template", StringComparison.OrdinalIgnoreCase))
            {
                if (LegacyTemplateName(d.Arguments.Value, out string legacyName, out _)) _templateDefinitions.TryAdd(legacyName, d.Location);
                continue;
            }
            if (item is not ObjectNode { Kind: ObjectKind.Template } o) continue;
            foreach (var p in o.Parameters)
                if (p.Name.Equals(TemplateParams.Name, StringComparison.OrdinalIgnoreCase) && p.Value is StringValue name)
                    _templateDefinitions.TryAdd(name.Value, o.Location);
        }
    }

    /// <summary>template(name= type="string"|"list"|"plugin"|"subtree" [option.*]) [{ property() constant() }] (template.c tplProcessCnf).</summary>
    private void DefineTemplate(ObjectNode o)
    {
        int errorsBefore = _errors.Count;
        var set = ParamBinder.Bind(TemplateParams.Schema, o.Parameters, o.Location, "template()", _errors);
        string? name = set.IsSet(TemplateParams.Name) ? set.GetString(TemplateParams.Name) : null;
        try
        {
            if (name is null || !set.IsSet(TemplateParams.Type)) return;
            string type = set.GetString(TemplateParams.Type)!;
            var option = TemplateOptionOf(set, name);
            CheckTypeParameters(o, set, name, type);
            if (_errors.Count != errorsBefore) return;

            Template? template = type switch
            {
                "string" => _templateFactory.CreateStringTemplate(name, set.GetString(TemplateParams.String)!,
                    set.LocationOf(TemplateParams.String), option, set.GetBool("option.casesensitive")),
                "list" => ListTemplate(o, name, option, set.GetBool("option.casesensitive")),
                "plugin" => _templateFactory.CreatePluginTemplate(name, set.GetString(TemplateParams.Plugin)!, set.LocationOf(TemplateParams.Plugin)),
                "subtree" => _templateFactory.CreateSubtreeTemplate(name, set.GetString(TemplateParams.Subtree)!, set.LocationOf(TemplateParams.Subtree)),
                _ => null,
            };
            if (template is not null && _errors.Count == errorsBefore) _services.Templates.Add(template, o.Location);
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

    /// <summary>Each type needs its own parameter (string=, plugin=, subtree= or the { } body) and takes no other's.</summary>
    private void CheckTypeParameters(ObjectNode o, ParamSet set, string name, string type)
    {
        (string Param, string Type)[] own = { (TemplateParams.String, "string"), (TemplateParams.Plugin, "plugin"), (TemplateParams.Subtree, "subtree") };
        foreach (var (param, ownerType) in own)
        {
            if (type == ownerType && !set.IsSet(param))
                Error(o.Location, $"template '{name}' of type \"{type}\" needs the '{param}' parameter");
            else if (type != ownerType && set.IsSet(param))
                Error(set.LocationOf(param), $"template '{name}' is of type \"{type}\", not \"{ownerType}\": remove its '{param}' parameter");
        }
        if (type == "list" && o.SubObjects.Count == 0)
            Error(o.Location, $"template '{name}' of type \"list\" needs a {{ }} body with property() and constant()");
        else if (type != "list" && o.HasBody)
            Error(o.Location, $"template '{name}': only list templates have a {{ }} body with property() and constant()");
    }

    /// <summary>option.sql, option.stdsql, option.json, option.jsonf: at most one may be on.</summary>
    private TemplateOption TemplateOptionOf(ParamSet set, string name)
    {
        var on = new List<(string Param, TemplateOption Option)>();
        foreach (var (param, option) in TemplateParams.FormatOptions)
            if (set.GetBool(param)) on.Add((param, option));
        if (on.Count > 1)
        {
            Error(set.LocationOf(on[1].Param),
                $"template '{name}' has more than one of option.sql, option.stdsql, option.json and option.jsonf ({string.Join(", ", on.Select(x => x.Param))})");
            return TemplateOption.None;
        }
        return on.Count == 1 ? on[0].Option : TemplateOption.None;
    }

    private Template? ListTemplate(ObjectNode o, string name, TemplateOption option, bool caseSensitive)
    {
        int errorsBefore = _errors.Count;
        var entries = new List<ListTemplateEntry>(o.SubObjects.Count);
        foreach (var sub in o.SubObjects)
        {
            bool constant = sub.Kind == ObjectKind.Constant;
            var schema = constant ? ListTemplateParams.Constant : ListTemplateParams.Property;
            var set = ParamBinder.Bind(schema, sub.Parameters, sub.Location, $"{sub.Kind.Keyword()}() of template '{name}'", _errors);
            entries.Add(new ListTemplateEntry(constant, set, sub.Location));
        }
        if (_errors.Count != errorsBefore) return null;
        return _templateFactory.CreateListTemplate(name, entries, option, o.Location, caseSensitive);
    }

    /// <summary>$template name,"text"[,options] or $template name,=strgen (template.c tplAddLine via conf.c).</summary>
    private void DefineLegacyTemplate(DirectiveNode d)
    {
        string args = d.Arguments.Value;
        if (!LegacyTemplateName(args, out string name, out int comma))
        {
            Error(d.Location, "$template needs a name and a definition: $template name,\"text\"");
            return;
        }
        try
        {
            var template = _templateFactory.CreateLegacyTemplate(name, args[(comma + 1)..], d.Arguments.LocationAt(comma + 1));
            _services.Templates.Add(template, d.Location);
        }
        catch (ConfigException e)
        {
            _errors.AddRange(e.Errors);
            _failedTemplates.Add(name);
        }
    }

    /// <summary>The name is what precedes the first ',' (leading blanks skipped).</summary>
    private static bool LegacyTemplateName(string args, out string name, out int comma)
    {
        comma = args.IndexOf(',');
        name = comma < 0 ? "" : args[..comma].Trim();
        return comma > 0 && name.Length > 0;
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
