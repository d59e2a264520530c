using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Inputs.Udp;

/// <summary>
/// imudp's module(load=…) and input() parameters as rsyslog's plugins/imudp/imudp.c declares them (modpdescr /
/// inppdescr; the installed 8.2302 has the same set). Scheduling-policy parameters and defaultTZ are declared
/// NotSupported, so a config using them fails at startup instead of being silently ignored.
/// </summary>
public static class UdpInputParams
{
    // Module.
    public const string BatchSize = "batchSize";
    public const string Threads = "threads";
    public const string TimeRequery = "timeRequery";
    public const string PreserveCase = "preserveCase";
    public const string SchedulingPolicy = "schedulingPolicy";
    public const string SchedulingPriority = "schedulingPriority";

    // Input.
    public const string Port = "port";
    public const string Address = "address";
    public const string Device = "device";
    public const string Name = "name";
    public const string NameAppendPort = "name.appendPort";
    public const string InputName = "inputName";
    public const string InputNameAppendPort = "inputName.appendPort";
    public const string Ruleset = "ruleset";
    public const string RateLimitInterval = "ratelimit.interval";
    public const string RateLimitBurst = "ratelimit.burst";
    public const string RcvBufSize = "rcvbufSize";
    public const string IpFreeBind = "ipfreebind";
    public const string DefaultTz = "defaultTZ";

    public const int DefaultBatchSize = 32;          // BATCH_SIZE_DFLT
    public const int DefaultTimeRequery = 2;         // TIME_REQUERY_DFLT
    public const int MaxThreads = 32;                // MAX_WRKR_THREADS
    public const int DefaultRateLimitBurst = 10000;
    /// <summary>IPFREEBIND_ENABLED_WITH_LOG: bind with IP_FREEBIND when the address is not (yet) there, and say so.</summary>
    public const int DefaultIpFreeBind = 2;
    /// <summary>rsyslog refuses larger rcvbufSize values (and uses the OS default instead).</summary>
    public const long MaxRcvBufSize = 1024L * 1024 * 1024;

    public static readonly ParamSchema Module = new(new[]
    {
        // rsyslog takes any integer here; values the kernel cannot use are clamped where they are applied.
        Int(BatchSize, DefaultBatchSize, 1),
        Int(Threads, 1, 1),
        Int(TimeRequery, DefaultTimeRequery, 0),
        new ParamDef(PreserveCase, ParamType.Binary) { Default = false },
        new ParamDef(SchedulingPolicy, ParamType.String) { NotSupported = true },
        new ParamDef(SchedulingPriority, ParamType.Integer) { NotSupported = true },
    });

    public static readonly ParamSchema Input = new(new[]
    {
        new ParamDef(Port, ParamType.StringArray) { Required = true },
        new ParamDef(Address, ParamType.String),
        new ParamDef(Device, ParamType.String),
        new ParamDef(Name, ParamType.String),
        new ParamDef(NameAppendPort, ParamType.Binary) { Default = false },
        new ParamDef(InputName, ParamType.String),
        new ParamDef(InputNameAppendPort, ParamType.Binary) { Default = false },
        new ParamDef(Ruleset, ParamType.String),
        Int(RateLimitInterval, 0, 0),
        Int(RateLimitBurst, DefaultRateLimitBurst, 0),
        new ParamDef(RcvBufSize, ParamType.Size) { Default = 0L, Min = 0 },
        Int(IpFreeBind, DefaultIpFreeBind, 0),
        new ParamDef(DefaultTz, ParamType.String) { NotSupported = true },
    });

    private static ParamDef Int(string name, long dflt, long min, long max = int.MaxValue) =>
        new(name, ParamType.Integer) { Default = dflt, Min = min, Max = max };
}
