using System.Globalization;

namespace Sluice.Engine.Actions;

/// <summary>
/// The action runtime's log texts, worded as rsyslog 8.2302 words them (runtime/action.c), so that existing
/// log monitoring keeps matching. The module is named as rsyslog names it ("builtin:omfile").
/// </summary>
internal static class ActionMessages
{
    private const string ReasonHint = "There should be messages before this one giving the reason for suspension.";

    public static string SuspendedRetry(ActionInstance a, int retryNumber)
        => $"action '{a.Name}' suspended (module '{a.ModuleDisplayName}'), retry {retryNumber}. {ReasonHint}";

    public static string SuspendedUntil(ActionInstance a, DateTimeOffset nextRetry, int retryNumber)
        => $"action '{a.Name}' suspended (module '{a.ModuleDisplayName}'), next retry is {CTime(nextRetry)}, retry nbr {retryNumber}. {ReasonHint}";

    public static string Resumed(ActionInstance a) => $"action '{a.Name}' resumed (module '{a.ModuleDisplayName}')";

    public static string MessageLost(ActionInstance a)
        => $"action '{a.Name}' (module '{a.ModuleDisplayName}') message lost, could not be processed. Check for additional error messages before this one.";

    /// <summary>Sluice's own text: rsyslog disables silently and leaves the reason to the module.</summary>
    public static string Disabled(ActionInstance a)
        => $"action '{a.Name}' (module '{a.ModuleDisplayName}') disabled: its output reported it cannot work; it stays off until restart";

    /// <summary>C's ctime() without the newline: "Sun Nov  2 08:55:13 2026" (local time).</summary>
    public static string CTime(DateTimeOffset time)
    {
        var t = time.ToLocalTime();
        var inv = CultureInfo.InvariantCulture;
        return string.Create(inv, $"{t.ToString("ddd", inv)} {t.ToString("MMM", inv)} {t.Day,2} {t.ToString("HH:mm:ss", inv)} {t.Year}");
    }
}
