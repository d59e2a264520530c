using Sluice.Engine.Compression;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Outputs.Forward;

/// <summary>
/// A transaction's messages as they go on the wire: the bytes of every frame back to back (TCP) or every
/// datagram's payload (UDP), and where each one ends. Reused from batch to batch; grows, never shrinks.
/// </summary>
public sealed class FrameBatch
{
    private int[] _ends = new int[64];

    public ByteBuffer Data { get; } = new(16 * 1024);
    public int Count { get; private set; }

    /// <summary>stream:always zlib: <see cref="Data"/> already compressed on the worker's thread, or null.</summary>
    public ZlibBlockCompressor? Compressed { get; set; }

    /// <summary>Marks the end of the frame just appended to <see cref="Data"/>.</summary>
    public void EndFrame()
    {
        if (Count == _ends.Length) Array.Resize(ref _ends, _ends.Length * 2);
        _ends[Count++] = Data.Length;
    }

    public int StartOf(int index) => index == 0 ? 0 : _ends[index - 1];

    public int EndOf(int index) => _ends[index];

    public ReadOnlySpan<byte> Frame(int index) => Data.WrittenSpan[StartOf(index)..EndOf(index)];

    /// <summary>Frames [from, to) as one span.</summary>
    public ReadOnlySpan<byte> Frames(int from, int to) => from >= to ? default : Data.WrittenSpan[StartOf(from)..EndOf(to - 1)];

    public void Clear()
    {
        Data.Clear();
        Count = 0;
        Compressed = null;
    }
}
