using Sluice.Tests.Integration;

namespace Sluice.Tests.Interop;

/// <summary>Lines written with <see cref="ServerConfig.PropertiesTemplate"/>, keyed by the test marker they carry.</summary>
public static class PropertyLines
{
    public sealed record Props(string Hostname, string SyslogTag, string ProgramName, string Pri, string Msg);

    public static Props Parse(string line)
    {
        string[] f = line.Split('|', 5);
        if (f.Length < 5) throw new FormatException($"not a property line: '{line}'");
        return new Props(f[0], f[1], f[2], f[3], f[4]);
    }

    /// <summary>Marker → line, for every line of <paramref name="follower"/> that carries one of the run's markers.</summary>
    public static Dictionary<string, string> ByMarker(OutputFollower follower, string runId)
    {
        var map = new Dictionary<string, string>();
        var prefix = TestMessages.RunPrefix(runId);
        foreach (string line in follower.Lines)
        {
            if (!TestMessages.TryParse(System.Text.Encoding.UTF8.GetBytes(line), prefix, out int c, out long s)) continue;
            string key = $"{c}.{s}";
            if (!map.TryAdd(key, line)) throw new InvalidOperationException($"marker {key} appears twice:\n{map[key]}\n{line}");
        }
        return map;
    }
}
