using System.Runtime.CompilerServices;

namespace Sluice.Engine.Messages.Serialization;

/// <summary>
/// Reads what <see cref="WireWriter"/> wrote. Every read checks the bounds and reports failure as false: spool
/// data is never trusted (a bad record must not throw on the hot path or crash the daemon). The common cases (a
/// byte, a one-byte varint) are inlined: a disk queue's drain reads about forty fields per message.
/// </summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public WireReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Remaining => _data.Length - _position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Byte(out byte value)
    {
        if ((uint)_position >= (uint)_data.Length)
        {
            value = 0;
            return false;
        }
        value = _data[_position++];
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool VarUInt(out ulong value)
    {
        if ((uint)_position < (uint)_data.Length && _data[_position] < 0x80)
        {
            value = _data[_position++];
            return true;
        }
        return VarUIntLong(out value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool VarUIntLong(out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length) return false;
            byte b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool VarInt(out long value)
    {
        bool ok = VarUInt(out ulong raw);
        value = WireSize.UnZigZag(raw);
        return ok;
    }

    /// <summary>An int field: false when the value does not fit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Int(out int value)
    {
        bool ok = VarInt(out long v) && v >= int.MinValue && v <= int.MaxValue;
        value = ok ? (int)v : 0;
        return ok;
    }

    public bool Bytes(int length, out ReadOnlySpan<byte> value)
    {
        if (length < 0 || length > Remaining)
        {
            value = default;
            return false;
        }
        value = _data.Slice(_position, length);
        _position += length;
        return true;
    }

    public bool LengthPrefixed(out ReadOnlySpan<byte> value)
    {
        value = default;
        return VarUInt(out ulong length) && length <= (ulong)Remaining && Bytes((int)length, out value);
    }
}
