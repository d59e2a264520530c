using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ArmCrc = System.Runtime.Intrinsics.Arm.Crc32;
using X86Crc = System.Runtime.Intrinsics.X86.Sse42;

namespace Sluice.Engine.Queues.Disk;

/// <summary>
/// CRC-32C (Castagnoli, polynomial 0x1EDC6F41 reflected = 0x82F63B78), the checksum of every disk queue record.
/// Chosen over CRC-32 because CPUs compute it in hardware: SSE4.2 <c>crc32</c> on x86-64, the CRC32C instructions
/// on ARMv8; a slicing-by-8 table is the fallback. Standard init and final xor (~0), so
/// <c>Compute("123456789") == 0xE3069283</c>.
/// </summary>
public static class Crc32C
{
    private const uint Polynomial = 0x82F63B78;
    private static readonly uint[] Table = BuildTable();

    /// <summary>Which implementation runs on this machine (reported by tests and benchmarks).</summary>
    public static string Implementation =>
        X86Crc.X64.IsSupported ? "sse4.2" : ArmCrc.Arm64.IsSupported ? "armv8-crc" : "table";

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues <paramref name="crc"/> (a finished CRC of earlier bytes, or 0 to start) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) => ~Update(~crc, data);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        if (X86Crc.X64.IsSupported) return UpdateSse42(state, data);
        if (ArmCrc.Arm64.IsSupported) return UpdateArm(state, data);
        return UpdateTable(state, data);
    }

    private static uint UpdateSse42(uint state, ReadOnlySpan<byte> data)
    {
        ref byte p = ref MemoryMarshal.GetReference(data);
        int n = data.Length, i = 0;
        ulong s = state;
        for (; i + 8 <= n; i += 8)
            s = X86Crc.X64.Crc32(s, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i)));
        uint c = (uint)s;
        for (; i < n; i++) c = X86Crc.Crc32(c, Unsafe.Add(ref p, i));
        return c;
    }

    private static uint UpdateArm(uint state, ReadOnlySpan<byte> data)
    {
        ref byte p = ref MemoryMarshal.GetReference(data);
        int n = data.Length, i = 0;
        uint c = state;
        for (; i + 8 <= n; i += 8)
            c = ArmCrc.Arm64.ComputeCrc32C(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i)));
        for (; i < n; i++) c = ArmCrc.ComputeCrc32C(c, Unsafe.Add(ref p, i));
        return c;
    }

    /// <summary>The portable path, public for tests that compare it with the hardware one.</summary>
    internal static uint AppendPortable(uint crc, ReadOnlySpan<byte> data) => ~UpdateTable(~crc, data);

    private static uint UpdateTable(uint state, ReadOnlySpan<byte> data)
    {
        var t = Table;
        uint c = state;
        int i = 0;
        // Slicing-by-8: eight table lookups per 8 bytes instead of one dependent lookup per byte.
        for (; i + 8 <= data.Length; i += 8)
        {
            uint lo = c ^ BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i));
            uint hi = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i + 4));
            c = t[7 * 256 + (lo & 0xFF)] ^ t[6 * 256 + ((lo >> 8) & 0xFF)] ^ t[5 * 256 + ((lo >> 16) & 0xFF)] ^ t[4 * 256 + (lo >> 24)]
              ^ t[3 * 256 + (hi & 0xFF)] ^ t[2 * 256 + ((hi >> 8) & 0xFF)] ^ t[1 * 256 + ((hi >> 16) & 0xFF)] ^ t[hi >> 24];
        }
        for (; i < data.Length; i++) c = t[(c ^ data[i]) & 0xFF] ^ (c >> 8);
        return c;
    }

    private static uint[] BuildTable()
    {
        var t = new uint[8 * 256];
        for (uint b = 0; b < 256; b++)
        {
            uint c = b;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            t[b] = c;
        }
        for (int s = 1; s < 8; s++)
            for (int b = 0; b < 256; b++)
                t[s * 256 + b] = (t[(s - 1) * 256 + b] >> 8) ^ t[t[(s - 1) * 256 + b] & 0xFF];
        return t;
    }
}
