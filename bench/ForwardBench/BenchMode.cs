namespace Sluice.ForwardBench;

/// <summary>One way of forwarding: its omfwd parameters and how the receiver decodes it.</summary>
internal sealed record BenchMode(string Name, (string Name, object Value)[] Params, string Decode)
{
    public static readonly BenchMode[] InProcess =
    [
        new("plain", [], "none"),
        new("single zlib 9", [("zipLevel", 9L)], "frames"),
        new("stream zlib 1", [("compression.mode", "stream:always"), ("zipLevel", 1L)], "zlib"),
        new("stream zlib 6", [("compression.mode", "stream:always"), ("zipLevel", 6L)], "zlib"),
        new("stream zlib 9 (default)", [("compression.mode", "stream:always")], "zlib"),
        new("stream zstd 3", [("compression.mode", "stream:always"), ("compression.driver", "zstd"), ("zipLevel", 3L)], "zstd"),
        new("stream zstd 9", [("compression.mode", "stream:always"), ("compression.driver", "zstd")], "zstd"),
    ];

    /// <summary>The modes rsyslogd 8.2302 also has, for the side-by-side run.</summary>
    public static readonly BenchMode[] SideBySide =
    [
        new("plain", [], "none"),
        new("single zlib 9", [("zipLevel", 9L)], "frames"),
        new("stream zlib 9 (default)", [("compression.mode", "stream:always")], "zlib"),
    ];

    /// <summary>The parameters as action() text.</summary>
    public string ConfigText => string.Join(' ', Params.Select(p => $"{p.Name}=\"{p.Value}\""));
}
