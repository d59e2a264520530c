namespace Sluice.Engine.Scripting;

/// <summary>
/// Facility and severity names as rsyslog decodes them (runtime/srutils.c syslogFacNames/syslogPriNames,
/// decodeSyslogName): case-insensitive, and a name starting with a digit is read with atoi().
/// </summary>
public static class SyslogNames
{
    /// <summary>rsyslog's INTERNAL_NOPRI ("none").</summary>
    public const int NoPriority = 0x10;
    /// <summary>rsyslog's TABLE_ALLPRI ("*").</summary>
    public const int AllPriorities = 0xFF;

    private static readonly Dictionary<string, int> Severities = new(StringComparer.Ordinal)
    {
        ["alert"] = 1, ["crit"] = 2, ["debug"] = 7, ["emerg"] = 0, ["err"] = 3, ["error"] = 3, ["info"] = 6,
        ["none"] = NoPriority, ["notice"] = 5, ["panic"] = 0, ["warn"] = 4, ["warning"] = 4, ["*"] = AllPriorities,
    };

    // Values are facility << 3 as in syslog.h. Linux has LOG_FTP but no LOG_AUDIT, so "audit" is unknown
    // (rsyslogd 8.2302 on Linux: 'unknown facility name "audit"').
    private static readonly Dictionary<string, int> Facilities = new(StringComparer.Ordinal)
    {
        ["auth"] = 4 << 3, ["authpriv"] = 10 << 3, ["cron"] = 9 << 3, ["daemon"] = 3 << 3, ["kern"] = 0,
        ["lpr"] = 6 << 3, ["mail"] = 2 << 3, ["mark"] = PriFilter.MarkFacility << 3, ["news"] = 7 << 3,
        ["ntp"] = 12 << 3, ["security"] = 4 << 3, ["bsd_security"] = 13 << 3, ["syslog"] = 5 << 3,
        ["user"] = 1 << 3, ["uucp"] = 8 << 3, ["ftp"] = 11 << 3, ["console"] = 14 << 3,
        ["local0"] = 16 << 3, ["local1"] = 17 << 3, ["local2"] = 18 << 3, ["local3"] = 19 << 3,
        ["local4"] = 20 << 3, ["local5"] = 21 << 3, ["local6"] = 22 << 3, ["local7"] = 23 << 3,
        ["invld"] = PriFilter.InvalidFacility << 3,
    };

    /// <summary>A severity (0–7), <see cref="NoPriority"/>, <see cref="AllPriorities"/>, or -1 if unknown.</summary>
    public static int DecodeSeverity(string name) => Decode(name, Severities);

    /// <summary>A facility code shifted left by 3 (as syslog.h LOG_MAIL etc.), or -1 if unknown.</summary>
    public static int DecodeFacility(string name) => Decode(name, Facilities);

    private static int Decode(string name, Dictionary<string, int> table)
    {
        if (name.Length > 0 && char.IsAsciiDigit(name[0])) return Atoi(name);
        // decodeSyslogName copies at most 79 characters before comparing.
        string key = (name.Length > 79 ? name[..79] : name).ToLowerInvariant();
        return table.TryGetValue(key, out int value) ? value : -1;
    }

    /// <summary>C atoi(): leading digits, wrapped to int like glibc's (int)strtol.</summary>
    private static int Atoi(string s)
    {
        long value = 0;
        for (int i = 0; i < s.Length && char.IsAsciiDigit(s[i]); i++)
            value = value > long.MaxValue / 10 - 1 ? long.MaxValue : value * 10 + (s[i] - '0');
        return unchecked((int)value);
    }
}
