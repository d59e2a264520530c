namespace Sluice.Engine.Lookup;

/// <summary>rsyslog's lookup table types (lookup.c): how keys are matched.</summary>
public enum LookupKind : byte
{
    /// <summary>Exact match of the key's text (byte for byte, like strcmp).</summary>
    String,
    /// <summary>The key as an unsigned 32-bit number indexes contiguous entries.</summary>
    Array,
    /// <summary>The key as an unsigned 32-bit number finds the entry with the largest index not above it.</summary>
    SparseArray,
}
