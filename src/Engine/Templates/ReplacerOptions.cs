using Sluice.Engine.Properties;
using Sluice.Engine.Regex;

namespace Sluice.Engine.Templates;

public enum CaseConversion : byte { None, Lower, Upper }

/// <summary>The final formatting of a value; only one may be given (rsyslog's bCSV/bJSON/bJSONf/bJSONr/bJSONfr).</summary>
public enum ReplacerFormat : byte
{
    None,
    /// <summary>RFC 4180: always double-quoted, quotes doubled.</summary>
    Csv,
    /// <summary>JSON string escaping, no quotes.</summary>
    Json,
    /// <summary>"name":"value" with the value JSON-escaped.</summary>
    JsonF,
    /// <summary>Like json, but escape sequences already in the value are kept.</summary>
    JsonR,
    /// <summary>Like jsonf, but escape sequences already in the value are kept.</summary>
    JsonFR,
}

/// <summary>What a regex extraction yields when nothing matches (regex.noMatchMode / the replacer's 4th R parameter).</summary>
public enum RegexNoMatch : byte
{
    /// <summary>The text "**NO MATCH**".</summary>
    Default,
    /// <summary>An empty value.</summary>
    Blank,
    /// <summary>"0".</summary>
    Zero,
    /// <summary>The whole value that was searched.</summary>
    Field,
}

/// <summary>How a jsonf value is written (property() dataType; list templates only).</summary>
public enum JsonDataType : byte { String, Number, Bool, Auto }

/// <summary>What jsonf does with an empty value (property() onEmpty; list templates only).</summary>
public enum JsonOnEmpty : byte { Keep, Skip, Null }

/// <summary>
/// The property replacer's settings for one "%prop:from:to:options%" or property() (rsyslog's templateEntry field data).
/// Positions are 1-based as written; 0 means "not given". rsyslog's "$" to-position is 9999999; a list template's
/// negative position.to counts from the end.
/// </summary>
public sealed class ReplacerOptions
{
    /// <summary>The to-position "$" stands for (template.c: a value larger than any message).</summary>
    public const int ToEnd = 9999999;

    /// <summary>
    /// rsyslog's bComplexProcessing: without it the value is used as the getter returns it (date format and date.inUTC
    /// still apply). Every "%prop:…%" is complex; a property() only when one of the parameters that need it is given.
    /// </summary>
    public bool Complex { get; set; } = true;

    public int FromPos { get; set; }
    public int ToPos { get; set; }
    public DateFormat DateFormat { get; set; }
    public bool DateInUtc { get; set; }
    public CaseConversion Case { get; set; }
    public bool SpIfNo1stSp { get; set; }
    public bool CompressSpace { get; set; }
    public bool EscapeCC { get; set; }
    public bool DropCC { get; set; }
    public bool SpaceCC { get; set; }
    public bool DropLastLF { get; set; }
    public bool SecPathDrop { get; set; }
    public bool SecPathReplace { get; set; }
    public bool PosEndRelative { get; set; }
    public bool FixedWidth { get; set; }
    public ReplacerFormat Format { get; set; }

    /// <summary>Field extraction ("F,delimiter:field" / field.number): the 1-based field to take.</summary>
    public bool HasField { get; set; }
    public int FieldNumber { get; set; }
    public byte FieldDelimiter { get; set; } = 9;

    /// <summary>Regex extraction ("R,…:regex--end" / regex.expression).</summary>
    public PosixRegex? Regex { get; set; }
    /// <summary>Which match to use, 0-based (each next match is searched after the end of the previous one).</summary>
    public int RegexMatch { get; set; }
    /// <summary>0 = the whole match, 1..9 = a parenthesized group.</summary>
    public int RegexSubmatch { get; set; }
    public RegexNoMatch RegexNoMatch { get; set; }

    /// <summary>mandatory-field / mandatory: only modules that take a template as JSON use it; strings are unaffected.</summary>
    public bool Mandatory { get; set; }
    public JsonDataType DataType { get; set; }
    public JsonOnEmpty OnEmpty { get; set; }
    /// <summary>jsonf with dataType number: a value of 0 is left out (rsyslog 8.2602; 8.2302 does not know it).</summary>
    public bool OmitIfZero { get; set; }

    /// <summary>The name jsonf/jsonfr write: the fourth part of "%prop:from:to:options:name%", outname, or the property name.</summary>
    public string? FieldName { get; set; }

    /// <summary><see cref="FieldName"/> as UTF-8, set when the options are final.</summary>
    internal byte[] FieldNameBytes { get; private set; } = [];

    internal void Seal() => FieldNameBytes = FieldName is null ? [] : System.Text.Encoding.UTF8.GetBytes(FieldName);
}
