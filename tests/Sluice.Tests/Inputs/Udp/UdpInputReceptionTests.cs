using System.Net.Sockets;
using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;
using Sluice.Engine.Submit;
using Sluice.Tests.Inputs.Tcp;

namespace Sluice.Tests.Inputs.Udp;

public class UdpInputReceptionTests
{
    /// <summary>
    /// Several senders, each datagram delivered exactly once with its sender's address and port. The test keeps
    /// at most a few hundred datagrams in flight, so nothing can be dropped for want of buffer space.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ManyDatagramsFromSeveralSendersArriveExactlyOnce(int threads)
    {
        const int senders = 4, perSender = 5_000, window = 256;
        using var kit = new UdpTestKit(UdpTestKit.Config() with { Threads = threads });
        var sockets = new List<Socket>();
        try
        {
            for (int s = 0; s < senders; s++) sockets.Add(UdpTestKit.Sender());
            int sent = 0;
            for (int i = 0; i < perSender; i++)
            {
                for (int s = 0; s < senders; s++)
                {
                    kit.Send(sockets[s], $"<13>sender{s} seq{i}");
                    sent++;
                }
                if (sent - kit.Submitter.Count >= window)
                    Assert.True(UdpTestKit.WaitFor(() => sent - kit.Submitter.Count < window / 2), $"stalled at {kit.Submitter.Count} of {sent}");
            }
            Assert.True(UdpTestKit.WaitFor(() => kit.Submitter.Count >= senders * perSender), $"got {kit.Submitter.Count} of {senders * perSender}");

            var messages = kit.Submitter.Messages;
            Assert.Equal(senders * perSender, messages.Count);
            for (int s = 0; s < senders; s++)
            {
                string port = UdpTestKit.LocalPort(sockets[s]);
                var seqs = new HashSet<int>();
                foreach (var m in messages)
                {
                    if (m.FromHostPort != port) continue;
                    Assert.StartsWith($"<13>sender{s} seq", m.Raw);
                    Assert.True(seqs.Add(int.Parse(m.Raw[$"<13>sender{s} seq".Length..])), $"duplicate {m.Raw}");
                    Assert.Equal("127.0.0.1", m.FromHostIp);
                    Assert.Equal("127.0.0.1", m.FromHost); // DNS off in the kit
                    Assert.Equal(FlowControl.NoDelay, m.Flow);
                    Assert.Equal("imudp", m.Input.InputName);
                }
                Assert.Equal(perSender, seqs.Count);
            }
            Assert.Equal(senders * perSender, kit.Submitted);
            Assert.Equal(senders * perSender, kit.WorkerSum("msgs.received"));
            Assert.Equal(threads, kit.Input.WorkerStats.Count);
        }
        finally
        {
            foreach (var s in sockets) s.Dispose();
        }
    }

