using System.Buffers.Binary;

namespace Sluice.Engine.Compression;

/// <summary>Facts of the zlib container (RFC 1950) that System.IO.Compression does not expose.</summary>
public static class ZlibFormat
{
    /// <summary>
    /// Whether <paramref name="data"/> starts with a valid zlib header: CM = 8 (deflate), CINFO ≤ 7,
    /// (CMF*256 + FLG) a multiple of 31, and no preset dictionary (the probe imptcp's stream:auto uses).
    /// </summary>
    public static bool HasHeader(ReadOnlySpan<byte> data) =>
        data.Length >= 2 && (data[0] & 0x0F) == 8 && (data[0] >> 4) <= 7 && ((data[0] << 8) | data[1]) % 31 == 0 && (data[1] & 0x20) == 0;

    /// <summary>
    /// The 2-byte header zlib's deflateInit(level) writes: deflate with a 32 KiB window (0x78), FLEVEL from the
    /// level as deflate.c sets it, no dictionary, FCHECK making the pair a multiple of 31.
    /// </summary>
    public static void WriteHeader(int level, Span<byte> header)
    {
        const int Cmf = 0x78;
        int flevel = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
        int flg = flevel << 6;
        flg += 31 - ((Cmf << 8) | flg) % 31;
        header[0] = Cmf;
        header[1] = (byte)flg;
    }

    /// <summary>adler32 (RFC 1950 §8.2) of <paramref name="data"/>.</summary>
    public static uint Adler32(ReadOnlySpan<byte> data, uint adler = 1)
    {
        const uint Mod = 65521;
        uint a = adler & 0xFFFF, b = adler >> 16;
        while (data.Length > 0)
        {
            int n = Math.Min(data.Length, 5552); // the most bytes before a and b can overflow 32 bits
            foreach (byte x in data[..n])
            {
                a += x;
                b += a;
            }
            a %= Mod;
            b %= Mod;
            data = data[n..];
        }
        return (b << 16) | a;
    }

    /// <summary>
    /// The adler32 of A followed by B from adler32(A), adler32(B) and B's length (zlib's adler32_combine), so
    /// batches checksummed on different threads chain into one stream's trailer.
    /// </summary>
    public static uint CombineAdler32(uint adlerA, uint adlerB, long lengthB)
    {
        const uint Mod = 65521;
        uint rem = (uint)(lengthB % Mod);
        uint sum1 = adlerA & 0xFFFF;
        uint sum2 = (uint)((ulong)rem * sum1 % Mod);
        sum1 += (adlerB & 0xFFFF) + Mod - 1;
        sum2 += (adlerA >> 16) + (adlerB >> 16) + Mod - rem;
        if (sum1 >= Mod) sum1 -= Mod;
        if (sum1 >= Mod) sum1 -= Mod;
        if (sum2 >= Mod << 1) sum2 -= Mod << 1;
        if (sum2 >= Mod) sum2 -= Mod;
        return sum1 | (sum2 << 16);
    }

    /// <summary>Whether the zlib stream <paramref name="compressed"/> ends with the adler32 trailer of <paramref name="decompressed"/>.</summary>
    public static bool EndsWithAdler32(ReadOnlySpan<byte> compressed, ReadOnlySpan<byte> decompressed) =>
        compressed.Length >= 6 && BinaryPrimitives.ReadUInt32BigEndian(compressed[^4..]) == Adler32(decompressed);
}
