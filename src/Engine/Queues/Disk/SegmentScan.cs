namespace Sluice.Engine.Queues.Disk;

/// <summary>A valid record found by <see cref="SegmentScan.Run"/>.</summary>
internal readonly record struct ScannedRecord(int Offset, long Sequence, int Size);

/// <summary>
/// What one pass over a segment's bytes found: the valid records (each checksum verified), damaged regions between
/// them, and non-zero bytes after the last one (a torn tail). Used by recovery; the reader applies the same rules
/// record by record.
/// </summary>
internal struct SegmentScan
{
    public long Records;
    public long FirstSequence;
    public long LastSequence;
    /// <summary>End of the last valid record (the header size when there is none).</summary>
    public int ValidEnd;
    /// <summary>Damaged bytes between valid records, and in how many places.</summary>
    public long SkippedBytes;
    public int SkippedRegions;
    /// <summary>End of the last non-zero byte after <see cref="ValidEnd"/>; equal to it when the tail is clean.</summary>
    public int TailEnd;
    /// <summary>Bytes of all valid records (headers and padding included).</summary>
    public long RecordBytes;

    public readonly int TailBytes => TailEnd - ValidEnd;

    /// <summary>
    /// Scans <paramref name="file"/> from the first record. Every loop step moves forward, so it ends within the
    /// segment's length. <paramref name="records"/>, when given, receives every valid record.
    /// </summary>
    public static SegmentScan Run(ReadOnlySpan<byte> file, long minSequence, List<ScannedRecord>? records)
    {
        var r = new SegmentScan { ValidEnd = SegmentFormat.HeaderSize };
        int off = SegmentFormat.HeaderSize;
        long min = minSequence;
        while (off < file.Length)
        {
            var status = SegmentFormat.ReadRecord(file, off, min, out long seq, out int length);
            if (status == RecordStatus.Valid)
            {
                int size = SegmentFormat.RecordSize(length);
                records?.Add(new ScannedRecord(off, seq, size));
                if (r.Records == 0) r.FirstSequence = seq;
                r.Records++;
                r.LastSequence = seq;
                r.RecordBytes += size;
                off += size;
                r.ValidEnd = off;
                min = seq + 1;
                continue;
            }
            if (status == RecordStatus.Free && file[off..].IndexOfAnyExcept((byte)0) < 0) break;

            int next = SegmentFormat.Resynchronise(file, off, min);
            if (next < 0)
            {
                int last = file[off..].LastIndexOfAnyExcept((byte)0);
                if (last >= 0) r.TailEnd = off + last + 1;
                break;
            }
            r.SkippedBytes += next - off;
            r.SkippedRegions++;
            off = next;
        }
        if (r.TailEnd < r.ValidEnd) r.TailEnd = r.ValidEnd;
        return r;
    }
}
