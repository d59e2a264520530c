using Sluice.Native;

namespace Sluice.Engine.Queues.Disk;

/// <summary>
/// One segment file as the store tracks it. Offsets are ints: a segment is at most 1 GiB. All fields are guarded
/// by the store's lock; the mapping is made when the segment is written or read and dropped when it is neither.
/// </summary>
internal sealed unsafe class Segment
{
    public Segment(long number, string path, long firstSequence, long fileSize)
    {
        Number = number;
        Path = path;
        FirstSequence = firstSequence;
        FileSize = fileSize;
        End = CommittedEnd = SyncedEnd = SegmentFormat.HeaderSize;
    }

    public long Number { get; }
    public string Path { get; }
    public long FirstSequence { get; }
    /// <summary>Bytes the file takes (what counts against maxDiskSpace) and the length it is mapped with.</summary>
    public long FileSize { get; set; }

    /// <summary>End of the written records (the next append goes here while <see cref="Writable"/>).</summary>
    public int End;
    /// <summary>Readers see records up to here.</summary>
    public int CommittedEnd;
    /// <summary>Records up to here are on the disk (syncQueueFiles).</summary>
    public int SyncedEnd;
    public long Records;
    public long LastSequence;
    /// <summary>The segment being appended to (the last one); all others are sealed.</summary>
    public bool Writable;

    public byte* Base;
    public bool MappedWritable;
    public bool IsMapped => Base != null;

    public Span<byte> Bytes => new(Base, (int)FileSize);

    /// <summary>Maps the file read-only (a sealed segment a reader reaches).</summary>
    public Errno MapForReading()
    {
        if (IsMapped) return Errno.None;
        var e = MappedFiles.Open(Path, MappedFiles.O_RDONLY, 0, out int fd);
        if (e != Errno.None) return e;
        try
        {
            e = MappedFiles.Size(fd, out long size);
            if (e != Errno.None) return e;
            // Never map past the end of the file: touching such a page would be SIGBUS.
            if (size < FileSize) return Errno.EIO;
            e = MappedFiles.Map(fd, FileSize, writable: false, out byte* p);
            if (e != Errno.None) return e;
            Base = p;
            MappedWritable = false;
            return Errno.None;
        }
        finally
        {
            Files.Close(fd);
        }
    }

    public void Unmap()
    {
        if (!IsMapped) return;
        MappedFiles.Unmap(Base, FileSize);
        Base = null;
    }
}
