using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Config.Objects;

/// <summary>
/// global() parameters (rsyslog runtime/glbl.c cnfparamdescr). The ones Sluice implements have their
/// types; every other documented one is declared NotSupported so that using it is a clear error.
/// </summary>
public static class GlobalParams
{
    public const string WorkDirectory = "workDirectory";
    public const string LocalHostname = "localHostname";
    public const string PreserveFqdn = "preserveFQDN";
    public const string MaxMessageSize = "maxMessageSize";
    public const string EnableDns = "net.enableDNS";
    public const string PermitSlashInProgramName = "parser.permitSlashInProgramName";
    public const string EscapeControlCharactersOnReceive = "parser.escapeControlCharactersOnReceive";
    public const string EscapeControlCharacterTab = "parser.escapeControlCharacterTab";
    public const string ControlCharacterEscapePrefix = "parser.controlCharacterEscapePrefix";
    public const string Escape8BitCharactersOnReceive = "parser.escape8BitCharactersOnReceive";
    public const string DropTrailingLFOnReception = "parser.dropTrailingLFOnReception";
    public const string SpaceLFOnReceive = "parser.spaceLFOnReceive";
    public const string EscapeControlCharactersCStyle = "parser.escapeControlCharactersCStyle";
    public const string Umask = "umask";

    private static readonly string[] NotSupportedNames =
    {
        "operatingStateFile", "dropMsgsWithMaliciousDnsPtrRecords", "compactJsonString", "debug.onShutdown",
        "debug.logFile", "debug.gnutls", "debug.abortOnProgramError", "debug.unloadModules", "debug.files",
        "debug.whitelist", "defaultNetstreamDriver", "defaultNetstreamDriverCAFile", "defaultNetstreamDriverCRLFile",
        "defaultNetstreamDriverKeyFile", "defaultNetstreamDriverCertFile", "defaultOpensslEngine",
        "netstreamDriverCaExtraFiles", "oversizemsg.errorFile", "oversizemsg.report", "oversizemsg.input.mode",
        "reportChildProcessExits", "action.reportSuspension", "action.reportSuspensionContinuation",
        "parser.parseHostnameAndTag",
        "parser.supportCompressionExtension", "stdlog.channelSpec", "janitor.interval", "senders.reportNew",
        "senders.reportGoneAway", "senders.timeoutAfter", "senders.keepTrack", "inputs.timeout.shutdown",
        "privDrop.group.keepSupplemental", "privDrop.group.id", "privDrop.group.name", "privDrop.user.id",
        "privDrop.user.name", "net.ipprotocol", "net.aclAddHostnameOnFail", "net.aclResolveHostname",
        "net.permitACLWarning", "abortOnUncleanConfig", "abortOnFailedQueueStartup", "variables.caseSensitive",
        "environment", "processInternalMessages", "security.abortOnIDResolutionFail",
        "internal.developeronly.options", "internalmsg.ratelimit.interval", "internalmsg.ratelimit.burst",
        "internalmsg.ratelimit.name", "internalmsg.severity", "allMessagesToStderr", "errorMessagesToStderr.maxNumber",
        "shutdown.enable.ctlc", "shutdown.queue.doubleSize", "default.action.queue.timeoutshutdown",
        "default.action.queue.timeoutactioncompletion", "default.action.queue.timeoutenqueue",
        "default.action.queue.timeoutworkerthreadshutdown", "default.ruleset.queue.timeoutshutdown",
        "default.ruleset.queue.timeoutactioncompletion", "default.ruleset.queue.timeoutenqueue",
        "default.ruleset.queue.timeoutworkerthreadshutdown", "reverselookup.cache.ttl.default",
        "reverselookup.cache.ttl.enable", "libcapng.default", "libcapng.enable",
    };

    public static readonly ParamSchema Schema = new(Definitions());

    private static IEnumerable<ParamDef> Definitions()
    {
        yield return new ParamDef(WorkDirectory, ParamType.String);
        yield return new ParamDef(LocalHostname, ParamType.String);
        yield return new ParamDef(PreserveFqdn, ParamType.Binary);
        // rsyslog raises values below 128 to 128 with an error message; Sluice refuses them.
        yield return new ParamDef(MaxMessageSize, ParamType.Size) { Min = 128, Max = int.MaxValue };
        yield return new ParamDef(EnableDns, ParamType.Binary);
        yield return new ParamDef(PermitSlashInProgramName, ParamType.Binary);
        yield return new ParamDef(EscapeControlCharactersOnReceive, ParamType.Binary);
        yield return new ParamDef(EscapeControlCharacterTab, ParamType.Binary);
        yield return new ParamDef(ControlCharacterEscapePrefix, ParamType.Char) { Min = 1, Max = 127 };
        yield return new ParamDef(Escape8BitCharactersOnReceive, ParamType.Binary);
        yield return new ParamDef(DropTrailingLFOnReception, ParamType.Binary);
        yield return new ParamDef(SpaceLFOnReceive, ParamType.Binary);
        yield return new ParamDef(EscapeControlCharactersCStyle, ParamType.Binary);
        yield return new ParamDef(Umask, ParamType.FileMode);
        foreach (var name in NotSupportedNames) yield return new ParamDef(name, ParamType.String) { NotSupported = true };
    }
}
