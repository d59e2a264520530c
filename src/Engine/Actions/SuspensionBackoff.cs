namespace Sluice.Engine.Actions;

/// <summary>
/// How long a suspended action waits before it is tried again, as rsyslog's actionSuspend computes it:
/// resumeInterval × (retry number / 10 + 1), integer division, capped by resumeIntervalMax when that is
/// positive. The retry number saturates at 20, so the multiplier never exceeds 3 (the documentation's
/// "after 100 tries" growth is not what rsyslog does).
/// </summary>
public static class SuspensionBackoff
{
    /// <summary>rsyslog increments the per-worker retry number only while it is below 20.</summary>
    public const int MaxRetryNumber = 20;

    public static int DurationSeconds(int resumeInterval, int resumeIntervalMax, int retryNumber)
    {
        int duration = resumeInterval * (retryNumber / 10 + 1);
        if (resumeIntervalMax > 0 && duration > resumeIntervalMax) duration = resumeIntervalMax;
        return duration;
    }

    public static int NextRetryNumber(int retryNumber) => retryNumber < MaxRetryNumber ? retryNumber + 1 : retryNumber;
}
