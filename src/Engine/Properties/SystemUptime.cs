namespace Sluice.Engine.Properties;

/// <summary>
/// $uptime: whole seconds since the system booted. rsyslog reads sysinfo()'s uptime (CLOCK_BOOTTIME); Sluice reads
/// the runtime's monotonic millisecond clock (CLOCK_MONOTONIC, no system call per message), which is the same
/// except for the time a machine spent suspended.
/// </summary>
public static class SystemUptime
{
    public static long Seconds() => Environment.TickCount64 / 1000;
}
