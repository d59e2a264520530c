using System.Runtime.CompilerServices;

namespace Sluice.Engine.Messages.Serialization;

/// <summary>
/// Writes the serialization's primitives into a span the caller sized with <see cref="WireSize"/>: bytes, LEB128
/// varints and zigzag ints. No bounds are re-checked beyond the span's own.
/// </summary>
internal ref struct WireWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public WireWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;

    public void Byte(byte value) => _buffer[_position++] = value;

    public void VarUInt(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer[_position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_position++] = (byte)value;
    }

    /// <summary>Zigzag, so that small negative values (an absent range's -1) stay one byte.</summary>
    public void VarInt(long value) => VarUInt(WireSize.ZigZag(value));

    public void Bytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_buffer[_position..]);
        _position += value.Length;
    }

    /// <summary>The next <paramref name="length"/> bytes, for the caller to fill in place.</summary>
    public Span<byte> Reserve(int length)
    {
        var span = _buffer.Slice(_position, length);
        _position += length;
        return span;
    }

    public void LengthPrefixed(ReadOnlySpan<byte> value)
    {
        VarUInt((ulong)value.Length);
        Bytes(value);
    }
}

/// <summary>Sizes of the primitives <see cref="WireWriter"/> writes.</summary>
internal static class WireSize
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long UnZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    public static int VarUInt(ulong value)
    {
        int n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }
        return n;
    }

    public static int VarInt(long value) => VarUInt(ZigZag(value));

    public static int LengthPrefixed(int length) => VarUInt((ulong)length) + length;
}
