using System.Net;
using System.Net.Sockets;
using System.Text;
using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Inputs.Udp;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;
using Sluice.Tests.Inputs.Tcp;

namespace Sluice.Tests.Inputs.Udp;

public class UdpInputModuleTests
{
    private static readonly SourceLocation At = new("test.conf", 4, 1);

    private static ParamSet Module(params (string Name, object Value)[] values) => Set(UdpInputParams.Module, values);
    private static ParamSet Input(params (string Name, object Value)[] values) => Set(UdpInputParams.Input, values);

    private static ParamSet Set(ParamSchema schema, (string Name, object Value)[] values)
    {
        var set = new ParamSet(schema, At);
        foreach (var (name, value) in values) set.Set(name, value, At with { Column = 11 });
        return set;
    }

    private static EngineServices Services(RecordingLog? log = null, int maxMessageSize = 8096) =>
        new(new GlobalSettings { MaxMessageSize = maxMessageSize, EnableDns = false }, log ?? new RecordingLog(), new MessagePool(), new StatsRegistry(), new TemplateRegistry());

    [Fact]
    public void IsBuiltInAsImudp()
    {
        var m = Assert.IsType<UdpInputModule>(BuiltInModules.CreateRegistry().Find("IMUDP"));
        Assert.Equal(ModuleKind.Input, m.Kind);
        Assert.True(m.InstanceParams.Find("port")!.Required);
        Assert.Equal(ParamType.StringArray, m.InstanceParams.Find("port")!.Type);
        Assert.NotNull(m.ModuleParams.Find("BATCHSIZE"));
        Assert.NotNull(m.InstanceParams.Find("RcvBufSize"));
    }

    [Fact]
    public void DefaultsAreRsyslogs()
    {
        var cfg = UdpInputConfig.From(Module(), Input(("port", new[] { "10514" })), 8096, new RecordingLog());
        Assert.Equal(new[] { "10514" }, cfg.Ports);
        Assert.Null(cfg.Address);
        Assert.Null(cfg.Device);
        Assert.Equal("imudp", cfg.InputName);
        Assert.False(cfg.AppendPortToInputName);
        Assert.Null(cfg.RulesetName);
        Assert.Equal(1, cfg.Threads);
        Assert.Equal(32, cfg.BatchSize);
        Assert.Equal(2, cfg.TimeRequery);
        Assert.False(cfg.PreserveCase);
        Assert.Equal(0, cfg.RcvBufSize);
        Assert.Equal(2, cfg.IpFreeBind);
        Assert.Equal(0, cfg.RateLimitInterval);
        Assert.Equal(10000, cfg.RateLimitBurst);
        Assert.Equal(8096, cfg.MaxMessageSize);
    }

    [Fact]
    public void ModuleAndInputValuesAreTaken()
    {
        var cfg = UdpInputConfig.From(
            Module(("threads", 4L), ("batchSize", 128L), ("timeRequery", 0L), ("preserveCase", true)),
            Input(("port", new[] { "514", "1514" }), ("address", "127.0.0.1"), ("name", "edge"), ("name.appendPort", true),
                ("ruleset", "rs"), ("ratelimit.interval", 5L), ("ratelimit.burst", 100L), ("rcvbufSize", 4194304L),
                ("ipfreebind", 0L), ("device", "lo")),
            2048, new RecordingLog());
        Assert.Equal(new[] { "514", "1514" }, cfg.Ports);
        Assert.Equal(4, cfg.Threads);
        Assert.Equal(128, cfg.BatchSize);
        Assert.Equal(0, cfg.TimeRequery);
        Assert.True(cfg.PreserveCase);
        Assert.Equal("127.0.0.1", cfg.Address);
        Assert.Equal("edge", cfg.InputName);
        Assert.True(cfg.AppendPortToInputName);
        Assert.Equal("rs", cfg.RulesetName);
        Assert.Equal(5, cfg.RateLimitInterval);
        Assert.Equal(100, cfg.RateLimitBurst);
        Assert.Equal(4194304, cfg.RcvBufSize);
        Assert.Equal(0, cfg.IpFreeBind);
        Assert.Equal("lo", cfg.Device);
        Assert.Equal(2048, cfg.MaxMessageSize);
    }

    [Fact]
    public void TheDeprecatedInputNameStillWorksAndIsComplainedAbout()
    {
        var log = new RecordingLog();
        var cfg = UdpInputConfig.From(Module(), Input(("port", new[] { "1" }), ("inputname", "old"), ("inputname.appendport", true)), 8096, log);
        Assert.Equal("old", cfg.InputName);
        Assert.True(cfg.AppendPortToInputName);
        Assert.True(log.Contains("imudp: deprecated parameter inputname used. Suggest to use name instead"));
        Assert.True(log.Contains("imudp: deprecated parameter inputname.appendport used. Suggest to use name.appendport instead"));
    }

