using Sluice.Engine.Config.Ast;

namespace Sluice.Engine.Config.Schema;

/// <summary>
/// Validates an object's parameters against a schema and builds its <see cref="ParamSet"/>: unknown names
/// (with the closest known one), repeated names, parameters Sluice does not implement yet, values of the
/// wrong type and missing required parameters are all reported, every one of them.
/// </summary>
public static class ParamBinder
{
    /// <param name="owner">How messages name the object: "imtcp", "global()", "action()" …</param>
    /// <param name="handledElsewhere">Names the caller takes care of (e.g. "type"); not reported as unknown.</param>
    public static ParamSet Bind(ParamSchema schema, IEnumerable<ParameterNode> parameters, SourceLocation objectLocation,
        string owner, ICollection<ConfigError> errors, Func<string, bool>? handledElsewhere = null)
    {
        var set = new ParamSet(schema, objectLocation);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in parameters)
        {
            var def = schema.Find(p.Name);
            if (def is null)
            {
                if (handledElsewhere?.Invoke(p.Name) == true) continue;
                string? closest = schema.Closest(p.Name);
                errors.Add(new ConfigError(p.Location, $"{owner}: parameter '{p.Name}' is not known"
                    + (closest is null ? "" : $" (did you mean '{closest}'?)")));
                continue;
            }
            if (!seen.Add(def.Name))
            {
                errors.Add(new ConfigError(p.Location, $"{owner}: parameter '{p.Name}' is given more than once"));
                continue;
            }
            if (def.NotSupported)
            {
                errors.Add(new ConfigError(p.Location, $"parameter '{p.Name}' of {owner} is not supported by Sluice yet"));
                continue;
            }
            var value = ParamConverter.Convert(def, p.Value, p.Name, out var error);
            if (value is null)
            {
                errors.Add(new ConfigError(p.Value.Location, $"{owner}: {error}"));
                continue;
            }
            // Values are located at the value, which is what errors about them should point at.
            set.Set(def.Name, value, p.Value.Location);
        }
        foreach (var def in schema.All)
            if (def.Required && !seen.Contains(def.Name))
                errors.Add(new ConfigError(objectLocation, $"{owner}: parameter '{def.Name}' is required"));
        return set;
    }
}
