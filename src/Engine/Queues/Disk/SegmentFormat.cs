using System.Buffers.Binary;

namespace Sluice.Engine.Queues.Disk;

/// <summary>What <see cref="SegmentFormat.ReadRecord"/> found at an offset.</summary>
internal enum RecordStatus
{
    /// <summary>A whole record whose checksum matches and whose sequence number is not older than expected.</summary>
    Valid,
    /// <summary>An all-zero header: unused space (segments are created zero-filled).</summary>
    Free,
    /// <summary>Anything else: a torn write or damaged bytes.</summary>
    Invalid,
}

/// <summary>
/// The byte layout of segment files (see <see cref="DiskQueueStore"/> for the whole on-disk format). All integers
/// little-endian. Pure functions over spans: used by the writer, the reader and recovery alike.
/// </summary>
internal static class SegmentFormat
{
    /// <summary>"SLUICEQS": the first 8 bytes of every segment file.</summary>
    public static ReadOnlySpan<byte> Magic => "SLUICEQS"u8;
    public const uint Version = 1;
    public const int HeaderSize = 40;
    public const int RecordHeaderSize = 16;
    /// <summary>Records start and end 8-byte aligned, so a reader can resynchronise on aligned offsets.</summary>
    public const int Alignment = 8;
    /// <summary>No record is larger; a header claiming more is damaged.</summary>
    public const int MaxPayload = 256 * 1024 * 1024;

    public static int RecordSize(int payloadLength) => RecordHeaderSize + ((payloadLength + Alignment - 1) & ~(Alignment - 1));

    public static void WriteHeader(Span<byte> destination, long segmentNumber, long firstSequence)
    {
        var h = destination[..HeaderSize];
        h.Clear();
        Magic.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], HeaderSize);
        BinaryPrimitives.WriteInt64LittleEndian(h[16..], segmentNumber);
        BinaryPrimitives.WriteInt64LittleEndian(h[24..], firstSequence);
        BinaryPrimitives.WriteUInt32LittleEndian(h[36..], Crc32C.Compute(h[..36]));
    }

    /// <summary>Checks magic, version and checksum of a segment header.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> file, out long segmentNumber, out long firstSequence)
    {
        segmentNumber = firstSequence = 0;
        if (file.Length < HeaderSize || !file[..8].SequenceEqual(Magic)) return false;
        if (BinaryPrimitives.ReadUInt32LittleEndian(file[8..]) != Version) return false;
        if (BinaryPrimitives.ReadUInt32LittleEndian(file[12..]) != HeaderSize) return false;
        if (BinaryPrimitives.ReadUInt32LittleEndian(file[36..]) != Crc32C.Compute(file[..36])) return false;
        segmentNumber = BinaryPrimitives.ReadInt64LittleEndian(file[16..]);
        firstSequence = BinaryPrimitives.ReadInt64LittleEndian(file[24..]);
        return firstSequence > 0;
    }

    /// <summary>
    /// Fills the record header in front of a payload already written at <c>record[16..]</c>. The checksum covers
    /// the sequence number, the length and the payload, so a damaged length or a record from elsewhere fails it.
    /// </summary>
    public static void SealRecord(Span<byte> record, long sequence, int payloadLength)
    {
        BinaryPrimitives.WriteInt32LittleEndian(record, payloadLength);
        BinaryPrimitives.WriteInt64LittleEndian(record[8..], sequence);
        uint crc = Checksum(record, payloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], crc);
    }

    private static uint Checksum(ReadOnlySpan<byte> record, int payloadLength)
    {
        uint crc = Crc32C.Compute(record.Slice(8, 8));
        crc = Crc32C.Append(crc, record[..4]);
        return Crc32C.Append(crc, record.Slice(RecordHeaderSize, payloadLength));
    }

    /// <summary>
    /// Reads the record at <paramref name="offset"/> of <paramref name="data"/> (the segment up to where its data
    /// may reach). A valid record has a sequence number of at least <paramref name="minSequence"/>.
    /// </summary>
    public static RecordStatus ReadRecord(ReadOnlySpan<byte> data, int offset, long minSequence, out long sequence, out int payloadLength)
    {
        sequence = 0;
        payloadLength = 0;
        int left = data.Length - offset;
        if (left < RecordHeaderSize)
            return data[offset..].IndexOfAnyExcept((byte)0) < 0 ? RecordStatus.Free : RecordStatus.Invalid;
        var h = data.Slice(offset, RecordHeaderSize);
        int length = BinaryPrimitives.ReadInt32LittleEndian(h);
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(h[4..]);
        long seq = BinaryPrimitives.ReadInt64LittleEndian(h[8..]);
        if (length == 0 && crc == 0 && seq == 0) return RecordStatus.Free;
        if (length < 0 || length > MaxPayload || seq < minSequence || seq <= 0) return RecordStatus.Invalid;
        if (RecordSize(length) > left) return RecordStatus.Invalid;
        if (Checksum(data.Slice(offset), length) != crc) return RecordStatus.Invalid;
        sequence = seq;
        payloadLength = length;
        return RecordStatus.Valid;
    }

    /// <summary>
    /// After damaged bytes at <paramref name="from"/>: the next aligned offset holding a valid record, or -1. Costs a
    /// header check per 8 bytes (a checksum only where the header is plausible); used only when damage is found.
    /// </summary>
    public static int Resynchronise(ReadOnlySpan<byte> data, int from, long minSequence)
    {
        int start = ((from / Alignment) + 1) * Alignment;
        for (int off = start; off + RecordHeaderSize <= data.Length; off += Alignment)
        {
            if (ReadRecord(data, off, minSequence, out _, out _) == RecordStatus.Valid) return off;
        }
        return -1;
    }
}
