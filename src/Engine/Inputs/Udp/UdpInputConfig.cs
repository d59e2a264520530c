using System.Globalization;
using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Diagnostics;
using P = Sluice.Engine.Inputs.Udp.UdpInputParams;

namespace Sluice.Engine.Inputs.Udp;

/// <summary>The effective settings of one imudp input(): its own values, the module's, else rsyslog's defaults.</summary>
public sealed record UdpInputConfig
{
    /// <summary>Ports to listen on (rsyslog's port is an array: one set of listeners per entry).</summary>
    public IReadOnlyList<string> Ports { get; init; } = new[] { "514" };
    /// <summary>Bind address (literal or host name); null or "*" = every IPv4 and IPv6 address.</summary>
    public string? Address { get; init; }
    /// <summary>SO_BINDTODEVICE interface, or null.</summary>
    public string? Device { get; init; }
    /// <summary>The inputname property; rsyslog's default is "imudp".</summary>
    public string InputName { get; init; } = "imudp";
    /// <summary>name.appendPort: the inputname of each listener gets its port appended ("imudp514").</summary>
    public bool AppendPortToInputName { get; init; }
    public string? RulesetName { get; init; }
    public int Threads { get; init; } = 1;
    /// <summary>recvmmsg vector length (and receive buffers per worker).</summary>
    public int BatchSize { get; init; } = P.DefaultBatchSize;
    /// <summary>Read the clock on every Nth receive call; 0 = on every call.</summary>
    public int TimeRequery { get; init; } = P.DefaultTimeRequery;
    /// <summary>Keep fromhost's case (imudp's default is off: fromhost is lower-cased).</summary>
    public bool PreserveCase { get; init; }
    /// <summary>SO_RCVBUF to ask for; 0 = the OS default.</summary>
    public int RcvBufSize { get; init; }
    /// <summary>0 = off, 1 = IP_FREEBIND when the address is not available, 2 = the same and log it.</summary>
    public int IpFreeBind { get; init; } = P.DefaultIpFreeBind;
    public int RateLimitInterval { get; init; }
    public int RateLimitBurst { get; init; } = P.DefaultRateLimitBurst;
    /// <summary>The global maxMessageSize: longer datagrams are cut to it.</summary>
    public int MaxMessageSize { get; init; } = 8096;

    /// <summary>
    /// Resolves an input() against its module(load="imudp") settings, as imudp's createListner/setModCnf do,
    /// including their complaints: deprecated names and clamped values are logged, contradictions are errors.
    /// </summary>
    public static UdpInputConfig From(ParamSet module, ParamSet input, int maxMessageSize, IInternalLog log)
    {
        var ports = input.GetStringArray(P.Port);
        var errors = new List<ConfigError>();
        if (ports.Length == 0) errors.Add(new ConfigError(input.LocationOf(P.Port), "imudp: parameter 'port' must name at least one port"));
        var normalized = new string[ports.Length];
        for (int i = 0; i < ports.Length; i++)
        {
            // rsyslog passes the port to getaddrinfo with AI_NUMERICSERV: it must be a number.
            if (!int.TryParse(ports[i], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n > 65535)
                errors.Add(new ConfigError(input.LocationOf(P.Port), $"imudp: invalid port '{ports[i]}', expected a number 0..65535"));
            else normalized[i] = n.ToString(CultureInfo.InvariantCulture);
        }

        if (input.IsSet(P.Name) && input.IsSet(P.InputName))
            errors.Add(new ConfigError(input.LocationOf(P.InputName), "imudp: name and inputname parameter specified - only one can be used"));
        if (input.IsSet(P.NameAppendPort) && input.IsSet(P.InputNameAppendPort))
            errors.Add(new ConfigError(input.LocationOf(P.InputNameAppendPort), "imudp: name.appendport and inputname.appendport parameter specified - only one can be used"));
        if (errors.Count > 0) throw new ConfigException(errors);

        if (input.IsSet(P.InputName)) log.Error("imudp: deprecated parameter inputname used. Suggest to use name instead");
        if (input.IsSet(P.InputNameAppendPort)) log.Error("imudp: deprecated parameter inputname.appendport used. Suggest to use name.appendport instead");

        int threads = module.GetInt(P.Threads);
        if (threads > P.MaxThreads)
        {
            // sic: rsyslog's text lacks the space before "worker".
            log.Error($"imudp: configured for {threads}worker threads, but maximum permitted is {P.MaxThreads}");
            threads = P.MaxThreads;
        }

        long rcvbuf = input.GetLong(P.RcvBufSize);
        if (rcvbuf > P.MaxRcvBufSize)
        {
            log.Error("imudp: rcvbufsize maximum is 1 GiB, using default instead");
            rcvbuf = 0;
        }

        string? name = input.GetString(P.Name) ?? input.GetString(P.InputName);
        return new UdpInputConfig
        {
            Ports = normalized,
            Address = input.GetString(P.Address),
            Device = input.GetString(P.Device),
            InputName = string.IsNullOrEmpty(name) ? "imudp" : name,
            AppendPortToInputName = input.IsSet(P.NameAppendPort) ? input.GetBool(P.NameAppendPort) : input.GetBool(P.InputNameAppendPort),
            RulesetName = input.GetString(P.Ruleset),
            Threads = threads,
            BatchSize = module.GetInt(P.BatchSize),
            TimeRequery = module.GetInt(P.TimeRequery),
            PreserveCase = module.GetBool(P.PreserveCase),
            RcvBufSize = (int)rcvbuf,
            IpFreeBind = input.GetInt(P.IpFreeBind),
            RateLimitInterval = input.GetInt(P.RateLimitInterval),
            RateLimitBurst = input.GetInt(P.RateLimitBurst),
            MaxMessageSize = maxMessageSize,
        };
    }
}
