using System.Text;
using Sluice.Tests.Integration;
using Sluice.Tests.Outputs.File;

namespace Sluice.Tests.Messages.Serialization;

/// <summary>
/// In the running daemons: one action writes directly, another through a disk queue; each line must show the same
/// %uuid% in both files. rsyslogd 8.2302 keeps the uuid but not parsesuccess (its MsgSerialize leaves bParseSuccess
/// out, so every message read back from disk says "FAIL"); sluiced keeps both, as a memory queue does in both daemons.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class MessageStateDiskQueueTests
{
    private const string Config = """
        global(workDirectory="{dir}/work")
        module(load="imtcp")
        module(load="mmjsonparse")
        input(type="imtcp" port="0" listenPortFileName="{dir}/port" address="127.0.0.1")
        template(name="state" type="string" string="%uuid% %parsesuccess% %msg%\n")
        if $syslogtag == "tag:" then {
            action(type="mmjsonparse")
            action(type="omfile" file="{dir}/out-direct" template="state")
            action(type="omfile" file="{dir}/out-disk" template="state" queue.type="Disk" queue.filename="stateq")
        }
        """;

    [Theory]
    [InlineData("rsyslogd")]
    [InlineData("sluiced")]
    public void Uuid_and_parsesuccess_after_a_disk_queue(string daemon)
    {
        const int N = 50;
        using var run = DaemonRun.Start(daemon, Config);
        run.SendOctetCounted(Enumerable.Range(0, N).Select(i =>
            Encoding.ASCII.GetBytes(i % 2 == 0 ? $"<13>Nov 22 08:00:00 host tag: @cee: {{\"i\":{i}}}" : $"<13>Nov 22 08:00:00 host tag: plain {i}")));
        run.WaitUntil(() => run.CountLines("out-direct") >= N && run.CountLines("out-disk") >= N, $"{N} lines in both files");

        var direct = Encoding.ASCII.GetString(run.Read("out-direct")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var disk = Encoding.ASCII.GetString(run.Read("out-disk")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(l => l[..32]);
        Assert.Equal(N, direct.Length);
        Assert.Equal(N, direct.Select(l => l[..32]).Distinct().Count());
        Assert.Equal(N / 2, direct.Count(l => l.Contains(" OK ")));
        foreach (var line in direct)
        {
            Assert.True(disk.TryGetValue(line[..32], out var fromDisk), $"{daemon}: no line with the uuid of [{line}] after the disk queue");
            if (daemon == "sluiced") Assert.Equal(line, fromDisk);
            else Assert.Equal(line.Replace(" OK ", " FAIL "), fromDisk); // rsyslogd 8.2302 loses parsesuccess on disk
        }
    }
}
