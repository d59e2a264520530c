namespace Sluice.Engine.Config.Schema;

/// <summary>How a parameter's text is typed and checked (rsyslog's eCmdHdlr* kinds).</summary>
public enum ParamType
{
    /// <summary>Any string.</summary>
    String,
    /// <summary>on/off/yes/no/1/0 (case-insensitive) → bool.</summary>
    Binary,
    /// <summary>A decimal integer → long (range from ParamDef.Min/Max).</summary>
    Integer,
    /// <summary>An integer with an optional k/m/g (×1000) or kb/mb/gb... suffix as rsyslog's size type → long.</summary>
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
