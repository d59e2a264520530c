using System.Net.Sockets;
using Sluice.Engine.Messages;
using Sluice.Engine.Submit;

namespace Sluice.Tests.Inputs.Tcp;

public class TcpInputFramingTests
{
    [Fact]
    public void LfAndOctetCountedFramesMixOnOneConnection()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config());
        using var c = kit.Connect();
        TcpTestKit.Send(c, "<13>first lf\n");
        TcpTestKit.Send(c, "17 <13>octet counted");      // no delimiter after an octet-counted frame
        TcpTestKit.Send(c, "<13>second lf\n9 <13>a\nb c"); // LF inside an octet-counted frame is data
        TcpTestKit.Send(c, "<13>third lf\n");

        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 5));
        Assert.Equal(new[] { "<13>first lf", "<13>octet counted", "<13>second lf", "<13>a\nb c", "<13>third lf" },
            kit.Submitter.RawFrom(TcpTestKit.LocalPort(c)));
    }

    [Fact]
    public void MessagesCarryPeerInputAndTimeAndFlowControl()
    {
        var cfg = TcpTestKit.Config() with { InputName = "edge", RulesetName = "remote" };
        using var kit = new TcpTestKit(cfg);
        using var c = kit.Connect();
        TcpTestKit.Send(c, "<34>hello\n");

        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 1));
        var m = kit.Submitter.Messages[0];
        Assert.Equal("127.0.0.1", m.FromHost);          // DNS off: the IP
        Assert.Equal("127.0.0.1", m.FromHostIp);
        Assert.Equal(TcpTestKit.LocalPort(c), m.FromHostPort);
        Assert.Same(kit.Input.Info, m.Input);
        Assert.Equal("edge", m.Input.InputName);
        Assert.Equal("remote", m.Input.RulesetName);
        Assert.True(m.Input.ParseHostname);
        Assert.True(m.TimeGenerated.IsSet);
        Assert.Equal(MessageFlags.NeedsParsing, m.Flags); // not parsed by the input
        Assert.Equal(FlowControl.LightDelay, m.Flow);
    }

    [Fact]
    public void FlowControlOffSubmitsWithoutDelay()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config() with { FlowControl = false });
        using var c = kit.Connect();
        TcpTestKit.Send(c, "x\n");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 1));
        Assert.Equal(FlowControl.NoDelay, kit.Submitter.Messages[0].Flow);
    }

    [Fact]
    public void ReverseDnsNameBecomesFromHostWhenDnsIsOn()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config(), globals: new Engine.Runtime.GlobalSettings { EnableDns = true });
        using var c = kit.Connect();
        TcpTestKit.Send(c, "x\n");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 1));
        var m = kit.Submitter.Messages[0];
        Assert.Equal("localhost", m.FromHost); // /etc/hosts: 127.0.0.1 localhost
        Assert.Equal("127.0.0.1", m.FromHostIp);
    }

    [Fact]
    public void PartialLfFrameAtCloseIsSubmitted()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config());
        using var c = kit.Connect();
        string port = TcpTestKit.LocalPort(c);
        TcpTestKit.Send(c, "<13>complete\n<13>partial without LF");
        c.Shutdown(SocketShutdown.Send);

        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 2));
        Assert.Equal(new[] { "<13>complete", "<13>partial without LF" }, kit.Submitter.RawFrom(port));
        Assert.True(TcpTestKit.WaitFor(() => kit.Input.SessionCount == 0));
    }

    [Fact]
    public void PartialOctetCountedFrameAtCloseIsDiscardedWithRsyslogsError()
    {
        using var kit = new TcpTestKit(TcpTestKit.Config());
        using var c = kit.Connect();
        string port = TcpTestKit.LocalPort(c);
        TcpTestKit.Send(c, "<13>kept\n40 <13>this frame never ends");
        c.Shutdown(SocketShutdown.Send);

        Assert.True(TcpTestKit.WaitFor(() => kit.Log.Contains("Incomplete frame at end of stream in session")));
        Assert.True(TcpTestKit.WaitFor(() => kit.Input.SessionCount == 0));
        Assert.Equal(new[] { "<13>kept" }, kit.Submitter.RawFrom(port));
        Assert.Contains(kit.Log.Lines, l => l.Text.EndsWith("- ignoring extra data (a message may be lost).", StringComparison.Ordinal));
    }

    [Fact]
    public void FramingErrorsAreLoggedWithRsyslogsTexts()
    {
        var cfg = TcpTestKit.Config() with { InputName = "fr" };
        cfg = cfg with { Framing = cfg.Framing with { MaxFrameSize = 100 } };
        using var kit = new TcpTestKit(cfg);
        using var c = kit.Connect();
        string port = TcpTestKit.LocalPort(c);
        TcpTestKit.Send(c, "5x<13>a\n");         // count ended by 'x', count still used; the LF is an empty frame
        TcpTestKit.Send(c, "0 <13>zero\n");      // invalid count → LF framing (rsyslog drops the "0")
        TcpTestKit.Send(c, "1005 <13>big\n");    // over MaxFrameSize → LF framing, digits kept
        TcpTestKit.Send(c, "<13>end\n");

        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.RawFrom(port).Contains("<13>end")));
        string peer = $"(hostname) 127.0.0.1, (ip) 127.0.0.1, (port) {port}";
        Assert.True(kit.Log.Contains($"imtcp fr: Framing Error in received TCP message from peer: {peer}: delimiter is not SP but has ASCII value 120."));
        Assert.True(kit.Log.Contains($"imtcp fr: Framing Error in received TCP message from peer: {peer}: invalid octet count 0."));
        Assert.True(kit.Log.Contains($"imtcp fr: Framing Error in received TCP message from peer: {peer}: frame too large: 1005, change to octet stuffing"));
        Assert.Equal(new[] { "<13>a", "<13>zero", "1005<13>big", "<13>end" }, kit.Submitter.RawFrom(port));
    }

    [Fact]
    public void AGarbageSessionLogsTenFramingErrorsThenSaysTheRestAreSuppressed()
    {
        var cfg = TcpTestKit.Config() with { InputName = "fr" };
        using var kit = new TcpTestKit(cfg);
        using var c = kit.Connect();
        string port = TcpTestKit.LocalPort(c);
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < 50; i++) sb.Append("0 <13>zero\n"); // each frame: "invalid octet count 0"
        sb.Append("<13>end\n");
        TcpTestKit.Send(c, sb.ToString());

        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.RawFrom(port).Contains("<13>end")));
        Assert.Equal(51, kit.Submitter.RawFrom(port).Count); // nothing is lost, only the log lines are capped
        var lines = kit.Log.Lines.Select(l => l.Text).Where(t => t.Contains($"(port) {port}")).ToList();
        Assert.Equal(Sluice.Engine.Inputs.Tcp.TcpSession.MaxFramingErrorsLogged, lines.Count(t => t.Contains("invalid octet count 0")));
        Assert.Single(lines, t => t.Contains("the rest of this session's framing errors are not logged"));
    }

    [Fact]
    public void OversizeMessagesAreTruncatedAndFlagged()
    {
        var globals = new Engine.Runtime.GlobalSettings { EnableDns = false, MaxMessageSize = 128 };
        using var kit = new TcpTestKit(TcpTestKit.Config() with { Framing = new() { DiscardTruncatedMsg = true } }, globals: globals);
        using var c = kit.Connect();
        string port = TcpTestKit.LocalPort(c);
        TcpTestKit.Send(c, new string('a', 300) + "\n<13>next\n");

        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.RawFrom(port).Contains("<13>next")));
        var msgs = kit.Submitter.Messages;
        Assert.Equal(2, msgs.Count);
        Assert.Equal(new string('a', 128), msgs[0].Raw);
        Assert.True(msgs[0].Flags.HasFlag(MessageFlags.Truncated));
        Assert.False(msgs[1].Flags.HasFlag(MessageFlags.Truncated));
    }

    [Fact]
    public void AdditionalDelimiterAndDisabledLfAreHonoured()
    {
        var cfg = TcpTestKit.Config();
        cfg = cfg with { Framing = cfg.Framing with { AddtlFrameDelimiter = 0, DisableLFDelimiter = true } };
        using var kit = new TcpTestKit(cfg);
        using var c = kit.Connect();
        TcpTestKit.Send(c, "<13>line one\nstill one\0<13>two\0");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 2));
        Assert.Equal(new[] { "<13>line one\nstill one", "<13>two" }, kit.Submitter.RawFrom(TcpTestKit.LocalPort(c)));
    }

    [Fact]
    public void OctetCountingCanBeSwitchedOff()
    {
        var cfg = TcpTestKit.Config();
        cfg = cfg with { Framing = cfg.Framing with { SupportOctetCountedFraming = false } };
        using var kit = new TcpTestKit(cfg);
        using var c = kit.Connect();
        TcpTestKit.Send(c, "2024-01-01 starts with digits\n");
        Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count == 1));
        Assert.Equal("2024-01-01 starts with digits", kit.Submitter.Messages[0].Raw);
        Assert.Empty(kit.Log.Lines);
    }
}
