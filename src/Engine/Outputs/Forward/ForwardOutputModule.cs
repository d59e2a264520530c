using Sluice.Engine.Compression;
using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Outputs.Forward;

/// <summary>
/// omfwd, rsyslog's built-in forwarding output (tools/omfwd.c, runtime/tcpclt.c): plain TCP and UDP syslog
/// with rsyslog's framing and compression. Parameter names, types and defaults are those of rsyslogd 8.2302's
/// table (checked against the binary), plus compression.driver and extendedConnectionCheck from later
/// versions; TLS, network namespaces, rate limiting and target pools are declared and refused.
/// </summary>
public sealed class ForwardOutputModule : OutputModuleDefinition
{
    public const string DefaultTemplateName = "RSYSLOG_TraditionalForwardFormat";

    private static readonly string[] Protocols = ["udp", "tcp"];
    private static readonly string[] Framings = ["traditional", "octet-counted"];
    private static readonly string[] CompressionModes = ["none", "single", "stream:always"];
    private static readonly string[] Drivers = ["zlib", "zstd"];

    public override string Name => "omfwd";
    public override bool IsBuiltIn => true;

    public override ParamSchema ModuleParams { get; } = new(new[]
    {
        new ParamDef("template", ParamType.String),
    });

    public override ParamSchema InstanceParams { get; } = new(new[]
    {
        new ParamDef("target", ParamType.String) { Required = true },
        new ParamDef("port", ParamType.String) { Default = "514" },
        new ParamDef("protocol", ParamType.Choice) { Allowed = Protocols, Default = "udp" },
        new ParamDef("address", ParamType.String),
        new ParamDef("tcp_framing", ParamType.Choice) { Allowed = Framings, Default = "traditional" },
        new ParamDef("tcp_frameDelimiter", ParamType.Integer) { Default = 10L, Min = 0, Max = 255 },
        new ParamDef("template", ParamType.String),
        new ParamDef("zipLevel", ParamType.Integer) { Min = 0, Max = 10 },
        new ParamDef("compression.mode", ParamType.Choice) { Allowed = CompressionModes, Default = "none" },
        new ParamDef("compression.driver", ParamType.Choice) { Allowed = Drivers, Default = "zlib" },
        new ParamDef("compression.stream.flushOnTXEnd", ParamType.Binary) { Default = true },
        new ParamDef("rebindInterval", ParamType.Integer) { Default = 0L, Min = 0, Max = int.MaxValue },
        new ParamDef("ResendLastMSGOnReconnect", ParamType.Binary) { Default = false },
        new ParamDef("maxErrorMessages", ParamType.Integer),
        new ParamDef("keepAlive", ParamType.Binary) { Default = false },
        new ParamDef("keepAlive.probes", ParamType.Integer) { Default = 0L, Min = 0, Max = int.MaxValue },
        new ParamDef("keepAlive.time", ParamType.Integer) { Default = 0L, Min = 0, Max = int.MaxValue },
        new ParamDef("keepAlive.interval", ParamType.Integer) { Default = 0L, Min = 0, Max = int.MaxValue },
        new ParamDef("conErrSkip", ParamType.Integer) { Default = 0L, Min = 0, Max = int.MaxValue },
        new ParamDef("extendedConnectionCheck", ParamType.Binary) { Default = true },
        new ParamDef("udp.sendToAll", ParamType.Binary) { Default = false },
        new ParamDef("udp.sendDelay", ParamType.Integer) { Default = 0L, Min = 0, Max = int.MaxValue },
        new ParamDef("udp.sendBuf", ParamType.Size) { Default = 0L, Min = 0, Max = int.MaxValue },
        new ParamDef("device", ParamType.String) { NotSupported = true },
        new ParamDef("networkNamespace", ParamType.String) { NotSupported = true },
        new ParamDef("ipfreebind", ParamType.Integer) { Default = 2L, Min = 0, Max = 2 },
        new ParamDef("gnutlsPriorityString", ParamType.String) { NotSupported = true },
        new ParamDef("streamDriver", ParamType.String) { NotSupported = true },
        new ParamDef("streamDriverMode", ParamType.Integer) { NotSupported = true },
        new ParamDef("streamDriverAuthMode", ParamType.String) { NotSupported = true },
        new ParamDef("streamDriverPermittedPeers", ParamType.String) { NotSupported = true },
        new ParamDef("streamDriver.permitExpiredCerts", ParamType.String) { NotSupported = true },
        new ParamDef("streamDriver.CheckExtendedKeyPurpose", ParamType.Binary) { NotSupported = true },
        new ParamDef("streamDriver.PrioritizeSAN", ParamType.Binary) { NotSupported = true },
        new ParamDef("streamDriver.TlsVerifyDepth", ParamType.Integer) { NotSupported = true },
        new ParamDef("streamDriver.CAFile", ParamType.String) { NotSupported = true },
        new ParamDef("streamDriver.KeyFile", ParamType.String) { NotSupported = true },
        new ParamDef("streamDriver.CertFile", ParamType.String) { NotSupported = true },
        new ParamDef("ratelimit.interval", ParamType.Integer) { NotSupported = true },
        new ParamDef("ratelimit.burst", ParamType.Integer) { NotSupported = true },
        new ParamDef("pool.resumeInterval", ParamType.Integer) { NotSupported = true },
    });

    /// <summary>module(template=…) if given, else RSYSLOG_TraditionalForwardFormat (omfwd.c getDfltTpl).</summary>
    public override string DefaultTemplate(ParamSet moduleParams, EngineServices services) =>
        moduleParams.GetString("template") ?? DefaultTemplateName;

