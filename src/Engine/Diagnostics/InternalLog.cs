namespace Sluice.Engine.Diagnostics;

public enum LogLevel { Error = 3, Warning = 4, Notice = 5, Info = 6, Debug = 7 }

/// <summary>
/// The daemon's own messages (rsyslog's LogError/LogMsg): written to stderr when running in the foreground
/// and handed to the engine as syslog messages (facility syslog, tag "rsyslogd:") so that rules route them
/// like rsyslog's internal messages. Cold path: strings are fine here.
/// </summary>
public interface IInternalLog
{
    void Log(LogLevel level, string text);
}

public static class InternalLogExtensions
{
    public static void Error(this IInternalLog log, string text) => log.Log(LogLevel.Error, text);
    public static void Warning(this IInternalLog log, string text) => log.Log(LogLevel.Warning, text);
    public static void Info(this IInternalLog log, string text) => log.Log(LogLevel.Info, text);
}

/// <summary>Writes to stderr only; used before the engine runs and in tests.</summary>
public sealed class StderrLog : IInternalLog
{
    public static readonly StderrLog Instance = new();
    private readonly object _lock = new();

    public void Log(LogLevel level, string text)
    {
        lock (_lock) Console.Error.WriteLine($"sluiced: {text}");
    }
}

/// <summary>Keeps every line; for tests that assert what was logged.</summary>
public sealed class RecordingLog : IInternalLog
{
    private readonly List<(LogLevel Level, string Text)> _lines = new();

    public void Log(LogLevel level, string text)
    {
        lock (_lines) _lines.Add((level, text));
    }

    public IReadOnlyList<(LogLevel Level, string Text)> Lines
    {
        get { lock (_lines) return _lines.ToArray(); }
    }

    public bool Contains(string fragment)
    {
        lock (_lines)
            foreach (var l in _lines)
                if (l.Text.Contains(fragment, StringComparison.Ordinal)) return true;
        return false;
    }
}
