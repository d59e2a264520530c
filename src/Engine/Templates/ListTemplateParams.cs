using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Templates;

/// <summary>
/// The parameters of a list template's property() and constant() (template.c cnfparamdescrProperty/Constant).
/// rsyslog compares the values of the choices case-sensitively; Sluice accepts any case.
/// </summary>
public static class ListTemplateParams
{
    public const string Name = "name";
    public const string OutName = "outname";
    public const string DateFormat = "dateFormat";
    public const string DateInUtc = "date.inUTC";
    public const string CompressSpace = "compressSpace";
    public const string CaseConversion = "caseConversion";
    public const string ControlCharacters = "controlCharacters";
    public const string SecurePath = "securePath";
    public const string Format = "format";
    public const string PositionFrom = "position.from";
    public const string PositionTo = "position.to";
    public const string PositionRelativeToEnd = "position.relativeToEnd";
    public const string FieldNumber = "field.number";
    public const string FieldDelimiter = "field.delimiter";
    public const string RegexExpression = "regex.expression";
    public const string RegexType = "regex.type";
    public const string RegexNoMatchMode = "regex.noMatchMode";
    public const string RegexMatch = "regex.match";
    public const string RegexSubmatch = "regex.submatch";
    public const string DropLastLf = "dropLastLf";
    public const string FixedWidth = "fixedWidth";
    public const string DataType = "dataType";
    public const string OnEmpty = "onEmpty";
    public const string Mandatory = "mandatory";
    public const string OmitIfZero = "omitIfZero";
    public const string SpIfNo1stSp = "spIfNo1stSp";
    public const string Value = "value";

    /// <summary>dateFormat values: the string templates' date-* options without "date-" (no iso-week in rsyslog's list).</summary>
    public static readonly string[] DateFormats =
    {
        "mysql", "pgsql", "rfc3164", "rfc3164-buggyday", "rfc3339", "unixtimestamp", "subseconds", "wdayname", "wday",
        "year", "month", "day", "hour", "minute", "second", "tzoffshour", "tzoffsmin", "tzoffsdirection", "ordinal", "week",
    };

    public static readonly ParamSchema Property = new(new[]
    {
        new ParamDef(Name, ParamType.String) { Required = true },
        new ParamDef(OutName, ParamType.String),
        new ParamDef(DateFormat, ParamType.Choice) { Allowed = DateFormats },
        new ParamDef(DateInUtc, ParamType.Binary),
        new ParamDef(CompressSpace, ParamType.Binary),
        new ParamDef(CaseConversion, ParamType.Choice) { Allowed = new[] { "lower", "upper" } },
        // rsyslogd 8.2302 knows only these three ("escape" is decimal, #009); there is no "escape-octal".
        new ParamDef(ControlCharacters, ParamType.Choice) { Allowed = new[] { "escape", "space", "drop" } },
        new ParamDef(SecurePath, ParamType.Choice) { Allowed = new[] { "drop", "replace" } },
        new ParamDef(Format, ParamType.Choice) { Allowed = new[] { "csv", "json", "jsonf", "jsonr", "jsonfr" } },
        new ParamDef(PositionFrom, ParamType.Integer) { Min = int.MinValue, Max = int.MaxValue },
        new ParamDef(PositionTo, ParamType.Integer) { Min = int.MinValue, Max = int.MaxValue },
        new ParamDef(PositionRelativeToEnd, ParamType.Binary),
        new ParamDef(FieldNumber, ParamType.Integer) { Min = 0, Max = int.MaxValue },
        new ParamDef(FieldDelimiter, ParamType.Integer) { Min = 0, Max = 255 },
        new ParamDef(RegexExpression, ParamType.String),
        new ParamDef(RegexType, ParamType.Choice) { Allowed = new[] { "BRE", "ERE" } },
        new ParamDef(RegexNoMatchMode, ParamType.Choice) { Allowed = new[] { "DFLT", "BLANK", "FIELD", "ZERO" } },
        new ParamDef(RegexMatch, ParamType.Integer) { Min = 0, Max = int.MaxValue },
        // rsyslog keeps ten regmatch_t (the whole match and nine groups).
        new ParamDef(RegexSubmatch, ParamType.Integer) { Min = 0, Max = 9 },
        new ParamDef(DropLastLf, ParamType.Binary),
        new ParamDef(FixedWidth, ParamType.Binary),
        new ParamDef(DataType, ParamType.Choice) { Allowed = new[] { "string", "number", "bool", "auto" } },
        new ParamDef(OnEmpty, ParamType.Choice) { Allowed = new[] { "keep", "skip", "null" } },
        new ParamDef(Mandatory, ParamType.Binary),
        // rsyslog 8.2602; 8.2302 reports it as unknown.
        new ParamDef(OmitIfZero, ParamType.Binary),
        new ParamDef(SpIfNo1stSp, ParamType.Binary),
    });

    public static readonly ParamSchema Constant = new(new[]
    {
        new ParamDef(Value, ParamType.String) { Required = true },
        new ParamDef(Format, ParamType.Choice) { Allowed = new[] { "jsonf" } },
        new ParamDef(OutName, ParamType.String),
    });

    /// <summary>
    /// Parameters that make rsyslog run the replacer on the value (bComplexProcessing) when they are given, whatever
    /// their value; name, outname, dateFormat, date.inUTC, position.relativeToEnd, mandatory, omitIfZero, dataType and
    /// onEmpty do not.
    /// </summary>
    public static readonly string[] Complex =
    {
        DropLastLf, FixedWidth, SpIfNo1stSp, PositionFrom, PositionTo, FieldNumber, FieldDelimiter, RegexExpression,
        RegexType, RegexNoMatchMode, RegexMatch, RegexSubmatch, Format, ControlCharacters, SecurePath, CaseConversion,
        CompressSpace,
    };
}
