using Sluice.Engine.Properties;

namespace Sluice.Engine.Templates;

public enum CaseConversion : byte { None, Lower, Upper }

public enum ReplacerFormat : byte { None, Csv, Json }

/// <summary>
/// The property replacer's settings for one "%prop:from:to:options%" (rsyslog's templateEntry field data).
/// Positions are 1-based as written; 0 means "not given". rsyslog's "$" to-position is 9999999.
/// </summary>
public sealed class ReplacerOptions
{
    /// <summary>The to-position "$" stands for (template.c: a value larger than any message).</summary>
    public const int ToEnd = 9999999;

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
    /// <summary>The optional fourth part (the field name jsonf would use); kept for completeness.</summary>
    public string? FieldName { get; set; }
}
