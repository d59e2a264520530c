using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Properties;
using Sluice.Engine.Regex;
using P = Sluice.Engine.Templates.ListTemplateParams;

namespace Sluice.Engine.Templates;

/// <summary>
/// Turns a list template's bound property() and constant() objects into entries, with rsyslog's checks and defaults
/// (template.c createPropertyTpe/createConstantTpe). Cold path.
/// </summary>
internal static class ListTemplateCompiler
{
    /// <summary>rsyslog's position.to when only position.from is given ("large enough").</summary>
    private const int UnsetTo = 2_000_000_000;

    /// <exception cref="ConfigException">Every problem of every entry.</exception>
    /// <param name="caseSensitive">option.casesensitive: variable names keep their case in jsonf field names.</param>
    public static EntryTemplate Compile(string name, IReadOnlyList<ListTemplateEntry> entries, TemplateOption option, SourceLocation location,
        bool caseSensitive = false)
    {
        var errors = new List<ConfigError>();
        if (entries.Count == 0) errors.Add(new ConfigError(location, $"template '{name}' of type \"list\" has no property() or constant()"));
        var compiled = new List<TemplateEntry>(entries.Count);
        foreach (var e in entries)
        {
            var entry = e.IsConstant ? Constant(name, e, errors) : Property(name, e, caseSensitive, errors);
            if (entry is not null) compiled.Add(entry);
        }
        if (errors.Count > 0) throw new ConfigException(errors);
        return new EntryTemplate(name, compiled, option);
    }

    private static TemplateEntry? Constant(string template, ListTemplateEntry e, List<ConfigError> errors)
    {
        var p = e.Params;
        byte[] value = ConstantText.Unescape(p.GetString(P.Value) ?? "");
        string? outName = p.GetString(P.OutName);
        if (!p.IsSet(P.Format)) return new ConstantEntry(value);
        if (outName is null)
        {
            errors.Add(new ConfigError(e.Location, $"template '{template}': a constant() with format \"jsonf\" needs an outname"));
            return null;
        }
        return new ConstantEntry(ConstantText.JsonField(outName, value));
    }

    private static TemplateEntry? Property(string template, ListTemplateEntry e, bool caseSensitive, List<ConfigError> errors)
    {
        var p = e.Params;
        string name = p.GetString(P.Name) ?? "";
        PropertyId id = default;
        var variable = PropertyNames.TryVariable(name);
        bool allJson = PropertyNames.IsAllJson(name, out bool plain);
        try
        {
            if (variable is null && !allJson) id = PropertyNames.Resolve(name, p.LocationOf(P.Name));
        }
        catch (ConfigException x)
        {
            foreach (var error in x.Errors) errors.Add(new ConfigError(error.Location, $"template '{template}': {error.Message}"));
            return null;
        }

        // Without option.casesensitive a variable's name is lower-cased (rsyslogd 8.2302: property(name="$.LocAl"
        // format="jsonf") writes "$.local"; property(name="MSG") keeps "MSG").
        if (variable is not null && !caseSensitive) name = name.ToLowerInvariant();
        var o = new ReplacerOptions
        {
            Complex = Array.Exists(P.Complex, p.IsSet),
            // A list template's property() drops only a leading "$!" (rsyslogd 8.2302: "$!a" → "a", "$.n" stays "$.n").
            FieldName = p.GetString(P.OutName) ?? (name.StartsWith("$!", StringComparison.Ordinal) ? name[2..] : name),
            DateFormat = p.IsSet(P.DateFormat) ? ToDateFormat(p.GetString(P.DateFormat)!) : DateFormat.Default,
            DateInUtc = p.GetBool(P.DateInUtc),
            CompressSpace = p.GetBool(P.CompressSpace),
            DropLastLF = p.GetBool(P.DropLastLf),
            FixedWidth = p.GetBool(P.FixedWidth),
            SpIfNo1stSp = p.GetBool(P.SpIfNo1stSp),
            Mandatory = p.GetBool(P.Mandatory),
            OmitIfZero = p.GetBool(P.OmitIfZero),
        };
        switch (p.GetString(P.CaseConversion))
        {
            case "lower": o.Case = CaseConversion.Lower; break;
            case "upper": o.Case = CaseConversion.Upper; break;
        }
        switch (p.GetString(P.ControlCharacters))
        {
            case "escape": o.EscapeCC = true; break;
            case "space": o.SpaceCC = true; break;
            case "drop": o.DropCC = true; break;
        }
        switch (p.GetString(P.SecurePath))
        {
            case "drop": o.SecPathDrop = true; break;
            case "replace": o.SecPathReplace = true; break;
        }
        o.Format = p.GetString(P.Format) switch
        {
            "csv" => ReplacerFormat.Csv,
            "json" => ReplacerFormat.Json,
            "jsonf" => ReplacerFormat.JsonF,
            "jsonr" => ReplacerFormat.JsonR,
            "jsonfr" => ReplacerFormat.JsonFR,
            _ => ReplacerFormat.None,
        };
        o.DataType = p.GetString(P.DataType) switch
        {
            "number" => JsonDataType.Number,
            "bool" => JsonDataType.Bool,
            "auto" => JsonDataType.Auto,
            _ => JsonDataType.String,
        };
        o.OnEmpty = p.GetString(P.OnEmpty) switch
        {
            "skip" => JsonOnEmpty.Skip,
            "null" => JsonOnEmpty.Null,
            _ => JsonOnEmpty.Keep,
        };

        int errorsBefore = errors.Count;
        Positions(template, e, o, errors);
        if (p.IsSet(P.FieldNumber))
        {
            if (p.IsSet(P.RegexExpression))
                errors.Add(new ConfigError(e.Location,
                    $"template '{template}': a property() cannot have both field extraction (field.number) and regex extraction (regex.expression)"));
            o.HasField = true;
            o.FieldNumber = p.GetInt(P.FieldNumber);
            o.FieldDelimiter = p.IsSet(P.FieldDelimiter) ? (byte)p.GetInt(P.FieldDelimiter) : (byte)9;
        }
        else if (p.IsSet(P.RegexExpression))
        {
            Regex(template, p, o, errors);
        }
        if (errors.Count != errorsBefore) return null;
        o.Seal();
        return allJson ? new AllJsonEntry(plain, o) : variable is null ? new ReplacerEntry(id, o) : new VariableReplacerEntry(variable, o);
    }

