using Sluice.Engine.Compression;
using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Outputs.Forward;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Outputs.Forward;

/// <summary>omfwd actions from configuration text, RainerScript and legacy selectors, bound with the real modules.</summary>
public sealed class ForwardConfigTests
{
    private readonly RecordingLog _log = new();

    private RuntimePlan Build(string text)
    {
        var services = new EngineServices(new GlobalSettings(), _log, new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        return new PlanBuilder(BuiltInModules.CreateRegistry(), new TemplateFactory()).Build(ConfigLoader.LoadText(text, "test.conf"), services);
    }

    private ForwardOutput Single(string text)
    {
        var plan = Build(text);
        return Assert.IsAssignableFrom<ForwardOutput>(Assert.Single(plan.Actions).Output);
    }

    private string Error(string text) => string.Join("\n", Assert.Throws<ConfigException>(() => Build(text)).Errors.Select(e => e.ToString()));

    [Fact]
    public void DefaultsAreRsyslogs()
    {
        var plan = Build("action(type=\"omfwd\" target=\"192.0.2.1\")\n");
        var action = Assert.Single(plan.Actions);
        Assert.Equal("action-0-builtin:omfwd", action.Name);
        var o = Assert.IsType<UdpForwardOutput>(action.Output);
        var s = o.Settings;
        Assert.Equal(514, s.Port);
        Assert.Equal(ForwardProtocol.Udp, s.Protocol);
        Assert.Equal(TcpFraming.Traditional, s.Framing);
        Assert.Equal((byte)'\n', s.FrameDelimiter);
        Assert.Equal(ForwardCompression.None, s.Compression);
        Assert.Equal(CompressionDriver.Zlib, s.CompressionDriver);
        Assert.Equal(9, s.ZipLevel); // the code default (the documentation says 0)
        Assert.True(s.FlushOnTxEnd);
        Assert.Equal(0, s.RebindInterval);
        Assert.False(s.ResendLastOnReconnect);
        Assert.True(s.ExtendedConnectionCheck);
        Assert.Equal(8096, s.MaxMessageSize);
        Assert.Equal("RSYSLOG_TraditionalForwardFormat", o.Template.Name);
        Assert.Equal("UDP-192.0.2.1-514", o.StatsObject.Name);
    }

    [Fact]
    public void ModuleTemplateIsTheDefault()
    {
        var o = Single("module(load=\"builtin:omfwd\" template=\"RSYSLOG_ForwardFormat\")\naction(type=\"omfwd\" target=\"192.0.2.1\" protocol=\"tcp\")\n");
        Assert.Equal("RSYSLOG_ForwardFormat", o.Template.Name);
        Assert.IsType<TcpForwardOutput>(o);
    }

    [Fact]
    public void ZipLevelAloneMeansSingleCompression()
    {
        Assert.Equal(ForwardCompression.Single, Single("action(type=\"omfwd\" target=\"h\" zipLevel=\"5\")").Settings.Compression);
        // rsyslog cannot tell an explicit "none" from an absent one: with a zipLevel it is single too.
        var s = Single("action(type=\"omfwd\" target=\"h\" compression.mode=\"none\" zipLevel=\"5\")").Settings;
        Assert.Equal(ForwardCompression.Single, s.Compression);
        Assert.Equal(5, s.ZipLevel);
        s = Single("action(type=\"omfwd\" target=\"h\" protocol=\"tcp\" compression.mode=\"stream:always\" zipLevel=\"3\" compression.stream.flushOnTXEnd=\"off\")").Settings;
        Assert.Equal(ForwardCompression.StreamAlways, s.Compression);
        Assert.Equal(3, s.ZipLevel);
        Assert.False(s.FlushOnTxEnd);
    }

    [Fact]
    public void ZstdNeedsStreamModeAndANonZeroLevel()
    {
        var s = Single("action(type=\"omfwd\" target=\"h\" protocol=\"tcp\" compression.mode=\"stream:always\" compression.driver=\"zstd\")").Settings;
        Assert.Equal(CompressionDriver.Zstd, s.CompressionDriver);
        Assert.Contains("requires compression.mode=\"stream:always\"", Error("action(type=\"omfwd\" target=\"h\" protocol=\"tcp\" compression.driver=\"zstd\")"));
        Assert.Contains("requires compression.mode=\"stream:always\"", Error("action(type=\"omfwd\" target=\"h\" protocol=\"tcp\" zipLevel=\"3\" compression.driver=\"zstd\")"));
        Assert.Contains("test.conf:1:", Error("action(type=\"omfwd\" target=\"h\" protocol=\"tcp\" compression.mode=\"stream:always\" compression.driver=\"zstd\" zipLevel=\"0\")"));
        Assert.Contains("zipLevel 10 is not a zlib level", Error("action(type=\"omfwd\" target=\"h\" zipLevel=\"10\")"));
    }

    [Fact]
    public void InvalidValuesAreStartupErrors()
    {
        Assert.Contains("port must be a number", Error("action(type=\"omfwd\" target=\"h\" port=\"syslog\")"));
        Assert.Contains("protocol", Error("action(type=\"omfwd\" target=\"h\" protocol=\"sctp\")"));
        Assert.Contains("tcp_framing", Error("action(type=\"omfwd\" target=\"h\" tcp_framing=\"lf\")"));
        Assert.Contains("tcp_frameDelimiter", Error("action(type=\"omfwd\" target=\"h\" tcp_frameDelimiter=\"256\")"));
        Assert.Contains("target", Error("action(type=\"omfwd\" port=\"514\")"));
    }

    [Theory]
    [InlineData("streamDriver=\"gtls\"")]
    [InlineData("streamDriverMode=\"1\"")]
    [InlineData("ratelimit.interval=\"5\"")]
    [InlineData("networkNamespace=\"blue\"")]
    [InlineData("device=\"eth0\"")]
    public void UnbuiltParametersAreRefusedNotIgnored(string parameter)
    {
        string name = parameter[..parameter.IndexOf('=')];
        Assert.Contains(name, Error($"action(type=\"omfwd\" target=\"h\" protocol=\"tcp\" {parameter})"));
    }

    [Fact]
    public void IgnoredCombinationsAreLoggedAsRsyslogDoes()
    {
        Single("action(type=\"omfwd\" target=\"h\" protocol=\"tcp\" address=\"127.0.0.1\" udp.sendToAll=\"on\" maxErrorMessages=\"3\")");
        Assert.True(_log.Contains("omfwd: parameter \"address\" not supported for tcp -- ignored"));
        Assert.True(_log.Contains("omfwd: parameter udp.sendToAll cannot be used with tcp transport -- ignored"));
        Assert.True(_log.Contains("parameter 'maxErrorMessages' deprecated but accepted"));
    }

    [Fact]
    public void LegacyUdpAndTcpSelectors()
    {
        var udp = Single("*.* @192.0.2.7\n");
        Assert.IsType<UdpForwardOutput>(udp);
        Assert.Equal("192.0.2.7", udp.Settings.Target);
        Assert.Equal(514, udp.Settings.Port);
        Assert.Equal("RSYSLOG_TraditionalForwardFormat", udp.Template.Name);

        var tcp = Single("*.* @@logs.example.net:10514\n");
        Assert.IsType<TcpForwardOutput>(tcp);
        Assert.Equal("logs.example.net", tcp.Settings.Target);
        Assert.Equal(10514, tcp.Settings.Port);
        Assert.Equal(TcpFraming.Traditional, tcp.Settings.Framing);
        Assert.Equal(ForwardCompression.None, tcp.Settings.Compression);
    }

    [Fact]
    public void LegacyOptionsTemplateAndIpv6()
    {
        var o = Single("*.* @@(o)192.0.2.1\n");
        Assert.Equal(TcpFraming.OctetCounted, o.Settings.Framing);

        o = Single("*.* @@(z9)192.0.2.1:6514;RSYSLOG_ForwardFormat\n");
        Assert.Equal(ForwardCompression.Single, o.Settings.Compression);
        Assert.Equal(9, o.Settings.ZipLevel);
        Assert.Equal(6514, o.Settings.Port);
        Assert.Equal("RSYSLOG_ForwardFormat", o.Template.Name);

        o = Single("mail.* @@(z5,o)192.0.2.1 ; RSYSLOG_SyslogProtocol23Format # comment\n");
        Assert.Equal(5, o.Settings.ZipLevel);
        Assert.Equal(TcpFraming.OctetCounted, o.Settings.Framing);
        Assert.Equal("RSYSLOG_SyslogProtocol23Format", o.Template.Name);

        o = Single("*.* @[2001:db8::1]:5514\n");
        Assert.Equal("2001:db8::1", o.Settings.Target);
        Assert.Equal(5514, o.Settings.Port);
    }

    [Theory]
    [InlineData("*.* @@(x)host", "Invalid option 'x'")]
    [InlineData("*.* @@(z)host", "Invalid compression level")]
    [InlineData("*.* @@(z9host", "option block")]
    [InlineData("*.* @@(z9", "Option block not terminated")]
    [InlineData("*.* @@host:abc", "must be followed by the port number")]
    [InlineData("*.* @@host:514abc", "unexpected text after the target")]
    [InlineData("*.* @@host:", "port number")]
    [InlineData("*.* @@", "without a target host")]
    [InlineData("*.* @@host;NoSuchTemplate", "NoSuchTemplate")]
    [InlineData("*.* @[::1", "without ']'")]
    public void BadLegacySelectorsAreErrorsWithTheirPlace(string line, string fragment)
    {
        string e = Error(line + "\n");
        Assert.Contains(fragment, e);
        Assert.StartsWith("test.conf:1:", e);
    }

    [Fact]
    public void LegacyParserKeepsOffsetsForMessages()
    {
        var a = LegacyForwardAction.Parse("@@(z7)example.org:601;T");
        Assert.Null(a.Error);
        Assert.True(a.Tcp);
        Assert.Equal("example.org", a.Target);
        Assert.Equal(6, a.TargetOffset);
        Assert.Equal("601", a.Port);
        Assert.Equal(18, a.PortOffset);
        Assert.Equal(7, a.ZipLevel);
        Assert.Equal("T", a.Template);
        Assert.Equal(22, a.TemplateOffset);
    }
}
