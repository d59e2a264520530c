using System.Runtime.InteropServices;

namespace Sluice.Native;

/// <summary>
/// A reusable array of struct epoll_event. The kernel packs that struct on x86_64 (12 bytes: events at 0,
/// data at 4) but not on other 64-bit targets (16 bytes: data at 8), so the layout is chosen at run time.
/// </summary>
public sealed unsafe class EpollEventBuffer
{
    private static readonly bool Packed = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;
    internal static readonly int Stride = Packed ? 12 : 16;
    private static readonly int DataOffset = Packed ? 4 : 8;

    public EpollEventBuffer(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        Capacity = capacity;
        // Pinned heap: the array stays fixed for the whole (possibly endless) epoll_wait without fragmenting the GC heap.
        Raw = GC.AllocateArray<byte>(capacity * Stride, pinned: true);
    }

    public int Capacity { get; }
    internal byte[] Raw { get; }

    public uint Events(int index) => MemoryMarshal.Read<uint>(Raw.AsSpan(index * Stride, 4));

    public ulong Data(int index) => MemoryMarshal.Read<ulong>(Raw.AsSpan(index * Stride + DataOffset, 8));

    internal static void Write(byte* evt, uint events, ulong data)
    {
        *(uint*)evt = events;
        *(ulong*)(evt + DataOffset) = data; // x86_64 tolerates the unaligned store
    }
}
