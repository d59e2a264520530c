namespace Sluice.Engine.Config.Schema;

/// <summary>How a parameter's text is typed and checked (rsyslog's eCmdHdlr* kinds).</summary>
public enum ParamType
{
    /// <summary>Any string.</summary>
    String,
    /// <summary>on/off/yes/no/1/0 (case-insensitive) → bool.</summary>
    Binary,
    /// <summary>An integer → long (range from ParamDef.Min/Max); as in rsyslog a leading 0 means octal.</summary>
    Integer,
    /// <summary>
    /// rsyslog's size type → long: digits with at most one unit letter, k/m/g/t/p/e for powers of 1024 and
    /// K/M/G/T/P/E for powers of 1000 (rainerscript.c doGetSize).
    /// </summary>
    Size,
    /// <summary>A single character, or its decimal code → long (e.g. AddtlFrameDelimiter).</summary>
    Char,
    /// <summary>An octal file mode like "0644" → long.</summary>
    FileMode,
    /// <summary>One string or an array ["a","b"] → string[].</summary>
    StringArray,
    /// <summary>One of ParamDef.Allowed (case-insensitive) → the canonical allowed string.</summary>
    Choice,
}