    /// <summary>
    /// position.from/to: 1-based; only from means "to the end", only to means "from the start"; a negative to counts
    /// from the end; with relativeToEnd both count from the end and from must not be smaller than to.
    /// </summary>
    private static void Positions(string template, ListTemplateEntry e, ReplacerOptions o, List<ConfigError> errors)
    {
        var p = e.Params;
        bool hasFrom = p.IsSet(P.PositionFrom), hasTo = p.IsSet(P.PositionTo);
        if (!hasFrom && !hasTo) return;
        int from = hasFrom ? p.GetInt(P.PositionFrom) : 0;
        int to = hasTo ? p.GetInt(P.PositionTo) : UnsetTo;
        bool relative = p.GetBool(P.PositionRelativeToEnd);
        if (relative && to > from)
            errors.Add(new ConfigError(p.LocationOf(P.PositionTo),
                $"template '{template}': position.to={to} is higher than position.from={from} with position.relativeToEnd"));
        else if (!relative && to >= 0 && to < from)
            errors.Add(new ConfigError(p.LocationOf(P.PositionTo), $"template '{template}': position.to={to} is lower than position.from={from}"));
        o.FromPos = from;
        o.ToPos = to;
        o.PosEndRelative = relative;
        // rsyslog would pad to its "to the end" value of 2,000,000,000 bytes; fixed width needs an explicit position.to.
        if (!hasTo) o.FixedWidth = false;
    }

    private static void Regex(string template, ParamSet p, ReplacerOptions o, List<ConfigError> errors)
    {
        var syntax = p.GetString(P.RegexType) == "ERE" ? RegexSyntax.Extended : RegexSyntax.Basic;
        try
        {
            o.Regex = PosixRegex.Compile(p.GetString(P.RegexExpression)!, syntax);
        }
        catch (RegexCompileException x)
        {
            errors.Add(new ConfigError(p.LocationOf(P.RegexExpression), $"template '{template}': {x.Message}"));
            return;
        }
        o.RegexNoMatch = p.GetString(P.RegexNoMatchMode) switch
        {
            "BLANK" => RegexNoMatch.Blank,
            "FIELD" => RegexNoMatch.Field,
            "ZERO" => RegexNoMatch.Zero,
            _ => RegexNoMatch.Default,
        };
        o.RegexMatch = p.IsSet(P.RegexMatch) ? p.GetInt(P.RegexMatch) : 0;
        o.RegexSubmatch = p.IsSet(P.RegexSubmatch) ? p.GetInt(P.RegexSubmatch) : 0;
    }

    private static DateFormat ToDateFormat(string name) => name switch
    {
        "mysql" => DateFormat.MySql,
        "pgsql" => DateFormat.PgSql,
        "rfc3164" => DateFormat.Rfc3164,
        "rfc3164-buggyday" => DateFormat.Rfc3164BuggyDay,
        "rfc3339" => DateFormat.Rfc3339,
        "unixtimestamp" => DateFormat.UnixTimestamp,
        "subseconds" => DateFormat.SubSeconds,
        "wdayname" => DateFormat.WDayName,
        "wday" => DateFormat.WDay,
        "year" => DateFormat.Year,
        "month" => DateFormat.Month,
        "day" => DateFormat.Day,
        "hour" => DateFormat.Hour,
        "minute" => DateFormat.Minute,
        "second" => DateFormat.Second,
        "tzoffshour" => DateFormat.TzOffsHour,
        "tzoffsmin" => DateFormat.TzOffsMin,
        "tzoffsdirection" => DateFormat.TzOffsDirection,
        "ordinal" => DateFormat.Ordinal,
        "week" => DateFormat.Week,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a dateFormat"),
    };
}
