namespace Sluice.Engine.Runtime;

/// <summary>global() / legacy $-directive settings that modules read. Defaults are rsyslog's.</summary>
public sealed record GlobalSettings
{
    /// <summary>rsyslog's real default is 8096 (rsconf.c), not 8192.</summary>
    public int MaxMessageSize { get; init; } = 8096;
    /// <summary>global(workDirectory); null = not set, as in rsyslog (where disk queues then cannot start).</summary>
    public string? WorkDirectory { get; init; }
    /// <summary>global(localHostname=…); null = the system's host name.</summary>
    public string? LocalHostName { get; init; }
    /// <summary>$EscapeControlCharactersOnReceive (default on).</summary>
    public bool EscapeControlCharactersOnReceive { get; init; } = true;
    /// <summary>$ControlCharacterEscapePrefix (default '#').</summary>
    public byte ControlCharacterEscapePrefix { get; init; } = (byte)'#';
    /// <summary>$EscapeControlCharacterTab (default on).</summary>
    public bool EscapeControlCharacterTab { get; init; } = true;
    /// <summary>$DropTrailingLFOnReception (default on).</summary>
    public bool DropTrailingLFOnReception { get; init; } = true;
    /// <summary>$SpaceLFOnReceive / global(parser.spaceLFOnReceive) (default off): LF becomes a space on reception.</summary>
    public bool SpaceLFOnReceive { get; init; }
    /// <summary>global(parser.escapeControlCharactersCStyle) (default off): "\t", "\x01" instead of "#011".</summary>
    public bool EscapeControlCharactersCStyle { get; init; }
    /// <summary>global(parser.supportCompressionExtension) (default on): a message "z" + zlib data is decompressed.</summary>
    public bool SupportCompressionExtension { get; init; } = true;
    /// <summary>global(parser.permitSlashInProgramName) (default off).</summary>
    public bool PermitSlashInProgramName { get; init; }
    /// <summary>global(parser.escape8BitCharactersOnReceive) (default off).</summary>
    public bool Escape8BitCharactersOnReceive { get; init; }
    /// <summary>global(preserveFQDN) (default off).</summary>
    public bool PreserveFqdn { get; init; }
    /// <summary>$RepeatedMsgReduction (default off): each input listener folds repeats into "message repeated n times".</summary>
    public bool ReduceRepeatMessages { get; init; }
    /// <summary>global(net.enableDNS) (default on). Sluice resolves fromhost only when on.</summary>
    public bool EnableDns { get; init; } = true;
    /// <summary>global(umask=…) / $Umask: the process's umask, set by the daemon at startup; null = left as inherited.</summary>
    public int? Umask { get; init; }
}