    [Fact]
    public void DatagramsKeepTheirOrderPerSenderWithOneThread()
    {
        const int count = 2_000;
        using var kit = new UdpTestKit(UdpTestKit.Config());
        using var s = UdpTestKit.Sender();
        for (int i = 0; i < count; i++)
        {
            kit.Send(s, $"m{i}");
            if (i % 200 == 199) Assert.True(UdpTestKit.WaitFor(() => kit.Submitter.Count > i - 100));
        }
        Assert.True(UdpTestKit.WaitFor(() => kit.Submitter.Count == count));
        var raw = kit.Submitter.Messages.Select(m => m.Raw).ToArray();
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"m{i}"), raw);
    }

    [Fact]
    public void ADatagramLongerThanMaxMessageSizeIsCutToIt()
    {
        var globals = new GlobalSettings { MaxMessageSize = 1024, EnableDns = false };
        using var kit = new UdpTestKit(UdpTestKit.Config(), globals: globals);
        using var s = UdpTestKit.Sender();
        string exact = "<13>" + new string('e', 1020);
        string longer = "<13>" + new string('x', 2996);
        kit.Send(s, exact);
        kit.Send(s, longer);
        kit.Send(s, "<13>short");
        Assert.True(UdpTestKit.WaitFor(() => kit.Submitter.Count == 3));
        var m = kit.Submitter.Messages;
        Assert.Equal(exact, m[0].Raw);
        Assert.Equal(0, (int)(m[0].Flags & MessageFlags.Truncated));
        Assert.Equal(longer[..1024], m[1].Raw);
        Assert.NotEqual(0, (int)(m[1].Flags & MessageFlags.Truncated));
        Assert.Equal("<13>short", m[2].Raw);
    }

    [Fact]
    public void EmptyDatagramsAreIgnored()
    {
        using var kit = new UdpTestKit(UdpTestKit.Config());
        using var s = UdpTestKit.Sender();
        kit.Send(s, Array.Empty<byte>());
        kit.Send(s, "<13>after the empty one");
        Assert.True(UdpTestKit.WaitFor(() => kit.Submitter.Count == 1));
        Assert.True(UdpTestKit.WaitFor(() => kit.WorkerSum("msgs.received") == 2));
        Assert.Equal("<13>after the empty one", Assert.Single(kit.Submitter.Messages).Raw);
        Assert.Equal(1, kit.Submitted);
    }

    [Fact]
    public void BatchSizeBoundsEachRecvmmsgCall()
    {
        // With a vector of one, every datagram costs at least one call; the final EAGAIN of each wake-up is
        // counted too, as rsyslog counts it.
        using var kit = new UdpTestKit(UdpTestKit.Config() with { BatchSize = 1 });
        using var s = UdpTestKit.Sender();
        for (int i = 0; i < 300; i++) kit.Send(s, $"<13>b{i}");
        Assert.True(UdpTestKit.WaitFor(() => kit.Submitter.Count == 300));
        Assert.True(kit.WorkerSum("called.recvmmsg") > 300);
        Assert.Equal(0, kit.WorkerSum("called.recvmsg"));
    }

    [Fact]
    public void StopSubmitsWhatTheKernelStillHolds()
    {
        const int count = 3_000;
        var kit = new UdpTestKit(UdpTestKit.Config());
        try
        {
            using var s = UdpTestKit.Sender();
            // Loopback delivers into the receiver's buffer before sendto returns: after the loop everything is
            // either taken by the worker or queued in the kernel, and Stop must hand on both.
            for (int i = 0; i < count; i++) kit.Send(s, $"<13>drain{i}");
            kit.Input.Stop();
            Assert.Equal(count, kit.Submitter.Count);
            Assert.Equal(count, kit.Submitted);
        }
        finally
        {
            kit.Dispose();
        }
    }

    [Fact]
    public void FromHostIsResolvedAndLowerCasedUnlessPreserveCase()
    {
        var globals = new GlobalSettings { EnableDns = true };
        using var kit = new UdpTestKit(UdpTestKit.Config(), globals: globals);
        using var s = UdpTestKit.Sender();
        kit.Send(s, "<13>who am i");
        Assert.True(UdpTestKit.WaitFor(() => kit.Submitter.Count == 1));
        var m = Assert.Single(kit.Submitter.Messages);
        Assert.Equal("localhost", m.FromHost); // /etc/hosts names 127.0.0.1
        Assert.Equal("127.0.0.1", m.FromHostIp);
        Assert.Equal(UdpTestKit.LocalPort(s), m.FromHostPort);
    }

    [Fact]
    public void IPv6SendersAreReceivedOnAnIPv6Address()
    {
        UdpTestKit kit;
        try
        {
            kit = new UdpTestKit(UdpTestKit.Config() with { Address = "::1" });
        }
        catch (InvalidOperationException)
        {
            return; // no IPv6 loopback on this host: nothing to test
        }
        using (kit)
        using (var s = UdpTestKit.Sender(AddressFamily.InterNetworkV6))
        {
            s.SendTo(Encoding.ASCII.GetBytes("<13>over v6"), new System.Net.IPEndPoint(System.Net.IPAddress.IPv6Loopback, kit.Port));
            Assert.True(UdpTestKit.WaitFor(() => kit.Submitter.Count == 1));
            var m = Assert.Single(kit.Submitter.Messages);
            Assert.Equal("::1", m.FromHostIp);
            Assert.Equal("imudp(::1/0/IPv6)", kit.Input.ListenerStats[0].Name);
        }
    }

    [Fact]
    public void MessagesCarryTheInputNameRulesetAndTimeOfReception()
    {
        var config = UdpTestKit.Config() with { InputName = "edge", RulesetName = "remote", AppendPortToInputName = true };
        using var kit = new UdpTestKit(config);
        using var s = UdpTestKit.Sender();
        var before = DateTimeOffset.Now.AddSeconds(-1);
        kit.Send(s, "<13>tagged");
        Assert.True(UdpTestKit.WaitFor(() => kit.Submitter.Count == 1));
        var m = Assert.Single(kit.Submitter.Messages);
        Assert.Equal("edge0", m.Input.InputName); // name.appendPort appends the configured port
        Assert.Equal("remote", m.Input.RulesetName);
        Assert.True(m.TimeGenerated.IsSet);
        Assert.InRange(m.TimeGenerated.ToDateTimeOffset(), before, DateTimeOffset.Now.AddSeconds(1));
        Assert.Equal("edge(127.0.0.1/0/IPv4)", kit.Input.ListenerStats[0].Name);
        Assert.Equal("imudp", kit.Input.ListenerStats[0].Origin);
        Assert.Equal(new[] { "submitted", "disallowed" }, kit.Input.ListenerStats[0].Counters.Select(c => c.Name));
        Assert.Equal("imudp(w0)", kit.Input.WorkerStats[0].Name);
        Assert.Equal(new[] { "called.recvmmsg", "called.recvmsg", "msgs.received" }, kit.Input.WorkerStats[0].Counters.Select(c => c.Name));
    }

    [Fact]
    public void EachPortOfTheArrayGetsItsOwnListener()
    {
        using var kit = new UdpTestKit(UdpTestKit.Config() with { Ports = new[] { "0", "0" } });
        var ports = kit.Input.BoundPorts;
        Assert.Equal(2, ports.Count);
        Assert.NotEqual(ports[0], ports[1]);
        using var s = UdpTestKit.Sender();
        foreach (int p in ports) s.SendTo(Encoding.ASCII.GetBytes($"<13>to {p}"), new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, p));
        Assert.True(UdpTestKit.WaitFor(() => kit.Submitter.Count == 2));
        Assert.Equal(1, kit.Counter(kit.Input.ListenerStats[0], "submitted"));
        Assert.Equal(1, kit.Counter(kit.Input.ListenerStats[1], "submitted"));
    }

    [Fact]
    public void WorkerStatsNamesStayUniqueAcrossInputs()
    {
        using var a = new UdpTestKit(UdpTestKit.Config() with { Threads = 2 });
        var second = new UdpInputTestInput(a);
        Assert.Equal(new[] { "imudp(w0)", "imudp(w1)" }, a.Input.WorkerStats.Select(w => w.Name));
        Assert.Equal(new[] { "imudp(w2)" }, second.WorkerNames);
    }

    [Fact]
    public void AFailingSubmitterDoesNotEndTheWorker()
    {
        var submitter = new RecordingSubmitter { ThrowOn = "<13>boom" };
        using var kit = new UdpTestKit(UdpTestKit.Config(), submitter);
        using var s = UdpTestKit.Sender();
        kit.Send(s, "<13>boom");
        Assert.True(UdpTestKit.WaitFor(() => kit.Log.Contains("imudp: error while processing datagrams")));
        kit.Send(s, "<13>still alive");
        Assert.True(UdpTestKit.WaitFor(() => submitter.Contains("<13>still alive")));
    }

    /// <summary>A second input on the same engine services as <paramref name="first"/>.</summary>
    private sealed class UdpInputTestInput
    {
        public UdpInputTestInput(UdpTestKit first)
        {
            using var input = new Sluice.Engine.Inputs.Udp.UdpInput(UdpTestKit.Config(), first.Services);
            input.Start(new RecordingSubmitter());
            WorkerNames = input.WorkerStats.Select(w => w.Name).ToArray();
        }

        public string[] WorkerNames { get; }
    }
}
