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

    /// <summary>Whether the zlib stream <paramref name="compressed"/> ends with the adler32 trailer of <paramref name="decompressed"/>.</summary>
    public static bool EndsWithAdler32(ReadOnlySpan<byte> compressed, ReadOnlySpan<byte> decompressed) =>
        compressed.Length >= 6 && BinaryPrimitives.ReadUInt32BigEndian(compressed[^4..]) == Adler32(decompressed);
}
