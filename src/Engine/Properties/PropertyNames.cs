using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Properties;

/// <summary>
/// Property names as rsyslog spells them (msg.c propNameToID), case-insensitive, with their aliases. Cold path.
/// </summary>
public static class PropertyNames
{
    private static readonly Dictionary<string, PropertyId> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["msg"] = PropertyId.Msg,
        ["rawmsg"] = PropertyId.RawMsg,
        ["rawmsg-after-pri"] = PropertyId.RawMsgAfterPri,
        ["hostname"] = PropertyId.Hostname,
        ["source"] = PropertyId.Hostname,
        ["fromhost"] = PropertyId.FromHost,
        ["fromhost-ip"] = PropertyId.FromHostIp,
        // fromhost-port and the alias timereceived are in current rsyslog (reference §5); 8.2302 rejects both
        // as invalid properties. Accepting them is a superset and keeps configs written for newer rsyslog.
        ["fromhost-port"] = PropertyId.FromHostPort,
        ["syslogtag"] = PropertyId.SyslogTag,
        ["programname"] = PropertyId.ProgramName,
        ["pri"] = PropertyId.Pri,
        ["pri-text"] = PropertyId.PriText,
        ["iut"] = PropertyId.Iut,
        ["syslogfacility"] = PropertyId.SyslogFacility,
        ["syslogfacility-text"] = PropertyId.SyslogFacilityText,
        ["syslogseverity"] = PropertyId.SyslogSeverity,
        ["syslogpriority"] = PropertyId.SyslogSeverity,
        ["syslogseverity-text"] = PropertyId.SyslogSeverityText,
        ["syslogpriority-text"] = PropertyId.SyslogSeverityText,
        ["timegenerated"] = PropertyId.TimeGenerated,
        ["timereceived"] = PropertyId.TimeGenerated,
        ["timereported"] = PropertyId.TimeReported,
        ["timestamp"] = PropertyId.TimeReported,
        ["protocol-version"] = PropertyId.ProtocolVersion,
        ["structured-data"] = PropertyId.StructuredData,
        ["app-name"] = PropertyId.AppName,
        ["procid"] = PropertyId.ProcId,
        ["msgid"] = PropertyId.MsgId,
        ["inputname"] = PropertyId.InputName,
        ["jsonmesg"] = PropertyId.JsonMesg,
        ["uuid"] = PropertyId.Uuid,
        ["parsesuccess"] = PropertyId.ParseSuccess,
        ["$uptime"] = PropertyId.SysUptime,
        ["$now"] = PropertyId.SysNow,
        ["$year"] = PropertyId.SysYear,
        ["$month"] = PropertyId.SysMonth,
        ["$day"] = PropertyId.SysDay,
        ["$hour"] = PropertyId.SysHour,
        ["$hhour"] = PropertyId.SysHHour,
        ["$qhour"] = PropertyId.SysQHour,
        ["$minute"] = PropertyId.SysMinute,
        ["$wday"] = PropertyId.SysWDay,
        ["$now-utc"] = PropertyId.SysNowUtc,
        ["$year-utc"] = PropertyId.SysYearUtc,
        ["$month-utc"] = PropertyId.SysMonthUtc,
        ["$day-utc"] = PropertyId.SysDayUtc,
        ["$hour-utc"] = PropertyId.SysHourUtc,
        ["$hhour-utc"] = PropertyId.SysHHourUtc,
        ["$qhour-utc"] = PropertyId.SysQHourUtc,
        ["$minute-utc"] = PropertyId.SysMinuteUtc,
        ["$wday-utc"] = PropertyId.SysWDayUtc,
        ["$now-unixtimestamp"] = PropertyId.SysNowUnixTimestamp,
        ["$myhostname"] = PropertyId.SysMyHostname,
        ["$bom"] = PropertyId.SysBom,
    };

    public static bool TryGet(string name, out PropertyId id) => ByName.TryGetValue(name, out id);

    /// <summary>
    /// A variable as a template or filter names it: "$!a!b", "$.x", "$/g" (and rsyslog's bare "!a", ".x", "/g");
    /// null for anything else, including "$!all-json", which is not a variable.
    /// </summary>
    public static Messages.Variables.VariablePath? TryVariable(string name)
    {
        if (IsAllJson(name, out _) || !IsVariable(name)) return null;
        return Messages.Variables.VariablePath.TryParse(name[0] == '$' ? name[1..] : name);
    }

    /// <summary>"$!all-json" (the whole $! tree as JSON, "{}" when there is none) and "$!all-json-plain" (the same without blanks).</summary>
    public static bool IsAllJson(string name, out bool plain)
    {
        plain = string.Equals(name, "$!all-json-plain", StringComparison.OrdinalIgnoreCase);
        return plain || string.Equals(name, "$!all-json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every accepted name, aliases included.</summary>
    public static IEnumerable<string> All => ByName.Keys;

    /// <summary>
    /// The property a name stands for. Throws <see cref="ConfigException"/> for variables and properties that
    /// are not supported yet, and for unknown names (with the closest known name).
    /// </summary>
    public static PropertyId Resolve(string name, SourceLocation location)
    {
        if (ByName.TryGetValue(name, out var id)) return id;
        if (IsVariable(name))
            throw new ConfigException(location,
                $"property '{name}' is a variable, which cannot be used here");
        string? close = NameSuggester.Closest(name, ByName.Keys);
        throw new ConfigException(location,
            close is null ? $"invalid property '{name}'" : $"invalid property '{name}' (did you mean '{close}'?)");
    }

    /// <summary>rsyslog treats "$!x", "$.x", "$/x" and the bare "!x", ".x", "/x" as variables.</summary>
    private static bool IsVariable(string name) =>
        name.StartsWith("$!", StringComparison.Ordinal) || name.StartsWith("$.", StringComparison.Ordinal) ||
        name.StartsWith("$/", StringComparison.Ordinal) ||
        (name.Length > 0 && (name[0] == '!' || name[0] == '.' || name[0] == '/'));
}
