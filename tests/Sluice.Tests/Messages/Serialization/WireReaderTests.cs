using Sluice.Engine.Messages.Serialization;

namespace Sluice.Tests.Messages.Serialization;

/// <summary>The reader's inlined one-byte paths and its general path must agree with the writer at every length.</summary>
public sealed class WireReaderTests
{
    [Fact]
    public void VarintsOfEveryLengthReadBackAndTruncationFails()
    {
        ulong[] values = [0, 1, 0x7F, 0x80, 0x3FFF, 0x4000, uint.MaxValue, ulong.MaxValue >> 1, ulong.MaxValue];
        foreach (ulong v in values)
        {
            var bytes = Encode(v);
            var r = new WireReader(bytes);
            Assert.True(r.VarUInt(out ulong got));
            Assert.Equal(v, got);
            Assert.Equal(0, r.Remaining);
            var cut = new WireReader(bytes.AsSpan(0, bytes.Length - 1));
            Assert.False(cut.VarUInt(out _));
        }
        foreach (int i in new[] { 0, -1, 1, 63, -64, 64, int.MaxValue, int.MinValue })
        {
            var r = new WireReader(Encode((ulong)((long)i << 1 ^ (long)i >> 63)));
            Assert.True(r.Int(out int got));
            Assert.Equal(i, got);
        }
        var tooBig = new WireReader(Encode((ulong)int.MaxValue + 1 << 1));
        Assert.False(tooBig.Int(out _));
        var empty = new WireReader(ReadOnlySpan<byte>.Empty);
        Assert.False(empty.Byte(out _));
        Assert.False(empty.VarUInt(out _));
    }

    [Fact]
    public void PeerCacheGivesEachSenderItsOwnInfoWhenSendersAlternate()
    {
        var cache = new PeerInfoCache();
        var a = cache.Get("a"u8, "10.0.0.1"u8, "514"u8);
        var b = cache.Get("b"u8, "10.0.0.2"u8, "514"u8);
        Assert.Same(a, cache.Get("a"u8, "10.0.0.1"u8, "514"u8));
        Assert.Same(b, cache.Get("b"u8, "10.0.0.2"u8, "514"u8));
        Assert.Equal("10.0.0.2"u8.ToArray(), b.FromHostIp);
        Assert.NotSame(a, cache.Get("a"u8, "10.0.0.1"u8, "515"u8));
    }

    private static byte[] Encode(ulong v)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(v & 0x7F);
            v >>= 7;
            bytes.Add(v != 0 ? (byte)(b | 0x80) : b);
        } while (v != 0);
        return bytes.ToArray();
    }
}
