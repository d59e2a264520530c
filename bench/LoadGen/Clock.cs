namespace Sluice.LoadGen;

/// <summary>Wall-clock time in Unix nanoseconds: the one clock shared with file mtimes and the shell script.</summary>
internal static class Clock
{
    public static long UnixNanos(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) * 100;
    public static long NowUnixNanos() => UnixNanos(DateTime.UtcNow);
}
