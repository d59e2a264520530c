namespace Sluice.LoadGen;

/// <summary>How messages are delimited on the wire: LF, octet-counted ("LEN SP MSG"), or a random mix per message.</summary>
internal enum Framing { Lf, OctetCounted, Mixed }

internal static class FramingNames
{
    public static Framing Parse(string s) => s.ToLowerInvariant() switch
    {
        "lf" or "traditional" => Framing.Lf,
        "octet" or "octet-counted" => Framing.OctetCounted,
        "mixed" => Framing.Mixed,
        _ => throw new UsageException($"--framing must be lf, octet or mixed, got '{s}'"),
    };
}
