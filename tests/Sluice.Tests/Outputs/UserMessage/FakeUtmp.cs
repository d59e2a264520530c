using System.Text;
using Sluice.Engine.Outputs.UserMessage;

namespace Sluice.Tests.Outputs.UserMessage;

/// <summary>Writes utmp files in glibc's x86_64 layout (384-byte records), as login/sshd would.</summary>
public static class FakeUtmp
{
    public const short LoginProcess = 6;
    public const short UserProcess = 7;
    public const short DeadProcess = 8;

    public static byte[] Record(short type, string line, string user, int pid = 4242)
    {
        var r = new byte[UtmpEntry.Size];
        BitConverter.TryWriteBytes(r.AsSpan(0), type);
        BitConverter.TryWriteBytes(r.AsSpan(4), pid);
        Encoding.ASCII.GetBytes(line).AsSpan().CopyTo(r.AsSpan(8, 32));
        Encoding.ASCII.GetBytes(line.Length > 4 ? line[^4..] : line).AsSpan().CopyTo(r.AsSpan(40, 4)); // ut_id
        Encoding.ASCII.GetBytes(user).AsSpan().CopyTo(r.AsSpan(44, 32));
        Encoding.ASCII.GetBytes("192.0.2.7").AsSpan().CopyTo(r.AsSpan(76, 256)); // ut_host
        return r;
    }

    public static void Write(string path, params byte[][] records)
    {
        using var f = System.IO.File.Create(path);
        foreach (var r in records) f.Write(r);
    }
}
