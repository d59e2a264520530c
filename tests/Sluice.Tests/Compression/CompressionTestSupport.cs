using System.IO.Compression;
using Sluice.Engine.Compression;

namespace Sluice.Tests.Compression;

/// <summary>A sink that keeps every byte, remembering where each flush ended.</summary>
public sealed class CollectingSink : IByteSink
{
    private readonly MemoryStream _data = new();

    public List<int> Writes { get; } = new();

    public void Write(ReadOnlySpan<byte> data)
    {
        _data.Write(data);
        Writes.Add(data.Length);
    }

    public byte[] Bytes => _data.ToArray();
    public long Length => _data.Length;
}

public static class ZlibDecode
{
    /// <summary>Inflates as much of the zlib stream <paramref name="data"/> as is there (a prefix ending at a sync flush decodes completely).</summary>
    public static byte[] Inflate(byte[] data)
    {
        using var z = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
        using var o = new MemoryStream();
        z.CopyTo(o);
        return o.ToArray();
    }
}
