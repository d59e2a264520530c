namespace Sluice.ForwardBench;

/// <summary>CPU time from /proc (utime + stime, in clock ticks of 10 ms): of this thread, or of another process.</summary>
internal static class CpuClock
{
    private const double TickSeconds = 0.01; // USER_HZ is 100 on Linux

    public static double ThisThreadSeconds() => Read("/proc/thread-self/stat");

    public static double ProcessSeconds(int pid) => Read($"/proc/{pid}/stat");

    private static double Read(string path)
    {
        string stat = File.ReadAllText(path);
        // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(f[11]) + long.Parse(f[12])) * TickSeconds;
    }
}
