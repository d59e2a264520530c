namespace Sluice.DecompressBench;

/// <summary>One receiver set-up: which daemon, which input module, and whether the streams are compressed.</summary>
internal sealed record Case(string Daemon, string Label, string Module, string InputParams, Sluice.Engine.Compression.CompressionDriver? Driver)
{
    public static readonly Case[] All =
    [
        // The decompression itself: the same zlib streams into sluiced imtcp and into rsyslogd 8.2302 imptcp (the
        // 8.2302 input that has stream decompression; imtcp gained it in 8.2606).
        new("sluiced", "imtcp stream:always zlib", "imtcp", "compression.mode=\"stream:always\"", Sluice.Engine.Compression.CompressionDriver.Zlib),
        new("rsyslogd", "imptcp stream:always zlib", "imptcp", "compression.mode=\"stream:always\"", Sluice.Engine.Compression.CompressionDriver.Zlib),
        // The same messages uncompressed through the same input: the difference is what decompression costs.
        new("sluiced", "imtcp plain (baseline)", "imtcp", "", null),
        new("rsyslogd", "imptcp plain (baseline)", "imptcp", "", null),
        // zstd: sluiced only (rsyslog has it from 8.2606).
        new("sluiced", "imtcp stream:always zstd", "imtcp", "compression.mode=\"stream:always\" compression.driver=\"zstd\"", Sluice.Engine.Compression.CompressionDriver.Zstd),
    ];

    /// <summary>The whole config; identical for both daemons apart from the module and the paths.</summary>
    public string Config(string dir) => string.Join('\n',
        $"global(workDirectory=\"{dir}/work\")",
        $"module(load=\"{Module}\")",
        $"input(type=\"{Module}\" port=\"0\" listenPortFileName=\"{dir}/port\" address=\"127.0.0.1\" {InputParams})",
        "template(name=\"raw\" type=\"string\" string=\"%rawmsg%\\n\")",
        $"action(type=\"omfile\" file=\"{dir}/out.log\" template=\"raw\")") + "\n";
}
