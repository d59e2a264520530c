using System.Text;
using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Properties;
using Sluice.Engine.Regex;

namespace Sluice.Engine.Scripting;

/// <summary>
/// Decodes the filter part of a property-based filter line as rsyslog's DecodePropFilter does: the property name and
/// the operation are read up to their ',' with blanks trimmed and lower-cased (so ":MSG, Contains, …" works), a
/// leading '!' on the operation negates, and the value is a double-quoted string in which a backslash takes the next
/// character literally. isempty reads no value. Cold path.
/// </summary>
public static class PropertyFilterParser
{
    private static readonly Dictionary<string, PropertyCompare> Operations = new(StringComparer.Ordinal)
    {
        ["contains"] = PropertyCompare.Contains,
        ["isequal"] = PropertyCompare.IsEqual,
        ["isempty"] = PropertyCompare.IsEmpty,
        ["startswith"] = PropertyCompare.StartsWith,
        ["regex"] = PropertyCompare.Regex,
        ["ereregex"] = PropertyCompare.EreRegex,
    };

    /// <summary>The filter, or null with the problem in <paramref name="errors"/>.</summary>
    public static PropertyFilter? Parse(RawText text, List<ConfigError> errors)
    {
        string s = text.Value;
        int p = 0;
        while (p < s.Length && s[p] is ' ' or '\t') p++;
        if (p >= s.Length || s[p] != ':') return Fail(text, p, "a property-based filter must start with ':'", errors);
        p++;

        int nameAt = p;
        string name = Field(s, ref p).ToLowerInvariant();
        if (p >= s.Length) return Fail(text, p, "expected ',' after the property name in the property-based filter", errors);
        PropertyId property;
        try
        {
            property = PropertyNames.Resolve(name, text.LocationAt(nameAt));
        }
        catch (ConfigException e)
        {
            errors.AddRange(e.Errors);
            return null;
        }
        p++; // ','

        int opAt = p;
        string op = Field(s, ref p).ToLowerInvariant();
        bool negated = op.StartsWith('!');
        if (negated) op = op[1..];
        if (!Operations.TryGetValue(op, out var operation))
        {
            string? close = NameSuggester.Closest(op, Operations.Keys);
            return Fail(text, opAt, $"invalid compare operation '{(negated ? "!" : "")}{op}'" + (close is null ? "" : $" (did you mean '{close}'?)"), errors);
        }
        if (operation == PropertyCompare.IsEmpty) return new PropertyFilter(property, operation, negated, [], null);
        if (p >= s.Length) return Fail(text, p, "expected ',' and a quoted value after the compare operation", errors);
        p++; // ','

        while (p < s.Length && s[p] is ' ' or '\t') p++;
        if (p >= s.Length || s[p] != '"') return Fail(text, p, "the compare value of a property-based filter must be in double quotes", errors);
        int valueAt = ++p;
        var value = new StringBuilder();
        while (p < s.Length && s[p] != '"')
        {
            if (s[p] == '\\' && p + 1 < s.Length) p++;
            value.Append(s[p++]);
        }
        if (p >= s.Length) return Fail(text, valueAt - 1, "the compare value has no closing '\"'", errors);

        PosixRegex? regex = null;
        if (operation is PropertyCompare.Regex or PropertyCompare.EreRegex)
        {
            try
            {
                regex = PosixRegex.Compile(value.ToString(), operation == PropertyCompare.EreRegex ? RegexSyntax.Extended : RegexSyntax.Basic);
            }
            catch (RegexCompileException e)
            {
                // rsyslog would compile it at the first message and then never match (or, negated, always match).
                return Fail(text, valueAt, e.Message, errors);
            }
        }
        return new PropertyFilter(property, operation, negated, Encoding.UTF8.GetBytes(value.ToString()), regex);
    }

    /// <summary>Text up to the next ',' (or the end), blanks trimmed; <paramref name="p"/> is left on the ','.</summary>
    private static string Field(string s, ref int p)
    {
        int start = p;
        while (p < s.Length && s[p] != ',') p++;
        return s[start..p].Trim(' ', '\t');
    }

    private static PropertyFilter? Fail(RawText text, int offset, string message, List<ConfigError> errors)
    {
        errors.Add(new ConfigError(text.LocationAt(offset), message));
        return null;
    }
}
