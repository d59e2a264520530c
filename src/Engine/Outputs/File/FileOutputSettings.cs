using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Outputs.File;

/// <summary>One omfile action's settings, validated and resolved.</summary>
public sealed record FileOutputSettings
{
    /// <summary>Absolute path. A relative file= is resolved against the working directory at configuration time.</summary>
    public required string Path { get; init; }
    public int IoBufferSize { get; init; } = FileOutputModule.DefaultIoBufferSize;
    public bool FlushOnTxEnd { get; init; } = true;
    /// <summary>
    /// Buffered data older than this is written by the periodic timer (see <see cref="FileOutput.OnTimer"/>).
    /// rsyslog only honours flushInterval with asyncWriting="on"; Sluice (which has no async writer yet) always
    /// does, so that with flushOnTXEnd="off" lines never wait in memory indefinitely.
    /// </summary>
    public int FlushIntervalSeconds { get; init; } = 1;
    public bool CreateDirs { get; init; } = true;
    public UnixFileMode FileCreateMode { get; init; } = (UnixFileMode)420; // 0644
    public UnixFileMode DirCreateMode { get; init; } = (UnixFileMode)448;  // 0700
    /// <summary>fsync after every commit that wrote data.</summary>
    public bool Sync { get; init; }
    /// <summary>Close the file after this many minutes without writes; 0 = never (rsyslog's default for static files).</summary>
    public int CloseTimeoutMinutes { get; init; }

    public static FileOutputSettings From(ParamSet module, ParamSet action)
    {
        if (action.GetBool("asyncWriting"))
            throw FileOutputModule.Error(action, "asyncWriting", "omfile: asyncWriting=\"on\" is not supported yet");
        string file = action.GetString("file") ?? throw FileOutputModule.Error(action, "file", "omfile: the \"file\" parameter must be given");
        if (file.Length == 0) throw FileOutputModule.Error(action, "file", "omfile: \"file\" must not be empty");

        return new FileOutputSettings
        {
            Path = System.IO.Path.GetFullPath(file),
            IoBufferSize = action.GetInt("ioBufferSize"),
            FlushOnTxEnd = action.GetBool("flushOnTXEnd"),
            FlushIntervalSeconds = action.GetInt("flushInterval"),
            CreateDirs = action.GetBool("createDirs"),
            // Action values override the module's, which default to rsyslog's 0644 / 0700.
            FileCreateMode = (UnixFileMode)(action.IsSet("fileCreateMode") ? action.GetLong("fileCreateMode") : module.GetLong("fileCreateMode")),
            DirCreateMode = (UnixFileMode)(action.IsSet("dirCreateMode") ? action.GetLong("dirCreateMode") : module.GetLong("dirCreateMode")),
            Sync = action.GetBool("sync"),
            CloseTimeoutMinutes = action.IsSet("closeTimeout") ? action.GetInt("closeTimeout") : 0,
        };
    }
}
