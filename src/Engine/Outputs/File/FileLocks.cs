namespace Sluice.Engine.Outputs.File;

/// <summary>
/// One lock per file path for the whole process. Every write appends atomically (O_APPEND), but a write cut short
/// by a full disk or a signal is finished in a second call; two actions writing the same file hold this lock so
/// that no other action's lines land between the two parts.
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