    public override OutputInstance CreateOutput(ParamSet moduleParams, ParamSet actionParams, Template template, EngineServices services)
    {
        var settings = Settings(actionParams, services.Globals, services.Log);
        if (settings.CompressionDriver == CompressionDriver.Zstd) RequireZstd(actionParams);
        return settings.Protocol == ForwardProtocol.Tcp
            ? new TcpForwardOutput(settings, template, services.Log, services.Stats)
            : new UdpForwardOutput(settings, template, services.Log, services.Stats);
    }

    /// <summary>Validates an action's parameters into settings (rsyslog's newActInst checks and warnings).</summary>
    public static ForwardSettings Settings(ParamSet p, GlobalSettings globals, IInternalLog log)
    {
        string target = p.GetString("target") ?? throw Error(p, "target", "omfwd: parameter 'target' is required");
        if (target.Length == 0) throw Error(p, "target", "omfwd: 'target' must not be empty");
        string portText = p.GetString("port")!;
        if (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port)
            || port is < 1 or > 65535)
            throw Error(p, "port", $"omfwd: port must be a number from 1 to 65535, not \"{portText}\" (service names are not supported)");

        var protocol = p.GetString("protocol") == "tcp" ? ForwardProtocol.Tcp : ForwardProtocol.Udp;
        var compression = p.GetString("compression.mode") switch
        {
            "single" => ForwardCompression.Single,
            "stream:always" => ForwardCompression.StreamAlways,
            _ => ForwardCompression.None,
        };
        int level = 9;
        if (p.IsSet("zipLevel"))
        {
            level = p.GetInt("zipLevel");
            // As omfwd.c: a zipLevel on its own turns on single compression; "none" cannot be told apart from
            // "not given", so compression.mode="none" with a zipLevel also means single.
            if (compression == ForwardCompression.None) compression = ForwardCompression.Single;
        }
        var driver = p.GetString("compression.driver") == "zstd" ? CompressionDriver.Zstd : CompressionDriver.Zlib;
        if (driver == CompressionDriver.Zstd)
        {
            if (compression != ForwardCompression.StreamAlways)
                throw Error(p, "compression.driver", "omfwd: compression.driver=\"zstd\" requires compression.mode=\"stream:always\"");
            if (level == 0)
                throw Error(p, "zipLevel", "omfwd: compression.driver=\"zstd\" requires a zipLevel other than 0 (zstd reads 0 as its default level)");
        }
        else if (level > 9 && compression != ForwardCompression.None)
        {
            // rsyslog accepts 10 and then zlib refuses it at run time (messages go out uncompressed, or not at all in stream mode).
            throw Error(p, "zipLevel", $"omfwd: zipLevel {level} is not a zlib level (0..9)");
        }

        if (p.IsSet("maxErrorMessages"))
            log.Warning($"{p.LocationOf("maxErrorMessages")}: omfwd: parameter 'maxErrorMessages' deprecated but accepted, consider removing or replacing it");
        if (protocol == ForwardProtocol.Tcp && p.IsSet("udp.sendToAll"))
            log.Warning($"{p.LocationOf("udp.sendToAll")}: omfwd: parameter udp.sendToAll cannot be used with tcp transport -- ignored");
        string? address = p.GetString("address");
        if (protocol == ForwardProtocol.Tcp && address is not null)
        {
            // rsyslogd 8.2302 (the reference here) does not bind TCP connections to a source address.
            log.Warning($"{p.LocationOf("address")}: omfwd: parameter \"address\" not supported for tcp -- ignored");
            address = null;
        }
        if (protocol == ForwardProtocol.Udp && compression == ForwardCompression.StreamAlways)
            log.Warning($"{p.LocationOf("compression.mode")}: omfwd: compression.mode=\"stream:always\" applies to tcp only; UDP messages are sent uncompressed");

        return new ForwardSettings
        {
            Target = target,
            Port = port,
            PortText = portText,
            Protocol = protocol,
            Framing = p.GetString("tcp_framing") == "octet-counted" ? TcpFraming.OctetCounted : TcpFraming.Traditional,
            FrameDelimiter = (byte)p.GetLong("tcp_frameDelimiter"),
            Compression = compression,
            CompressionDriver = driver,
            ZipLevel = level,
            FlushOnTxEnd = p.GetBool("compression.stream.flushOnTXEnd"),
            RebindInterval = p.GetInt("rebindInterval"),
            ResendLastOnReconnect = p.GetBool("ResendLastMSGOnReconnect"),
            KeepAlive = p.GetBool("keepAlive"),
            KeepAliveProbes = p.GetInt("keepAlive.probes"),
            KeepAliveTime = p.GetInt("keepAlive.time"),
            KeepAliveInterval = p.GetInt("keepAlive.interval"),
            SourceAddress = address,
            UdpSendToAll = protocol == ForwardProtocol.Udp && p.GetBool("udp.sendToAll"),
            UdpSendDelayMicroseconds = p.GetInt("udp.sendDelay"),
            UdpSendBufferSize = p.GetInt("udp.sendBuf"),
            IpFreeBind = p.GetInt("ipfreebind"),
            ConErrSkip = p.GetInt("conErrSkip"),
            ExtendedConnectionCheck = p.GetBool("extendedConnectionCheck"),
            MaxMessageSize = globals.MaxMessageSize,
        };
    }

    /// <summary>zstd comes from the system's libzstd.so.1: say so at startup rather than at the first connection.</summary>
    private static void RequireZstd(ParamSet p)
    {
        try
        {
            _ = Native.Zstd.VersionNumber;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw Error(p, "compression.driver", $"omfwd: compression.driver=\"zstd\" needs libzstd.so.1 (package libzstd1), which cannot be loaded: {e.Message}");
        }
    }

    private static ConfigException Error(ParamSet p, string param, string message) => new(p.LocationOf(param), message);
}
