namespace Sluice.Engine.Outputs.File;

/// <summary>
/// Compares file paths as bytes, and lets a dictionary keyed by byte[] be searched with the rendered path's span
/// (no array per lookup).
/// </summary>
internal sealed class PathKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly PathKeyComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var h = new HashCode();
        h.AddBytes(bytes);
        return h.ToHashCode();
    }
}
