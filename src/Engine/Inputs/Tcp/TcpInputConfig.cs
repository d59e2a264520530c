using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Framing;
using Sluice.Engine.Inputs.Tcp.Decompression;
using P = Sluice.Engine.Inputs.Tcp.TcpInputParams;

namespace Sluice.Engine.Inputs.Tcp;

/// <summary>The effective settings of one imtcp input(): input values, else module values, else rsyslog defaults.</summary>
public sealed record TcpInputConfig
{
    /// <summary>The configured port; "0" asks the kernel for a free one (written to <see cref="ListenPortFileName"/>).</summary>
    public string Port { get; init; } = "514";
    /// <summary>Bind address (literal or host name); null = every IPv4 and IPv6 address.</summary>
    public string? Address { get; init; }
    /// <summary>The inputname property; rsyslog's default is "imtcp".</summary>
    public string InputName { get; init; } = "imtcp";
    public string? RulesetName { get; init; }
    public string? ListenPortFileName { get; init; }
    public int MaxSessions { get; init; } = P.DefaultMaxSessions;
    public int MaxListeners { get; init; } = P.DefaultMaxListeners;
    public int WorkerThreads { get; init; } = P.DefaultWorkerThreads;
    /// <summary>Successful reads of one session in a row before it goes to the back of the queue; 0 = no cap.</summary>
    public int StarvationMaxReads { get; init; } = P.DefaultStarvationMaxReads;
    public bool KeepAlive { get; init; }
    public int KeepAliveProbes { get; init; }
    public int KeepAliveTime { get; init; }
    public int KeepAliveInterval { get; init; }
    public bool NotifyOnConnectionOpen { get; init; }
    public bool NotifyOnConnectionClose { get; init; }
    public bool FlowControl { get; init; } = true;
    public bool PreserveCase { get; init; } = true;
    /// <summary>listen() backlog; 0 = rsyslog's default of maxSessions/10 + 5.</summary>
    public int SocketBacklog { get; init; }
    /// <summary>ratelimit.interval in seconds; 0 = no rate limiting.</summary>
    public int RateLimitInterval { get; init; }
    /// <summary>ratelimit.burst: messages the listener passes per interval, over all its sessions.</summary>
    public int RateLimitBurst { get; init; } = P.DefaultRateLimitBurst;
    public FramerOptions Framing { get; init; } = new();
    /// <summary>compression.* : stream decompression of every session (off by default).</summary>
    public DecompressionSettings Decompression { get; init; } = DecompressionSettings.Off;

    public int EffectiveBacklog => SocketBacklog > 0 ? SocketBacklog : MaxSessions / 10 + 5;

    /// <summary>Resolves an input() against its module(load="imtcp") settings, as imtcp's initInstanceDefaults does.</summary>
    public static TcpInputConfig From(ParamSet module, ParamSet input, int maxMessageSize)
    {
        string port = input.GetString(P.Port) ?? throw new ConfigException(input.Location, "imtcp: parameter 'port' required but not specified");
        if (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int portNumber)
            || portNumber > 65535)
        {
            throw new ConfigException(input.LocationOf(P.Port), $"imtcp: invalid port '{port}', expected a number 0..65535");
        }

        int maxListeners = input.IsSet(P.MaxListeners) ? input.GetInt(P.MaxListeners)
            : module.IsSet(P.MaxListeners) ? module.GetInt(P.MaxListeners)
            : module.GetInt(P.MaxListnersAlias);

        return new TcpInputConfig
        {
            Port = portNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Address = input.GetString(P.Address),
            InputName = input.GetString(P.Name) is { Length: > 0 } n ? n : "imtcp",
            RulesetName = input.GetString(P.Ruleset),
            ListenPortFileName = input.GetString(P.ListenPortFileName),
            MaxSessions = Int(module, input, P.MaxSessions),
            MaxListeners = maxListeners,
            WorkerThreads = Int(module, input, P.WorkerThreads),
            StarvationMaxReads = Int(module, input, P.StarvationMaxReads),
            KeepAlive = Bool(module, input, P.KeepAlive),
            KeepAliveProbes = Int(module, input, P.KeepAliveProbes),
            KeepAliveTime = Int(module, input, P.KeepAliveTime),
            KeepAliveInterval = Int(module, input, P.KeepAliveInterval),
            NotifyOnConnectionOpen = Bool(module, input, P.NotifyOnConnectionOpen),
            NotifyOnConnectionClose = Bool(module, input, P.NotifyOnConnectionClose),
            FlowControl = Bool(module, input, P.FlowControl),
            PreserveCase = Bool(module, input, P.PreserveCase),
            SocketBacklog = input.GetInt(P.SocketBacklog),
            RateLimitInterval = input.GetInt(P.RateLimitInterval),
            RateLimitBurst = input.GetInt(P.RateLimitBurst),
            Framing = new FramerOptions
            {
                MaxMessageSize = maxMessageSize,
                MaxFrameSize = Int(module, input, P.MaxFrameSize),
                SupportOctetCountedFraming = input.IsSet(P.SupportOctetCountedFraming)
                    ? input.GetBool(P.SupportOctetCountedFraming)
                    : module.GetBool(P.OctetCountedFraming),
                DisableLFDelimiter = Bool(module, input, P.DisableLFDelimiter),
                AddtlFrameDelimiter = Int(module, input, P.AddtlFrameDelimiter),
                DiscardTruncatedMsg = Bool(module, input, P.DiscardTruncatedMsg),
            },
            Decompression = DecompressionSettings.From(module, input),
        };
    }

    private static int Int(ParamSet module, ParamSet input, string name) =>
        input.IsSet(name) ? input.GetInt(name) : module.GetInt(name);

    private static bool Bool(ParamSet module, ParamSet input, string name) =>
        input.IsSet(name) ? input.GetBool(name) : module.GetBool(name);
}
