using System.Buffers.Binary;

namespace Sluice.Engine.Queues.Disk;

/// <summary>
/// The contents of the <c>.qi</c> state file: where reading resumes and where writing stopped. Only
/// <see cref="AckSequence"/> is authoritative (records below it were consumed); the rest are hints and figures,
/// because the segments describe themselves and recovery scans them anyway.
/// </summary>
internal struct QueueState
{
    /// <summary>"SLUICEQI".</summary>
    public static ReadOnlySpan<byte> Magic => "SLUICEQI"u8;
    public const uint Version = 1;
    public const int Size = 88;

    /// <summary>Sequence number of the first record not yet acknowledged: everything below was consumed.</summary>
    public long AckSequence;
    /// <summary>The sequence number the next append gets.</summary>
    public long NextSequence;
    /// <summary>The number the next segment file gets.</summary>
    public long NextSegmentNumber;
    /// <summary>Segment and offset of the record at <see cref="AckSequence"/> (the read position).</summary>
    public long AckSegmentNumber;
    public int AckOffset;
    /// <summary>Segment and offset where the next append goes (the write position).</summary>
    public long WriteSegmentNumber;
    public int WriteOffset;
    /// <summary>Records not yet acknowledged when the state was written.</summary>
    public long Count;
    public long Bytes;

    public readonly void Write(Span<byte> destination)
    {
        var b = destination[..Size];
        b.Clear();
        Magic.CopyTo(b);
        BinaryPrimitives.WriteUInt32LittleEndian(b[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(b[12..], Size);
        BinaryPrimitives.WriteInt64LittleEndian(b[16..], AckSequence);
        BinaryPrimitives.WriteInt64LittleEndian(b[24..], NextSequence);
        BinaryPrimitives.WriteInt64LittleEndian(b[32..], NextSegmentNumber);
        BinaryPrimitives.WriteInt64LittleEndian(b[40..], AckSegmentNumber);
        BinaryPrimitives.WriteInt32LittleEndian(b[48..], AckOffset);
        BinaryPrimitives.WriteInt32LittleEndian(b[52..], WriteOffset);
        BinaryPrimitives.WriteInt64LittleEndian(b[56..], WriteSegmentNumber);
        BinaryPrimitives.WriteInt64LittleEndian(b[64..], Count);
        BinaryPrimitives.WriteInt64LittleEndian(b[72..], Bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(b[84..], Crc32C.Compute(b[..84]));
    }

    /// <summary>Why a state file could not be used, for the log line.</summary>
    public enum ReadError { None, Short, NotSluice, LooksLikeRsyslog, BadVersion, BadChecksum, Implausible }

    public static ReadError TryRead(ReadOnlySpan<byte> data, out QueueState state)
    {
        state = default;
        if (data.StartsWith("<OPB:"u8) || data.StartsWith("<Obj:"u8)) return ReadError.LooksLikeRsyslog;
        if (data.Length < Size) return data.Length >= 8 && !data[..8].SequenceEqual(Magic) ? ReadError.NotSluice : ReadError.Short;
        if (!data[..8].SequenceEqual(Magic)) return ReadError.NotSluice;
        if (BinaryPrimitives.ReadUInt32LittleEndian(data[8..]) != Version
            || BinaryPrimitives.ReadUInt32LittleEndian(data[12..]) != Size) return ReadError.BadVersion;
        if (BinaryPrimitives.ReadUInt32LittleEndian(data[84..]) != Crc32C.Compute(data[..84])) return ReadError.BadChecksum;
        state.AckSequence = BinaryPrimitives.ReadInt64LittleEndian(data[16..]);
        state.NextSequence = BinaryPrimitives.ReadInt64LittleEndian(data[24..]);
        state.NextSegmentNumber = BinaryPrimitives.ReadInt64LittleEndian(data[32..]);
        state.AckSegmentNumber = BinaryPrimitives.ReadInt64LittleEndian(data[40..]);
        state.AckOffset = BinaryPrimitives.ReadInt32LittleEndian(data[48..]);
        state.WriteOffset = BinaryPrimitives.ReadInt32LittleEndian(data[52..]);
        state.WriteSegmentNumber = BinaryPrimitives.ReadInt64LittleEndian(data[56..]);
        state.Count = BinaryPrimitives.ReadInt64LittleEndian(data[64..]);
        state.Bytes = BinaryPrimitives.ReadInt64LittleEndian(data[72..]);
        if (state.AckSequence < 1 || state.NextSequence < state.AckSequence || state.NextSegmentNumber < 1) return ReadError.Implausible;
        return ReadError.None;
    }

    public static string Describe(ReadError e) => e switch
    {
        ReadError.Short => "it is shorter than a state file",
        ReadError.NotSluice => "it is not a Sluice queue state file",
        ReadError.LooksLikeRsyslog => "it is an rsyslog queue state file (rsyslog's queue files are not read by Sluice)",
        ReadError.BadVersion => "it has an unknown format version",
        ReadError.BadChecksum => "its checksum does not match",
        ReadError.Implausible => "its positions are inconsistent",
        _ => "it is valid",
    };
}
