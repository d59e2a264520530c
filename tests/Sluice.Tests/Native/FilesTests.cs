using System.Text;
using Sluice.Native;

namespace Sluice.Tests.Native;

public sealed class FilesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sluice-files-" + Guid.NewGuid().ToString("N"));

    public FilesTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    /// <summary>The open flags the kernel reports for a descriptor of this process (octal in /proc/self/fdinfo).</summary>
    internal static int FlagsOf(int fd)
    {
        foreach (var line in File.ReadAllLines($"/proc/self/fdinfo/{fd}"))
            if (line.StartsWith("flags:", StringComparison.Ordinal)) return Convert.ToInt32(line[6..].Trim(), 8);
        throw new InvalidOperationException("no flags line");
    }

    [Fact]
    public void OpenForAppend_creates_the_file_with_O_APPEND_and_close_on_exec()
    {
        var errno = Files.OpenForAppend(PathOf("new"), 416 /* 0640 */, out int fd);
        Assert.Equal(Errno.None, errno);
        try
        {
            int flags = FlagsOf(fd);
            Assert.Equal(Files.O_APPEND, flags & Files.O_APPEND);
            Assert.Equal(Files.O_CLOEXEC, flags & Files.O_CLOEXEC);
            Assert.Equal(Files.O_WRONLY, flags & 3);
            Assert.True(File.Exists(PathOf("new")));
            // The mode is the create mode less the umask: never more than asked for.
            Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(PathOf("new")) & ~(UnixFileMode)416);
        }
        finally
        {
            Assert.Equal(Errno.None, Files.Close(fd));
        }
    }

    [Fact]
    public void Writes_land_at_the_current_end_even_after_truncation_and_other_writers()
    {
        string path = PathOf("shared");
        int a = Files.OpenForAppend(path, 420);
        int b = Files.OpenForAppend(path, 420);
        try
        {
            Assert.Equal(Errno.None, Files.WriteAll(a, "first line\n"u8, out int written));
            Assert.Equal(11, written);
            Assert.Equal(Errno.None, Files.WriteAll(b, "from b\n"u8, out _));
            Assert.Equal(Errno.None, Files.WriteAll(a, "from a\n"u8, out _));
            Assert.Equal("first line\nfrom b\nfrom a\n", File.ReadAllText(path));

            using (var fs = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) fs.SetLength(0);
            Assert.Equal(Errno.None, Files.WriteAll(a, "after truncate\n"u8, out _));
            Assert.Equal(Errno.None, Files.Fsync(a));
            Assert.Equal("after truncate\n", File.ReadAllText(path)); // no hole of NUL bytes
        }
        finally
        {
            Files.Close(a);
            Files.Close(b);
        }
    }

    [Fact]
    public void A_large_write_is_written_completely()
    {
        string path = PathOf("large");
        var data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 200_000).Select(i => (char)('a' + i % 26))));
        int fd = Files.OpenForAppend(path, 420);
        try
        {
            Assert.Equal(Errno.None, Files.WriteAll(fd, data, out int written));
            Assert.Equal(data.Length, written);
        }
        finally
        {
            Files.Close(fd);
        }
        Assert.Equal(data, File.ReadAllBytes(path));
    }

    [Fact]
    public void Failures_are_errno_values_and_the_throwing_open_names_the_path()
    {
        Assert.Equal(Errno.ENOENT, Files.OpenForAppend(PathOf("missing/dir/file"), 420, out int fd));
        Assert.Equal(-1, fd);
        Directory.CreateDirectory(PathOf("adir"));
        Assert.Equal(Errno.EISDIR, Files.OpenForAppend(PathOf("adir"), 420, out _));
        var e = Assert.Throws<NativeException>(() => Files.OpenForAppend(PathOf("missing/x"), 420));
        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Equal("open", e.Call);
        Assert.Contains(PathOf("missing/x"), e.Message);

        // Not a descriptor (a closed one could be reused by a parallel test at any moment).
        Assert.Equal(Errno.EBADF, Files.WriteAll(-1, "x"u8, out int written));
        Assert.Equal(0, written);
        Assert.Equal(Errno.EBADF, Files.Fsync(-1));
        Assert.Equal(Errno.EBADF, Files.Close(-1));
    }
}
