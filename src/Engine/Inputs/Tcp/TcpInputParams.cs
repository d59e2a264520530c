using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Inputs.Tcp;

/// <summary>
/// imtcp's module(load=…) and input() parameters, named and defaulted as rsyslog's plugins/imtcp/imtcp.c
/// (modpdescr / inppdescr, initModuleDefaults) declares them. Parameters Sluice does not implement (TLS
/// stream drivers, peer ACLs, named rate-limit policies, namespaces…) are declared NotSupported so that a
/// config using them fails at startup instead of being silently ignored.
/// </summary>
public static class TcpInputParams
{
    // Shared by module and input (the input value, when set, overrides the module value).
    public const string FlowControl = "flowControl";
    public const string DisableLFDelimiter = "disableLFDelimiter";
    public const string DiscardTruncatedMsg = "discardTruncatedMsg";
    public const string NotifyOnConnectionClose = "notifyOnConnectionClose";
    public const string NotifyOnConnectionOpen = "notifyOnConnectionOpen";
    public const string AddtlFrameDelimiter = "addtlFrameDelimiter";
    public const string MaxFrameSize = "maxFrameSize";
    public const string MaxSessions = "maxSessions";
    public const string MaxListeners = "maxListeners";
    public const string WorkerThreads = "workerThreads";
    public const string StarvationMaxReads = "starvationProtection.maxReads";
    public const string KeepAlive = "keepAlive";
    public const string KeepAliveProbes = "keepAlive.probes";
    public const string KeepAliveTime = "keepAlive.time";
    public const string KeepAliveInterval = "keepAlive.interval";
    public const string PreserveCase = "preserveCase";

    // Module only.
    /// <summary>Module-level name of the octet-counting switch (the input calls it supportOctetCountedFraming).</summary>
    public const string OctetCountedFraming = "octetCountedFraming";
    /// <summary>rsyslog keeps this misspelt alias of maxListeners at module level.</summary>
    public const string MaxListnersAlias = "maxListners";

    // Input only.
    public const string Port = "port";
    public const string Address = "address";
    public const string Name = "name";
    public const string Ruleset = "ruleset";
    public const string ListenPortFileName = "listenPortFileName";
    public const string SupportOctetCountedFraming = "supportOctetCountedFraming";
    public const string SocketBacklog = "socketBacklog";
    /// <summary>
    /// Input-only, as in 8.2302: rsyslogd 8.2302 refuses ratelimit.* at module level ("parameter … not known"),
    /// so there is no module default to inherit.
    /// </summary>
    public const string RateLimitInterval = "ratelimit.interval";
    public const string RateLimitBurst = "ratelimit.burst";

    public const int DefaultMaxSessions = 200;      // TCPSESS_MAX_DEFAULT
    public const int DefaultMaxListeners = 20;      // TCPLSTN_MAX_DEFAULT
    public const int DefaultWorkerThreads = 2;      // DEFAULT_NUMWRKR
    public const int DefaultStarvationMaxReads = 500; // DEFAULT_STARVATIONMAXREADS
    public const int DefaultMaxFrameSize = 200000;
    public const int DefaultRateLimitBurst = 10000; // imtcp createInstance
    public const int MaxFrameSizeLimit = 200000000; // MAX_FRAME_SIZE_LIMIT
    /// <summary>Not an rsyslog limit (it has none); a guard against absurd thread counts.</summary>
    public const int WorkerThreadsLimit = 1024;

    // Declared before the schemas: static initialisers run in textual order.
    private static readonly string[] CommonUnsupported =
    {
        "streamDriver.mode", "streamDriver.authMode", "streamDriver.permitExpiredCerts", "streamDriver.name",
        "streamDriver.CheckExtendedKeyPurpose", "streamDriver.PrioritizeSAN", "streamDriver.TlsVerifyDepth",
        "streamDriver.TlsRevocationCheck", "streamDriver.caFile", "streamDriver.crlFile", "streamDriver.keyFile",
        "streamDriver.certFile", "allowedSender", "permittedPeer", "gnutlsPriorityString", "networkNamespace",
    };

    private static readonly string[] InputOnlyUnsupported =
    {
        "defaultTZ", "ratelimit.name", "framingfix.cisco.asa",
        "multiLine", "framing.delimiter.regex",
    };

    public static readonly ParamSchema Module = new(Shared().Concat(new[]
    {
        Bin(OctetCountedFraming, true),
        Int(MaxListnersAlias, DefaultMaxListeners, 1),
    }).Concat(Decompression.DecompressionParams.Definitions()).Concat(Unsupported(CommonUnsupported)));

    public static readonly ParamSchema Input = new(Shared().Concat(new[]
    {
        new ParamDef(Port, ParamType.String) { Required = true },
        new ParamDef(Address, ParamType.String),
        new ParamDef(Name, ParamType.String) { Default = "imtcp" },
        new ParamDef(Ruleset, ParamType.String),
        new ParamDef(ListenPortFileName, ParamType.String),
        Bin(SupportOctetCountedFraming, true),
        // 0 = rsyslog's default backlog, maxSessions/10 + 5 (nsd_ptcp LstnInit).
        Int(SocketBacklog, 0, 0),
        // 0 = off (the default). Seconds, and messages per window, as runtime/ratelimit.c counts them.
        Int(RateLimitInterval, 0, 0),
        Int(RateLimitBurst, DefaultRateLimitBurst, 0),
    }).Concat(Decompression.DecompressionParams.Definitions()).Concat(Unsupported(InputOnlyUnsupported)).Concat(Unsupported(CommonUnsupported)));

    private static IEnumerable<ParamDef> Shared() => new[]
    {
        Bin(FlowControl, true),
        Bin(DisableLFDelimiter, false),
        Bin(DiscardTruncatedMsg, false),
        Bin(NotifyOnConnectionClose, false),
        Bin(NotifyOnConnectionOpen, false),
        // A decimal byte value as in rsyslog (eCmdHdlrNonNegInt: "0" is NUL, not the digit '0');
        // -1 = no additional delimiter (TCPSRV_NO_ADDTL_DELIMITER). rsyslog accepts values above 255 that can
        // never match a byte; Sluice rejects them.
        new ParamDef(AddtlFrameDelimiter, ParamType.Integer) { Default = -1L, Min = 0, Max = 255 },
        Int(MaxFrameSize, DefaultMaxFrameSize, 1, MaxFrameSizeLimit),
        Int(MaxSessions, DefaultMaxSessions, 1),
        Int(MaxListeners, DefaultMaxListeners, 1),
        Int(WorkerThreads, DefaultWorkerThreads, 1, WorkerThreadsLimit),
        Int(StarvationMaxReads, DefaultStarvationMaxReads, 0),
        Bin(KeepAlive, false),
        // 0 = leave the kernel's default (nsd_ptcp only sets the option for values > 0).
        Int(KeepAliveProbes, 0, 0),
        Int(KeepAliveTime, 0, 0),
        Int(KeepAliveInterval, 0, 0),
        Bin(PreserveCase, true),
    };

    private static ParamDef Bin(string name, bool dflt) => new(name, ParamType.Binary) { Default = dflt };

    private static ParamDef Int(string name, long dflt, long min, long max = int.MaxValue) =>
        new(name, ParamType.Integer) { Default = dflt, Min = min, Max = max };

    private static IEnumerable<ParamDef> Unsupported(string[] names)
    {
        foreach (var n in names) yield return new ParamDef(n, ParamType.String) { NotSupported = true };
    }
}
