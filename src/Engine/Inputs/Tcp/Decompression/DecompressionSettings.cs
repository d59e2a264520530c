using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Native;
using P = Sluice.Engine.Inputs.Tcp.Decompression.DecompressionParams;

namespace Sluice.Engine.Inputs.Tcp.Decompression;

public enum CompressionDriver { Zlib, Zstd }

/// <summary>The effective stream decompression settings of one imtcp input.</summary>
public sealed record DecompressionSettings
{
    /// <summary>compression.mode="stream:always": every session is one compressed stream.</summary>
    public bool Enabled { get; init; }
    public CompressionDriver Driver { get; init; } = CompressionDriver.Zlib;
    /// <summary>Decompressed bytes allowed per compressed byte received, over the whole stream; 0 = no limit.</summary>
    public long MaxExpansionRatio { get; init; } = P.DefaultMaxExpansionRatio;
    /// <summary>Decompressed bytes allowed from one receive; 0 = no limit.</summary>
    public long MaxDecompressedBytesPerReceive { get; init; } = P.DefaultMaxDecompressedBytesPerReceive;
    /// <summary>zstd window memory all sessions of the listener may hold together; 0 = no limit.</summary>
    public long MaxTotalZstdWindowBytes { get; init; } = P.DefaultMaxTotalZstdWindowBytes;

    public string DriverName => Driver == CompressionDriver.Zstd ? P.DriverZstd : P.DriverZlib;

    public static readonly DecompressionSettings Off = new();

    /// <summary>Input values, else module values, else rsyslog's defaults. zstd needs libzstd.so.1 on the host.</summary>
    public static DecompressionSettings From(ParamSet module, ParamSet input)
    {
        string mode = Pick(module, input, P.Mode).GetString(P.Mode)!;
        var driverSet = Pick(module, input, P.Driver);
        var driver = driverSet.GetString(P.Driver) == P.DriverZstd ? CompressionDriver.Zstd : CompressionDriver.Zlib;
        bool enabled = mode == P.ModeStreamAlways;
        if (enabled && driver == CompressionDriver.Zstd && !Zstd.IsAvailable)
            throw new ConfigException(driverSet.LocationOf(P.Driver), "imtcp: compression.driver \"zstd\" needs libzstd.so.1, which cannot be loaded on this host");
        return new DecompressionSettings
        {
            Enabled = enabled,
            Driver = driver,
            MaxExpansionRatio = Pick(module, input, P.MaxExpansionRatio).GetLong(P.MaxExpansionRatio),
            MaxDecompressedBytesPerReceive = Pick(module, input, P.MaxDecompressedBytesPerReceive).GetLong(P.MaxDecompressedBytesPerReceive),
            MaxTotalZstdWindowBytes = Pick(module, input, P.MaxTotalZstdWindowBytes).GetLong(P.MaxTotalZstdWindowBytes),
        };
    }

    private static ParamSet Pick(ParamSet module, ParamSet input, string name) => input.IsSet(name) ? input : module;
}
