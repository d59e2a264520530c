using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Sluice.Tests.Inputs.Tcp;

/// <summary>The real rsyslogd (Debian package) forwards to the in-process imtcp with omfwd, in both framings.</summary>
public class RsyslogInteropTests
{
    private const string Rsyslogd = "/usr/sbin/rsyslogd";

    [Fact]
    public void RsyslogOmfwdReachesImtcpWithBothFramings()
    {
        Assert.True(File.Exists(Rsyslogd), "the interop tests need Debian's rsyslog package (apt-get install rsyslog)");
        const int count = 300;
        using var kit = new TcpTestKit(TcpTestKit.Config());
        string dir = Directory.CreateTempSubdirectory("sluice-imtcp-interop-").FullName;
        string sock = Path.Combine(dir, "log.sock");
        string conf = Path.Combine(dir, "rsyslog.conf");
        File.WriteAllText(conf, $"""
            global(workDirectory="{dir}")
            module(load="imuxsock" SysSock.Use="off")
            input(type="imuxsock" Socket="{sock}" RateLimit.Interval="0")
            action(type="omfwd" target="127.0.0.1" port="{kit.Port}" protocol="tcp" TCP_Framing="octet-counted")
            action(type="omfwd" target="127.0.0.1" port="{kit.Port}" protocol="tcp" TCP_Framing="traditional")
            """);

        using var rsyslog = Process.Start(new ProcessStartInfo(Rsyslogd, $"-n -f {conf} -i {Path.Combine(dir, "rsyslogd.pid")}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            Assert.True(TcpTestKit.WaitFor(() => File.Exists(sock)), "rsyslogd did not create its socket");
            using (var client = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
            {
                var ep = new UnixDomainSocketEndPoint(sock);
                for (int i = 0; i < count; i++) client.SendTo(Encoding.ASCII.GetBytes($"<13>interop: message {i} with some text"), ep);
            }

            Assert.True(TcpTestKit.WaitFor(() => kit.Submitter.Count >= 2 * count), $"got {kit.Submitter.Count} of {2 * count}");
            var sessions = kit.Submitter.Messages.GroupBy(m => m.FromHostPort).ToList();
            Assert.Equal(2, sessions.Count); // one connection per action
            foreach (var session in sessions)
            {
                var raws = session.Select(m => m.Raw).ToList();
                Assert.Equal(count, raws.Count);
                for (int i = 0; i < count; i++)
                {
                    Assert.StartsWith("<13>", raws[i], StringComparison.Ordinal);
                    Assert.EndsWith($" interop: message {i} with some text", raws[i], StringComparison.Ordinal);
                }
            }
            Assert.DoesNotContain(kit.Log.Lines, l => l.Text.Contains("Framing Error", StringComparison.Ordinal));
        }
        finally
        {
            if (!rsyslog.HasExited) rsyslog.Kill();
            rsyslog.WaitForExit(30_000);
            Directory.Delete(dir, recursive: true);
        }
    }
}
