using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Inputs.Tcp;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Inputs.Tcp;

public class TcpInputModuleTests
{
    private static readonly SourceLocation At = new("test.conf", 3, 1);

    private static ParamSet Module(params (string Name, object Value)[] values) => Set(TcpInputParams.Module, values);
    private static ParamSet Input(params (string Name, object Value)[] values) => Set(TcpInputParams.Input, values);

    private static ParamSet Set(ParamSchema schema, (string Name, object Value)[] values)
    {
        var set = new ParamSet(schema, At);
        foreach (var (name, value) in values) set.Set(name, value, At with { Column = 9 });
        return set;
    }

    private static EngineServices Services(int maxMessageSize = 8096) =>
        new(new GlobalSettings { MaxMessageSize = maxMessageSize, EnableDns = false }, new RecordingLog(), new MessagePool(), new StatsRegistry(), new TemplateRegistry());

    [Fact]
    public void RegistersAsImtcpWithBothSchemas()
    {
        var registry = new ModuleRegistry();
        registry.Register(TcpInputModule.Instance);
        var m = Assert.IsType<TcpInputModule>(registry.Find("IMTCP"));
        Assert.Equal(ModuleKind.Input, m.Kind);
        Assert.NotNull(m.ModuleParams.Find("StarvationProtection.MaxReads"));
        Assert.NotNull(m.InstanceParams.Find("listenportfilename"));
        Assert.True(m.InstanceParams.Find("port")!.Required);
    }

    [Fact]
    public void DefaultsAreRsyslogs()
    {
        var cfg = TcpInputConfig.From(Module(), Input(("port", "10514")), 8096);
        Assert.Equal("10514", cfg.Port);
        Assert.Equal("imtcp", cfg.InputName);
        Assert.Null(cfg.Address);
        Assert.Null(cfg.RulesetName);
        Assert.Equal(200, cfg.MaxSessions);
        Assert.Equal(20, cfg.MaxListeners);
        Assert.Equal(2, cfg.WorkerThreads);
        Assert.Equal(500, cfg.StarvationMaxReads);
        Assert.False(cfg.KeepAlive);
        Assert.Equal(0, cfg.KeepAliveProbes);
        Assert.False(cfg.NotifyOnConnectionOpen);
        Assert.False(cfg.NotifyOnConnectionClose);
        Assert.True(cfg.FlowControl);
        Assert.True(cfg.PreserveCase);
        Assert.Equal(200 / 10 + 5, cfg.EffectiveBacklog);
        Assert.Equal(0, cfg.RateLimitInterval);
        Assert.Equal(10000, cfg.RateLimitBurst);
        Assert.Equal(200000, cfg.Framing.MaxFrameSize);
        Assert.Equal(8096, cfg.Framing.MaxMessageSize);
        Assert.True(cfg.Framing.SupportOctetCountedFraming);
        Assert.False(cfg.Framing.DisableLFDelimiter);
        Assert.Equal(-1, cfg.Framing.AddtlFrameDelimiter);
        Assert.False(cfg.Framing.DiscardTruncatedMsg);
    }

    [Fact]
    public void ModuleValuesAreDefaultsThatInputsOverride()
    {
        var module = Module(("MaxSessions", 7L), ("workerThreads", 4L), ("starvationProtection.maxReads", 0L),
            ("keepAlive", true), ("keepAlive.probes", 3L), ("octetCountedFraming", false), ("notifyOnConnectionClose", true),
            ("addtlFrameDelimiter", 0L), ("maxListners", 3L), ("preserveCase", false));
        var inherited = TcpInputConfig.From(module, Input(("port", "1")), 2048);
        Assert.Equal(7, inherited.MaxSessions);
        Assert.Equal(4, inherited.WorkerThreads);
        Assert.Equal(0, inherited.StarvationMaxReads);
        Assert.True(inherited.KeepAlive);
        Assert.Equal(3, inherited.KeepAliveProbes);
        Assert.False(inherited.Framing.SupportOctetCountedFraming);
        Assert.True(inherited.NotifyOnConnectionClose);
        Assert.Equal(0, inherited.Framing.AddtlFrameDelimiter);
        Assert.Equal(3, inherited.MaxListeners);   // rsyslog's misspelt module alias
        Assert.False(inherited.PreserveCase);
        Assert.Equal(2048, inherited.Framing.MaxMessageSize);

        var own = TcpInputConfig.From(module, Input(("port", "1"), ("maxsessions", 9L), ("workerthreads", 1L),
            ("SupportOctetCountedFraming", true), ("KeepAlive", false), ("name", "edge"), ("ruleset", "rs"),
            ("address", "127.0.0.1"), ("maxListeners", 5L)), 2048);
        Assert.Equal(9, own.MaxSessions);
        Assert.Equal(1, own.WorkerThreads);
        Assert.True(own.Framing.SupportOctetCountedFraming);
        Assert.False(own.KeepAlive);
        Assert.Equal("edge", own.InputName);
        Assert.Equal("rs", own.RulesetName);
        Assert.Equal("127.0.0.1", own.Address);
        Assert.Equal(5, own.MaxListeners);
    }

