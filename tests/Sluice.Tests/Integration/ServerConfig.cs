namespace Sluice.Tests.Integration;

/// <summary>
/// The config both daemons get in these tests: one imtcp listener on 127.0.0.1 with an ephemeral port written to
/// a port file, and one omfile action. Only constructs the sluiced contract lists are used, so the same text runs
/// on sluiced and on rsyslogd.
/// </summary>
public sealed record ServerConfig
{
    /// <summary>Extra imtcp module parameters, e.g. <c>workerThreads="2"</c>.</summary>
    public string ModuleParams { get; init; } = "";

    /// <summary>Extra global() parameters, e.g. <c>maxMessageSize="4096"</c>.</summary>
    public string GlobalParams { get; init; } = "";

    /// <summary>A string template for the output; null means RSYSLOG_FileFormat.</summary>
    public string? Template { get; init; }

    public int MaxSessions { get; init; } = 500;

    /// <summary>
    /// Rule lines that replace the omfile action (e.g. an omfwd action); a template "raw" (%rawmsg%) is defined
    /// for them. The output file then stays empty.
    /// </summary>
    public string? Rules { get; init; }

    /// <summary>A template listing the properties compared across daemons.</summary>
    public const string PropertiesTemplate = "%hostname%|%syslogtag%|%programname%|%pri%|%msg%\\n";

    public string Render(TempDir dir, string portFile, string outputFile)
    {
        string work = dir.Sub("work");
        string template = Template == null ? "RSYSLOG_FileFormat" : "testfmt";
        var lines = new List<string>
        {
            $"global(workDirectory=\"{work}\"{Space(GlobalParams)})",
            $"module(load=\"imtcp\" MaxSessions=\"{MaxSessions}\"{Space(ModuleParams)})",
            $"input(type=\"imtcp\" port=\"0\" listenPortFileName=\"{portFile}\" address=\"127.0.0.1\")",
        };
        if (Template != null) lines.Add($"template(name=\"testfmt\" type=\"string\" string=\"{Template}\")");
        if (Rules != null)
        {
            lines.Add("template(name=\"raw\" type=\"string\" string=\"%rawmsg%\")");
            lines.Add(Rules);
        }
        else
        {
            lines.Add($"action(type=\"omfile\" file=\"{outputFile}\" template=\"{template}\")");
        }
        return string.Join('\n', lines) + "\n";
    }

    private static string Space(string s) => s.Length == 0 ? "" : " " + s;
}
