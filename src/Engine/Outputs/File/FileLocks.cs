namespace Sluice.Engine.Outputs.File;

/// <summary>
/// One lock per file path for the whole process. Writes append by seeking to the current end first (see
/// <see cref="FileOutput"/>); two actions writing the same file must not interleave that seek and write.
/// </summary>
internal static class FileLocks
{
    private static readonly Dictionary<string, object> Locks = new(StringComparer.Ordinal);

    public static object For(string path)
    {
        lock (Locks)
        {
            if (!Locks.TryGetValue(path, out var l)) Locks[path] = l = new object();
            return l;
        }
    }
}
