using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sluice.Engine.Queues;

/// <summary>Producer and consumer positions on separate cache lines so they do not false-share.
/// (Outside the generic ring: a generic type cannot have explicit layout.)</summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct RingPositions
{
    [FieldOffset(64)] public long Enqueue;
    [FieldOffset(128)] public long Dequeue;
}

/// <summary>
/// A bounded lock-free multi-producer multi-consumer ring (Vyukov's sequence-numbered cells). No lock and
/// no allocation per item; capacity is a power of two.
/// </summary>
public sealed class BoundedRing<T> where T : class
{
    private struct Cell
    {
        /// <summary>The cell's sequence number minus its index: zero-filled memory is a valid empty ring,
        /// so a large ring costs no resident memory until it is used.</summary>
        public long RelativeSequence;
        public T? Item;
    }

    private readonly Cell[] _cells;
    private readonly long _mask;
    private RingPositions _pos;

    public BoundedRing(int minimumCapacity)
    {
        int capacity = 2;
        while (capacity < minimumCapacity) capacity <<= 1;
        _cells = new Cell[capacity];
        _mask = capacity - 1;
    }

    public int Capacity => _cells.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryEnqueue(T item)
    {
        long pos = Volatile.Read(ref _pos.Enqueue);
        while (true)
        {
            long index = pos & _mask;
            ref Cell cell = ref _cells[index];
            long seq = Volatile.Read(ref cell.RelativeSequence) + index;
            long diff = seq - pos;
            if (diff == 0)
            {
                long seen = Interlocked.CompareExchange(ref _pos.Enqueue, pos + 1, pos);
                if (seen == pos)
                {
                    cell.Item = item;
                    Volatile.Write(ref cell.RelativeSequence, pos + 1 - index);
                    return true;
                }
                pos = seen;
            }
            else if (diff < 0)
            {
                return false; // full
            }
            else
            {
                pos = Volatile.Read(ref _pos.Enqueue);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? item)
    {
        long pos = Volatile.Read(ref _pos.Dequeue);
        while (true)
        {
            long index = pos & _mask;
            ref Cell cell = ref _cells[index];
            long seq = Volatile.Read(ref cell.RelativeSequence) + index;
            long diff = seq - (pos + 1);
            if (diff == 0)
            {
                long seen = Interlocked.CompareExchange(ref _pos.Dequeue, pos + 1, pos);
                if (seen == pos)
                {
                    item = cell.Item!;
                    cell.Item = null;
                    Volatile.Write(ref cell.RelativeSequence, pos + _mask + 1 - index);
                    return true;
                }
                pos = seen;
            }
            else if (diff < 0)
            {
                item = null;
                return false; // empty
            }
            else
            {
                pos = Volatile.Read(ref _pos.Dequeue);
            }
        }
    }
}
