using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Inputs.Tcp.Decompression;

/// <summary>
/// imtcp's stream decompression parameters (rsyslog 8.2606+, maxTotalZstdWindowBytes since 8.2608), accepted at
/// module and input level; an input value overrides the module's.
/// </summary>
public static class DecompressionParams
{
    public const string Mode = "compression.mode";
    public const string Driver = "compression.driver";
    public const string MaxExpansionRatio = "compression.maxExpansionRatio";
    public const string MaxDecompressedBytesPerReceive = "compression.maxDecompressedBytesPerReceive";
    public const string MaxTotalZstdWindowBytes = "compression.maxTotalZstdWindowBytes";

    public const string ModeNone = "none";
    public const string ModeStreamAlways = "stream:always";
    public const string DriverZlib = "zlib";
    public const string DriverZstd = "zstd";

    public const long DefaultMaxExpansionRatio = 1024;
    public const long DefaultMaxDecompressedBytesPerReceive = 64L * 1024 * 1024;
    public const long DefaultMaxTotalZstdWindowBytes = 64L * 1024 * 1024;

    public static IEnumerable<ParamDef> Definitions() => new[]
    {
        // imtcp accepts only these two; "single" is a sender-side mode (every input's parser handles it).
        new ParamDef(Mode, ParamType.Choice) { Default = ModeNone, Allowed = new[] { ModeNone, ModeStreamAlways } },
        new ParamDef(Driver, ParamType.Choice) { Default = DriverZlib, Allowed = new[] { DriverZlib, DriverZstd } },
        new ParamDef(MaxExpansionRatio, ParamType.Integer) { Default = DefaultMaxExpansionRatio, Min = 0, Max = int.MaxValue },
        new ParamDef(MaxDecompressedBytesPerReceive, ParamType.Size) { Default = DefaultMaxDecompressedBytesPerReceive, Min = 0 },
        new ParamDef(MaxTotalZstdWindowBytes, ParamType.Size) { Default = DefaultMaxTotalZstdWindowBytes, Min = 0 },
    };
}
