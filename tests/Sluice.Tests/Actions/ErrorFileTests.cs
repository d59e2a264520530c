using Sluice.Engine.Actions;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Actions;

/// <summary>action.errorfile: one JSON object per lost message, byte for byte as rsyslog 8.2302 writes it.</summary>
public class ErrorFileTests
{
    [Fact]
    public void Permanent_errors_are_written_as_rsyslog_writes_them()
    {
        using var dir = new TempDir();
        string path = dir.File("errors.json");
        var h = new ActionHarness();
        var output = new ControllableOutput { RejectMarker = "bad" };
        h.Add("db", output, new ActionSettings { ErrorFile = path });

        h.RunBatch("ok", "bad a/b\\c\"d\te\u0001f é\u007f<>", "ok2");

        // json-c's escaping (checked against rsyslogd): "\/" for '/', \u00xx for other control bytes, UTF-8 and DEL as is.
        Assert.Equal(
            "{ \"action\": \"db\", \"status\": -2218, \"template0\": \"bad a\\/b\\\\c\\\"d\\te\\u0001f é\u007f<>\\n\" }\n",
            File.ReadAllText(path));
        // Created with mode 0660 (less the umask).
        var mode = File.GetUnixFileMode(path);
        Assert.True(mode.HasFlag(UnixFileMode.UserRead | UnixFileMode.UserWrite), mode.ToString());
        Assert.Equal(UnixFileMode.None, mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute |
            UnixFileMode.UserExecute | UnixFileMode.GroupExecute));
    }

    [Fact]
    public void Messages_lost_to_a_suspension_carry_the_status_of_their_loss()
    {
        using var dir = new TempDir();
        string path = dir.File("errors.json");
        var h = new ActionHarness();
        var output = new ControllableOutput { Down = true, ResumeAlwaysOk = true };
        h.Add("fwd", output, new ActionSettings { ErrorFile = path, ResumeInterval = 60 });

        h.RunBatch("one");   // retries used up: lost with "suspended" (-2007)
        h.RunBatch("two");   // already suspended at commit: rsyslog writes status 0

        Assert.Equal(new[]
        {
            "{ \"action\": \"fwd\", \"status\": -2007, \"template0\": \"one\\n\" }",
            "{ \"action\": \"fwd\", \"status\": 0, \"template0\": \"two\\n\" }",
        }, File.ReadAllLines(path));
    }

    [Fact]
    public void Maxsize_stops_the_file_at_that_many_bytes_ending_the_cut_line_with_a_newline()
    {
        using var dir = new TempDir();
        string path = dir.File("errors.json");
        var h = new ActionHarness();
        var output = new ControllableOutput { RejectMarker = "bad" };
        h.Add("db", output, new ActionSettings { ErrorFile = path, ErrorFileMaxSize = 80 });

        h.RunBatch("bad 1", "bad 2", "bad 3");

        byte[] written = File.ReadAllBytes(path);
        Assert.Equal(80, written.Length);
        Assert.Equal((byte)'\n', written[^1]);
        string first = "{ \"action\": \"db\", \"status\": -2218, \"template0\": \"bad 1\\n\" }\n";
        Assert.StartsWith(first, System.Text.Encoding.UTF8.GetString(written));

        // Appending continues from the size the file already has.
        var h2 = new ActionHarness();
        h2.Add("db", new ControllableOutput { RejectMarker = "bad" }, new ActionSettings { ErrorFile = path, ErrorFileMaxSize = 80 });
        h2.RunBatch("bad 4");
        Assert.Equal(80, new FileInfo(path).Length);
    }

    [Fact]
    public void An_unwritable_error_file_is_reported_and_does_not_stop_the_action()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("plain"), "");
        string path = Path.Combine(dir.File("plain"), "errors.json"); // its parent is a regular file
        var h = new ActionHarness();
        var output = new ControllableOutput { RejectMarker = "bad" };
        var a = h.Add("db", output, new ActionSettings { ErrorFile = path });

        h.RunBatch("bad", "ok");

        Assert.Equal(new[] { "ok" }, output.Delivered);
        Assert.Equal(1, h.Counter(a, "failed"));
        Assert.True(h.Log.Contains($"action db: error opening error file {path}"));
    }
}
