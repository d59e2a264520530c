namespace Sluice.Engine.Queues.Disk;

/// <summary>
/// Writes one record's payload straight into the mapped segment (no intermediate buffer). Implemented by structs,
/// so <see cref="DiskQueueStore.Append{TWriter}(int, TWriter)"/> neither boxes nor allocates.
/// </summary>
public interface IRecordWriter
{
    /// <summary>Fills all of <paramref name="destination"/> (exactly the length announced to Append).</summary>
    void Write(Span<byte> destination);
}
