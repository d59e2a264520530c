using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sluice.Engine.Compression.Decoders;

/// <summary>
/// A canonical Huffman code of DEFLATE (RFC 1951 §3.2.2) for decoding: a direct lookup table for codes up to
/// <c>lookupBits</c> long (most symbols), and the canonical counts for the rare longer codes. Codes are read
/// from the LSB-first bit stream, so the table is indexed by bit-reversed codes. Built once per block header.
/// </summary>
internal sealed class HuffmanTable
{
    public const int MaxBits = 15;
    /// <summary><see cref="Decode"/>: more bits are needed than are available.</summary>
    public const int NeedMoreBits = -1;
    /// <summary><see cref="Decode"/>: the bits are no code of this table.</summary>
    public const int InvalidCode = -2;

    private readonly int _lookupBits;
    private readonly ushort[] _fast;               // (symbol << 4) | length; 0 = look it up the slow way
    private readonly short[] _count = new short[MaxBits + 1];
    private readonly short[] _symbols;             // symbols ordered by (length, value)
    private readonly short[] _offsets = new short[MaxBits + 2];

    public HuffmanTable(int maxSymbols, int lookupBits)
    {
        _lookupBits = lookupBits;
        _fast = new ushort[1 << lookupBits];
        _symbols = new short[maxSymbols];
    }

    /// <summary>No symbol has a code (allowed for distance codes of a block without matches).</summary>
    public bool IsEmpty { get; private set; }

    /// <summary>
    /// Builds the code from code lengths (0 = symbol unused). Returns false for a set zlib rejects: over-subscribed,
    /// or incomplete unless it is a single one-bit code (or <paramref name="allowIncompleteSingle"/> is false).
    /// </summary>
    public bool Build(ReadOnlySpan<byte> lengths, bool allowIncompleteSingle = true)
    {
        Array.Clear(_count);
        for (int s = 0; s < lengths.Length; s++) _count[lengths[s]]++;
        _count[0] = 0;
        int max = MaxBits;
        while (max > 0 && _count[max] == 0) max--;
        Array.Clear(_fast);
        IsEmpty = max == 0;
        if (IsEmpty) return true;

        int left = 1;
        for (int len = 1; len <= MaxBits; len++)
        {
            left <<= 1;
            left -= _count[len];
            if (left < 0) return false; // over-subscribed
        }
        if (left > 0 && (!allowIncompleteSingle || max != 1)) return false; // incomplete

        _offsets[1] = 0;
        for (int len = 1; len <= MaxBits; len++) _offsets[len + 1] = (short)(_offsets[len] + _count[len]);
        Span<short> next = stackalloc short[MaxBits + 2];
        _offsets.AsSpan().CopyTo(next);
        for (int s = 0; s < lengths.Length; s++)
            if (lengths[s] != 0) _symbols[next[lengths[s]]++] = (short)s;

        int code = 0, index = 0;
        for (int len = 1; len <= MaxBits; len++)
        {
            for (int k = 0; k < _count[len]; k++, code++)
            {
                int sym = _symbols[index++];
                if (len > _lookupBits) continue;
                ushort entry = (ushort)((sym << 4) | len);
                for (int j = Reverse(code, len); j < _fast.Length; j += 1 << len) _fast[j] = entry;
            }
            code <<= 1;
        }
        return true;
    }

    /// <summary>
    /// Decodes the next symbol from <paramref name="bits"/> (LSB first), of which <paramref name="available"/> are
    /// real. Returns the symbol and its code length, <see cref="NeedMoreBits"/> or <see cref="InvalidCode"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Decode(ulong bits, int available, out int length)
    {
        ushort entry = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_fast), (int)bits & (_fast.Length - 1));
        if (entry != 0)
        {
            length = entry & 15;
            return length <= available ? entry >> 4 : NeedMoreBits;
        }
        return DecodeSlow(bits, available, out length);
    }

    /// <summary>Canonical decoding bit by bit (as zlib's puff does), for codes longer than the lookup table.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int DecodeSlow(ulong bits, int available, out int length)
    {
        int code = 0, first = 0, index = 0;
        for (int len = 1; len <= MaxBits; len++)
        {
            if (len > available)
            {
                length = 0;
                return NeedMoreBits;
            }
            code |= (int)(bits >> (len - 1)) & 1;
            int count = _count[len];
            if (code - count < first)
            {
                length = len;
                return _symbols[index + (code - first)];
            }
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        length = 0;
        return InvalidCode;
    }

    private static int Reverse(int code, int length)
    {
        int r = 0;
        for (int i = 0; i < length; i++)
        {
            r = (r << 1) | (code & 1);
            code >>= 1;
        }
        return r;
    }
}
