using System.Text;
using Sluice.Engine.Queues.Disk;

namespace Sluice.Tests.Queues.Disk;

public sealed class Crc32CTests
{
    [Fact]
    public void Matches_the_standard_check_values()
    {
        // The CRC-32C check value (RFC 3720 / iSCSI) and the RFC 3720 B.4 test vectors.
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        Assert.Equal(0u, Crc32C.Compute(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Hardware_and_table_paths_agree_on_every_length_and_alignment()
    {
        var rng = new Random(5);
        var data = new byte[4096];
        rng.NextBytes(data);
        for (int start = 0; start < 9; start++)
            for (int length = 0; length < 300; length++)
            {
                var span = data.AsSpan(start, length);
                Assert.Equal(Crc32C.AppendPortable(0, span), Crc32C.Compute(span));
            }
    }

    [Fact]
    public void Appending_in_pieces_equals_one_pass()
    {
        var data = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog, twice over: the quick brown fox.");
        for (int cut = 0; cut <= data.Length; cut++)
            Assert.Equal(Crc32C.Compute(data), Crc32C.Append(Crc32C.Compute(data.AsSpan(0, cut)), data.AsSpan(cut)));
    }
}
