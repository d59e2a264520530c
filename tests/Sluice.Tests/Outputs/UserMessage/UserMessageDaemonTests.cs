using System.Text;
using Sluice.Engine.Outputs.UserMessage;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Outputs.UserMessage;

/// <summary>
/// sluiced with omusrmsg actions and a fake utmp (SLUICE_UTMP_PATH, test only) whose entries point at pseudo-terminals
/// the test owns: who gets the message, in which format, and that dead, missing or blocked terminals are skipped
/// without stalling the action. Terminals turn "\n" into "\r\n" on output (ONLCR), hence the expected text
/// ("\r\n" arrives as "\r\r\n").
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class UserMessageDaemonTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDir _dir = new();
    private readonly TestTerminal _alice = new(), _bob = new(), _carol = new(), _blocked = new();
    private readonly DaemonProcess _daemon;
    private readonly int _port;

    public UserMessageDaemonTests()
    {
        _blocked.FillUntilBlocked();
        string utmp = _dir.File("utmp");
        FakeUtmp.Write(utmp,
            FakeUtmp.Record(2, "~", "reboot"),
            FakeUtmp.Record(FakeUtmp.UserProcess, "pts/987654", "erin"),          // no such terminal
            FakeUtmp.Record(FakeUtmp.UserProcess, _blocked.Line, "dave"),         // a terminal that would block
            FakeUtmp.Record(FakeUtmp.UserProcess, _alice.Line, "alice"),
            FakeUtmp.Record(FakeUtmp.DeadProcess, _carol.Line, "carol"),          // logged out
            FakeUtmp.Record(FakeUtmp.LoginProcess, _carol.Line, "LOGIN"),
            FakeUtmp.Record(FakeUtmp.UserProcess, _bob.Line, "bob"));
        string portFile = _dir.File("port");
        string config =
            $"global(workDirectory=\"{_dir.Path}\")\n" +
            "module(load=\"imtcp\")\n" +
            $"input(type=\"imtcp\" port=\"0\" listenPortFileName=\"{portFile}\" address=\"127.0.0.1\")\n" +
            "template(name=\"short\" type=\"string\" string=\"[%msg%]\")\n" +
            "local0.* :omusrmsg:*\n" +
            "local1.* :omusrmsg:bob,erin,carol\n" +
            "local2.* action(type=\"omusrmsg\" users=\"alice\" template=\"short\")\n";
        _daemon = DaemonProcess.Start("sluiced", RepoLayout.Sluiced, config, _dir,
            new Dictionary<string, string> { [UtmpLocation.TestOverrideVariable] = utmp });
        _port = _daemon.WaitForPort(portFile, Timeout);
    }

    private async Task Send(string line)
    {
        using var c = await TestConnection.ConnectAsync(_port, Timeout);
        c.Send(Encoding.ASCII.GetBytes(line + "\n"));
        Assert.True(await c.CloseGracefullyAsync(Timeout), "the daemon did not read the connection to the end\n" + _daemon.Diagnostics());
    }

    [Fact]
    public async Task Wall_reaches_every_logged_in_terminal_and_skips_the_rest()
    {
        await Send("<128>Nov 22 08:00:00 web1 app: first WALL1");
        Assert.True(_bob.WaitFor("app: first WALL1", Timeout), "bob saw: " + _bob.Read() + "\n" + _daemon.Diagnostics());
        Assert.True(_alice.WaitFor("app: first WALL1", Timeout), "alice saw: " + _alice.Read());
        string alice = _alice.Read();
        Assert.StartsWith("\r\r\n\aMessage from syslogd@web1 at ", alice);
        Assert.EndsWith(" ...\r\r\n app: first WALL1\r\n\r", alice);
        Assert.Equal(alice[alice.IndexOf("Message", StringComparison.Ordinal)..], _bob.Read()[_bob.Read().IndexOf("Message", StringComparison.Ordinal)..]);

        // The missing and the blocked terminal did not stall the action: the next message goes out the same way.
        await Send("<128>Nov 22 08:00:01 web1 app: second WALL2");
        Assert.True(_alice.WaitFor("app: second WALL2", Timeout), "alice saw: " + _alice.Read());
        Assert.True(_bob.WaitFor("app: second WALL2", Timeout), "bob saw: " + _bob.Read());
        Assert.True(_alice.Read().IndexOf("WALL1", StringComparison.Ordinal) < _alice.Read().IndexOf("WALL2", StringComparison.Ordinal));
        // carol's entry is a DEAD_PROCESS (and a LOGIN one); it sits before bob's, so bob's delivery means she was passed over.
        Assert.Equal("", _carol.Read());
        Assert.Null(_daemon.WaitForExit(TimeSpan.Zero));
    }

    [Fact]
    public async Task A_user_list_reaches_only_those_users()
    {
        await Send("<136>Nov 22 08:00:00 web1 cron[7]: for bob LIST1");
        Assert.True(_bob.WaitFor("LIST1", Timeout), "bob saw: " + _bob.Read() + "\n" + _daemon.Diagnostics());
        Assert.Equal(" cron[7]: for bob LIST1\r\n\r", _bob.Read()); // " StdUsrMsgFmt"
        await Send("<144>Nov 22 08:00:00 web1 app: for alice LIST2");
        Assert.True(_alice.WaitFor("[ for alice LIST2]", Timeout), "alice saw: " + _alice.Read() + "\n" + _daemon.Diagnostics());
        Assert.Equal("[ for alice LIST2]", _alice.Read()); // alice is before bob in utmp and had LIST1 offered first: not hers
        await Send("<136>Nov 22 08:00:01 web1 cron[7]: again LIST3");
        Assert.True(_bob.WaitFor("LIST3", Timeout), "bob saw: " + _bob.Read());
        Assert.DoesNotContain("LIST2", _bob.Read());
        Assert.Equal(" cron[7]: for bob LIST1\r\n\r cron[7]: again LIST3\r\n\r", _bob.Read());
        Assert.Equal("", _carol.Read()); // named, but her entry is a DEAD_PROCESS
    }

    public void Dispose()
    {
        _daemon.Dispose();
        _alice.Dispose();
        _bob.Dispose();
        _carol.Dispose();
        _blocked.Dispose();
        _dir.Dispose();
    }
}
