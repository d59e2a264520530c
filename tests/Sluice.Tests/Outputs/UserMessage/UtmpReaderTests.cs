using Sluice.Engine.Outputs.UserMessage;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Outputs.UserMessage;

public sealed class UtmpReaderTests
{
    private sealed record Row(short Type, string Line, string User, bool LoggedIn);

    private static List<Row> ReadAll(string path)
    {
        var rows = new List<Row>();
        var reader = new UtmpReader(path);
        Assert.True(reader.Open(out var error), error.ToString());
        while (reader.Next(out var e))
            rows.Add(new Row(e.Type, System.Text.Encoding.ASCII.GetString(e.Line), System.Text.Encoding.ASCII.GetString(e.User), e.IsLoggedInUser));
        reader.Close();
        return rows;
    }

    [Fact]
    public void Reads_type_line_and_user_of_every_record()
    {
        using var dir = new TempDir();
        string path = dir.File("utmp");
        FakeUtmp.Write(path,
            FakeUtmp.Record(2, "~", "reboot"), // BOOT_TIME
            FakeUtmp.Record(FakeUtmp.LoginProcess, "tty1", "LOGIN"),
            FakeUtmp.Record(FakeUtmp.UserProcess, "pts/3", "alice"),
            FakeUtmp.Record(FakeUtmp.DeadProcess, "pts/4", "bob"),
            FakeUtmp.Record(FakeUtmp.UserProcess, "tty2", "LOGIN"),
            FakeUtmp.Record(FakeUtmp.UserProcess, "pts/5", ""),
            FakeUtmp.Record(FakeUtmp.UserProcess, "pts/0123456789012345678901234567", "a2345678901234567890123456789012"));
        Assert.Equal(new[]
        {
            new Row(2, "~", "reboot", false),
            new Row(FakeUtmp.LoginProcess, "tty1", "LOGIN", false),
            new Row(FakeUtmp.UserProcess, "pts/3", "alice", true),
            new Row(FakeUtmp.DeadProcess, "pts/4", "bob", false),
            new Row(FakeUtmp.UserProcess, "tty2", "LOGIN", false), // rsyslog's "paranoia" check
            new Row(FakeUtmp.UserProcess, "pts/5", "", false),     // unused slot
            new Row(FakeUtmp.UserProcess, "pts/0123456789012345678901234567", "a2345678901234567890123456789012", true), // full fields, no NUL
        }, ReadAll(path));
    }

    [Fact]
    public void Many_records_across_reads_and_a_torn_tail()
    {
        using var dir = new TempDir();
        string path = dir.File("utmp");
        var records = new List<byte[]>();
        for (int i = 0; i < 200; i++) records.Add(FakeUtmp.Record(FakeUtmp.UserProcess, $"pts/{i}", $"u{i}"));
        FakeUtmp.Write(path, records.ToArray());
        System.IO.File.AppendAllText(path, new string('x', 100)); // a record being written
        var rows = ReadAll(path);
        Assert.Equal(200, rows.Count);
        Assert.Equal("pts/199", rows[^1].Line);
        Assert.Equal("u137", rows[137].User);
    }

    [Fact]
    public void A_missing_file_cannot_be_opened_and_is_reread_each_time()
    {
        using var dir = new TempDir();
        string path = dir.File("utmp");
        var reader = new UtmpReader(path);
        Assert.False(reader.Open(out var error));
        Assert.Equal(Sluice.Native.Errno.ENOENT, error);
        FakeUtmp.Write(path, FakeUtmp.Record(FakeUtmp.UserProcess, "pts/1", "root"));
        Assert.True(reader.Open(out _));
        Assert.True(reader.Next(out var e));
        Assert.True(e.User.SequenceEqual("root"u8));
        Assert.False(reader.Next(out _));
        reader.Close();
    }
}
