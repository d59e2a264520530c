using Sluice.Engine.Config.Schema;
using Sluice.Native;

namespace Sluice.Engine.Outputs.File;

/// <summary>One omfile action's settings, validated and resolved (names of users and groups already turned into ids).</summary>
public sealed record FileOutputSettings
{
    /// <summary>rsyslog's default dynaFileCacheSize.</summary>
    public const int DefaultDynaFileCacheSize = 10;

    /// <summary>rsyslog's closeTimeout default for dynaFile actions, in minutes (static files: never).</summary>
    public const int DefaultDynaFileCloseTimeout = 10;

    /// <summary>
    /// Absolute path of a static file; null for a dynaFile action. A relative file= is resolved against the working
    /// directory at configuration time.
    /// </summary>
    public string? Path { get; init; }
    /// <summary>dynaFile=: the name of the template whose rendering is the file's path; null for a static file.</summary>
    public string? DynaFileTemplate { get; init; }
    public bool IsDynamic => DynaFileTemplate is not null;
    /// <summary>How many dynamic files stay open (least recently used ones are closed first).</summary>
    public int DynaFileCacheSize { get; init; } = DefaultDynaFileCacheSize;

    public int IoBufferSize { get; init; } = FileOutputModule.DefaultIoBufferSize;
    /// <summary>Write everything buffered when a transaction (a batch) ends. With asyncWriting the writer thread decides.</summary>
    public bool FlushOnTxEnd { get; init; } = true;
    /// <summary>
    /// Buffered data older than this is written. rsyslog only honours flushInterval with asyncWriting="on"; Sluice
    /// also does without it (from the periodic timer), so that with flushOnTXEnd="off" lines never wait in memory
    /// indefinitely. 0 with asyncWriting: written as soon as the writer thread gets to it.
    /// </summary>
    public int FlushIntervalSeconds { get; init; } = 1;
    /// <summary>A writer thread per action writes full buffers (double buffering) so that commits do not wait for the disk.</summary>
    public bool AsyncWriting { get; init; }
    public bool CreateDirs { get; init; } = true;
    public UnixFileMode FileCreateMode { get; init; } = (UnixFileMode)420; // 0644
    public UnixFileMode DirCreateMode { get; init; } = (UnixFileMode)448;  // 0700
    /// <summary>fsync after every commit that wrote data.</summary>
    public bool Sync { get; init; }
    /// <summary>Close a file after this many minutes without writes; 0 = never (rsyslog: static files never, dynaFiles after 10).</summary>
    public int CloseTimeoutMinutes { get; init; }

    /// <summary>Owner and group given to files and directories omfile creates; <see cref="Ownership.Unchanged"/> = leave as created.</summary>
    public int FileOwner { get; init; } = Ownership.Unchanged;
    public int FileGroup { get; init; } = Ownership.Unchanged;
    public int DirOwner { get; init; } = Ownership.Unchanged;
    public int DirGroup { get; init; } = Ownership.Unchanged;
    /// <summary>A file or directory whose owner cannot be set is not used (rsyslog's default: on).</summary>
    public bool FailOnChownFailure { get; init; } = true;

    public bool SetsFileOwnership => FileOwner != Ownership.Unchanged || FileGroup != Ownership.Unchanged;
    public bool SetsDirOwnership => DirOwner != Ownership.Unchanged || DirGroup != Ownership.Unchanged;

    /// <summary>The name shown in messages: the file, or the dynaFile template.</summary>
    public string DisplayName => Path ?? DynaFileTemplate ?? "";

    public static FileOutputSettings From(ParamSet module, ParamSet action)
    {
        string? file = action.GetString("file");
        string? dynaFile = action.GetString("dynaFile");
        if (file is null && dynaFile is null)
            throw FileOutputModule.Error(action, "file", "omfile: either the \"file\" or \"dynafile\" parameter must be given");
        // rsyslog 8.2302 reports this as a config error and goes on with dynafile; Sluice refuses the ambiguity.
        if (file is not null && dynaFile is not null)
            throw FileOutputModule.Error(action, "dynaFile", "omfile: both \"file\" and \"dynafile\" set; give only one of them");
        string name = dynaFile ?? file!;
        if (string.IsNullOrWhiteSpace(name))
            throw FileOutputModule.Error(action, dynaFile is null ? "file" : "dynaFile",
                "omfile: \"file\" or \"dynafile\" parameter consist only of whitespace - this is not permitted");

        bool dynamic = dynaFile is not null;
        return new FileOutputSettings
        {
            Path = dynamic ? null : System.IO.Path.GetFullPath(file!),
            DynaFileTemplate = dynaFile,
            DynaFileCacheSize = action.GetInt("dynaFileCacheSize"),
            IoBufferSize = action.GetInt("ioBufferSize"),
            FlushOnTxEnd = action.GetBool("flushOnTXEnd"),
            FlushIntervalSeconds = action.GetInt("flushInterval"),
            AsyncWriting = action.GetBool("asyncWriting"),
            CreateDirs = action.GetBool("createDirs"),
            // Action values override the module's, which default to rsyslog's 0644 / 0700.
            FileCreateMode = (UnixFileMode)(action.IsSet("fileCreateMode") ? action.GetLong("fileCreateMode") : module.GetLong("fileCreateMode")),
            DirCreateMode = (UnixFileMode)(action.IsSet("dirCreateMode") ? action.GetLong("dirCreateMode") : module.GetLong("dirCreateMode")),
            Sync = action.GetBool("sync"),
            CloseTimeoutMinutes = action.IsSet("closeTimeout") ? action.GetInt("closeTimeout") : dynamic ? DefaultDynaFileCloseTimeout : 0,
            FileOwner = OwnerId.Resolve(module, action, "fileOwner", "fileOwnerNum", group: false),
            FileGroup = OwnerId.Resolve(module, action, "fileGroup", "fileGroupNum", group: true),
            DirOwner = OwnerId.Resolve(module, action, "dirOwner", "dirOwnerNum", group: false),
            DirGroup = OwnerId.Resolve(module, action, "dirGroup", "dirGroupNum", group: true),
            FailOnChownFailure = action.GetBool("failOnChOwnFailure"),
        };
    }
}
