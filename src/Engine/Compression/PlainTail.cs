namespace Sluice.Engine.Compression;

/// <summary>The last bytes (up to a fixed capacity) of uncompressed data written to a stream.</summary>
public sealed class PlainTail
{
    private readonly byte[] _bytes;

    public PlainTail(int capacity) => _bytes = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => new(_bytes, 0, Length);

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.Length >= _bytes.Length)
        {
            data[^_bytes.Length..].CopyTo(_bytes);
            Length = _bytes.Length;
            return;
        }
        int keep = Math.Min(Length, _bytes.Length - data.Length);
        _bytes.AsSpan(Length - keep, keep).CopyTo(_bytes);
        data.CopyTo(_bytes.AsSpan(keep));
        Length = keep + data.Length;
    }

    public void CopyFrom(PlainTail other)
    {
        int n = Math.Min(other.Length, _bytes.Length);
        other.Span[^n..].CopyTo(_bytes);
        Length = n;
    }

    public void Clear() => Length = 0;
}