    [Fact]
    public void RangesFollowRsyslog()
    {
        var maxFrame = TcpInputParams.Input.Find("maxFrameSize")!;
        Assert.Equal(1, maxFrame.Min);
        Assert.Equal(200000000, maxFrame.Max);
        Assert.Equal(1, TcpInputParams.Module.Find("workerThreads")!.Min);
        Assert.Equal(0, TcpInputParams.Module.Find("StarvationProtection.MaxReads")!.Min);
        Assert.Equal(1, TcpInputParams.Input.Find("maxSessions")!.Min);
    }

    [Theory]
    [InlineData("streamDriver.mode", "1")]
    [InlineData("StreamDriver.AuthMode", "x509/name")]
    [InlineData("permittedPeer", "peer")]
    [InlineData("gnutlsPriorityString", "NORMAL")]
    [InlineData("ratelimit.name", "policy")]
    [InlineData("multiLine", "on")]
    [InlineData("networkNamespace", "ns0")]
    public void UnsupportedInputParametersAreStartupErrors(string name, string value)
    {
        Assert.True(TcpInputParams.Input.Find(name)!.NotSupported);
        var ex = Assert.Throws<ConfigException>(() =>
            TcpInputModule.Instance.CreateInput(Module(), Input(("port", "1"), (name, value)), Services()));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(9, error.Location.Column);
        Assert.Contains("is not supported", error.Message);
    }

    [Fact]
    public void RateLimitIsAnInputParameterOnly()
    {
        var cfg = TcpInputConfig.From(Module(), Input(("port", "1"), ("ratelimit.interval", 5L), ("ratelimit.burst", 200L)), 8096);
        Assert.Equal(5, cfg.RateLimitInterval);
        Assert.Equal(200, cfg.RateLimitBurst);
        // rsyslogd 8.2302: "parameter 'ratelimit.interval' not known" in module(load="imtcp").
        Assert.Null(TcpInputParams.Module.Find("ratelimit.interval"));
        Assert.Null(TcpInputParams.Module.Find("ratelimit.burst"));
        Assert.Equal(0, TcpInputParams.Input.Find("ratelimit.interval")!.Min);
    }

    [Fact]
    public void UnsupportedModuleParametersAreStartupErrors()
    {
        Assert.True(TcpInputParams.Module.Find("streamdriver.name")!.NotSupported);
        Assert.Throws<ConfigException>(() =>
            TcpInputModule.Instance.CreateInput(Module(("streamDriver.name", "gtls")), Input(("port", "1")), Services()));
    }

    [Theory]
    [InlineData("syslog")]
    [InlineData("70000")]
    [InlineData("-1")]
    public void InvalidPortsAreConfigErrors(string port)
    {
        var ex = Assert.Throws<ConfigException>(() => TcpInputConfig.From(Module(), Input(("port", port)), 8096));
        Assert.Contains("invalid port", ex.Message);
    }

    [Fact]
    public void CreateInputUsesGlobalMaxMessageSizeAndStartsAnInput()
    {
        var services = Services(maxMessageSize: 4096);
        var portFile = Path.Combine(Path.GetTempPath(), $"sluice-imtcp-{Guid.NewGuid():N}.port");
        using var input = (TcpInput)TcpInputModule.Instance.CreateInput(Module(),
            Input(("port", "0"), ("address", "127.0.0.1"), ("listenPortFileName", portFile), ("name", "mod")), services);
        try
        {
            Assert.Equal("mod", input.Name);
            Assert.Equal(4096, input.Config.Framing.MaxMessageSize);
            var submitter = new RecordingSubmitter();
            input.Start(submitter);
            using var c = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            c.Connect(System.Net.IPAddress.Loopback, int.Parse(File.ReadAllText(portFile), System.Globalization.CultureInfo.InvariantCulture));
            TcpTestKit.Send(c, "<13>via module\n");
            Assert.True(TcpTestKit.WaitFor(() => submitter.Contains("<13>via module")));
            Assert.Equal("mod", submitter.Messages[0].Input.InputName);
        }
        finally
        {
            input.Stop();
            File.Delete(portFile);
        }
    }

    [Fact]
    public void PortZeroWithoutPortFileFallsBackTo514LikeRsyslog()
    {
        var services = Services();
        // Bind 514 on an address nothing else can have to keep the test self-contained.
        using var input = new TcpInput(new TcpInputConfig { Port = "0", Address = "127.0.0.77", WorkerThreads = 1 }, services);
        try
        {
            input.Start(new RecordingSubmitter());
            Assert.Equal(new[] { 514 }, input.BoundPorts);
        }
        catch (InvalidOperationException)
        {
            // Not allowed to bind a privileged port here: the warning must still have been logged.
        }
        Assert.True(((RecordingLog)services.Log).Contains("imtcp: port 0 and no port file set -> using port 514 instead"));
    }
}
