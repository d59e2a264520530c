namespace Sluice.Engine.Outputs.UserMessage;

/// <summary>Where the login records are: glibc's _PATH_UTMP.</summary>
public static class UtmpLocation
{
    public const string DefaultPath = "/run/utmp";

    /// <summary>
    /// TEST ONLY: the integration tests point sluiced at a fake utmp file through this variable, so they can check
    /// who gets written to without real logins. Not a user-facing setting (rsyslog has none).
    /// </summary>
    public const string TestOverrideVariable = "SLUICE_UTMP_PATH";

    public static string Path
    {
        get
        {
            string? overridden = Environment.GetEnvironmentVariable(TestOverrideVariable);
            return string.IsNullOrEmpty(overridden) ? DefaultPath : overridden;
        }
    }
}