    [Fact]
    public void NameAndInputNameTogetherAreAnError()
    {
        var ex = Assert.Throws<ConfigException>(() =>
            UdpInputConfig.From(Module(), Input(("port", new[] { "1" }), ("name", "a"), ("inputname", "b")), 8096, new RecordingLog()));
        Assert.Contains("imudp: name and inputname parameter specified - only one can be used", ex.Message);
        Assert.Equal(11, ex.Errors[0].Location.Column);
    }

    [Fact]
    public void TooManyThreadsAreCappedWithRsyslogsComplaint()
    {
        var log = new RecordingLog();
        var cfg = UdpInputConfig.From(Module(("threads", 100L)), Input(("port", new[] { "1" })), 8096, log);
        Assert.Equal(32, cfg.Threads);
        Assert.True(log.Contains("imudp: configured for 100worker threads, but maximum permitted is 32"));
    }

    [Fact]
    public void AnOversizedReceiveBufferFallsBackToTheDefault()
    {
        var log = new RecordingLog();
        var cfg = UdpInputConfig.From(Module(), Input(("port", new[] { "1" }), ("rcvbufSize", 2L * 1024 * 1024 * 1024)), 8096, log);
        Assert.Equal(0, cfg.RcvBufSize);
        Assert.True(log.Contains("imudp: rcvbufsize maximum is 1 GiB, using default instead"));
    }

    [Theory]
    [InlineData("syslog")]
    [InlineData("70000")]
    [InlineData("")]
    public void InvalidPortsAreConfigErrors(string port)
    {
        var ex = Assert.Throws<ConfigException>(() => UdpInputConfig.From(Module(), Input(("port", new[] { "514", port })), 8096, new RecordingLog()));
        Assert.Contains("invalid port", ex.Message);
    }

    [Theory]
    [InlineData(true, "schedulingPolicy", "fifo")]
    [InlineData(true, "schedulingPriority", 20L)]
    [InlineData(false, "defaultTZ", "+01:00")]
    public void UnsupportedParametersAreStartupErrors(bool moduleLevel, string name, object value)
    {
        var module = moduleLevel ? Module((name, value)) : Module();
        var input = moduleLevel ? Input(("port", new[] { "1" })) : Input(("port", new[] { "1" }), (name, value));
        var ex = Assert.Throws<ConfigException>(() => new UdpInputModule().CreateInput(module, input, Services()));
        Assert.Contains("is not supported", Assert.Single(ex.Errors).Message);
    }

    [Fact]
    public void CreateInputUsesGlobalMaxMessageSizeAndReceives()
    {
        var services = Services(maxMessageSize: 512);
        using var input = (UdpInput)new UdpInputModule().CreateInput(Module(),
            Input(("port", new[] { "0" }), ("address", "127.0.0.1"), ("name", "mod")), services);
        Assert.Equal(512, input.Config.MaxMessageSize);
        var submitter = new RecordingSubmitter();
        input.Start(submitter);
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.SendTo(Encoding.ASCII.GetBytes("<13>via module " + new string('m', 1000)), new IPEndPoint(IPAddress.Loopback, input.BoundPorts[0]));
        Assert.True(UdpTestKit.WaitFor(() => submitter.Count == 1));
        Assert.Equal(512, submitter.Messages[0].Raw.Length);
        Assert.Equal("mod", submitter.Messages[0].Input.InputName);
    }

    [Fact]
    public void AnAddressThatCannotBeBoundIsAStartupErrorWithRsyslogsText()
    {
        var log = new RecordingLog();
        // 192.0.2.1 (TEST-NET-1) is on no interface here; with ipfreebind off the bind must fail.
        using var input = new UdpInput(new UdpInputConfig { Ports = new[] { "0" }, Address = "192.0.2.1", IpFreeBind = 0 }, Services(log));
        var ex = Assert.Throws<InvalidOperationException>(() => input.Start(new RecordingSubmitter()));
        Assert.Equal("imudp: no listeners could be started, input not activated.", ex.Message);
        Assert.True(log.Contains("imudp: Could not create udp listener, ignoring port 0 bind-address 192.0.2.1."));
    }

    [Fact]
    public void IpFreeBindBindsAnAddressThatIsNotThereYetAndSaysSo()
    {
        var log = new RecordingLog();
        using var input = new UdpInput(new UdpInputConfig { Ports = new[] { "0" }, Address = "192.0.2.1" }, Services(log));
        input.Start(new RecordingSubmitter());
        Assert.Single(input.BoundPorts);
        Assert.True(log.Contains("bound address 192.0.2.1 IP free"));
    }

    [Fact]
    public void TheReceiveBufferIsSetAndReported()
    {
        var log = new RecordingLog();
        using var input = new UdpInput(new UdpInputConfig { Ports = new[] { "0" }, Address = "127.0.0.1", RcvBufSize = 1 << 20 }, Services(log));
        input.Start(new RecordingSubmitter());
        Assert.Contains(log.Lines, l => l.Text.StartsWith("socket ", StringComparison.Ordinal) && l.Text.Contains(", actual os socket rcvbuf size ", StringComparison.Ordinal));
    }
}
