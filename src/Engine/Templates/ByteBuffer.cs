using System.Runtime.CompilerServices;

namespace Sluice.Engine.Templates;

/// <summary>A growable byte buffer that templates render into. Reused; grows, never shrinks.</summary>
public sealed class ByteBuffer
{
    private byte[] _data;

    public ByteBuffer(int initialCapacity = 4096) => _data = new byte[initialCapacity];

    public int Length { get; private set; }
    public ReadOnlySpan<byte> WrittenSpan => new(_data, 0, Length);
    public ReadOnlyMemory<byte> WrittenMemory => new(_data, 0, Length);
    public byte[] RawArray => _data;

    public void Clear() => Length = 0;

    /// <summary>Cuts the written data back to <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => Length = Math.Min(Length, length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(byte b)
    {
        if (Length == _data.Length) Grow(1);
        _data[Length++] = b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _data.Length) Grow(bytes.Length);
        bytes.CopyTo(new Span<byte>(_data, Length, bytes.Length));
        Length += bytes.Length;
    }

    /// <summary>A writable span of at least <paramref name="sizeHint"/> bytes; follow with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int sizeHint)
    {
        if (Length + sizeHint > _data.Length) Grow(sizeHint);
        return new Span<byte>(_data, Length, _data.Length - Length);
    }

    public void Advance(int count) => Length += count;

    private void Grow(int extra)
    {
        int size = Math.Max(_data.Length * 2, Length + extra);
        Array.Resize(ref _data, size);
    }
}
