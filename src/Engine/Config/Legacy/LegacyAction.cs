namespace Sluice.Engine.Config.Legacy;

public enum LegacyActionKind
{
    /// <summary>"/path" or "-/path" (omfile), optionally ";Template"; "?PathTemplate" / "-?PathTemplate" for a dynaFile.</summary>
    File,
    /// <summary>"~": discard, which rsyslog runs as "stop".</summary>
    Discard,
    /// <summary>Valid rsyslog syntax Sluice does not implement yet (<see cref="LegacyAction.Message"/> says which).</summary>
    NotSupported,
    /// <summary>Malformed (<see cref="LegacyAction.Message"/> says why).</summary>
    Invalid,
}

/// <summary>
/// A legacy action line decoded the way rsyslog's output modules' parseSelectorAct do it (tools/omfile.c,
/// runtime/conf.c cflineParseFileName / cflineParseTemplateName).
/// </summary>
public sealed record LegacyAction(LegacyActionKind Kind)
{
    public string? Path { get; init; }
    /// <summary>False for "-/path" (no sync after each write).</summary>
    public bool Sync { get; init; }
    /// <summary>"?Name": <see cref="Path"/> is the name of the template that makes the file name (omfile's dynaFile).</summary>
    public bool DynaFile { get; init; }
    /// <summary>";Name"; null means the module's default template.</summary>
    public string? Template { get; init; }
    /// <summary>Offsets in the line, for error locations.</summary>
    public int PathOffset { get; init; }
    public int TemplateOffset { get; init; }
    public int MessageOffset { get; init; }
    public string? Message { get; init; }

    public static LegacyAction Parse(string line)
    {
        int p = 0;
        if (line.StartsWith(":omfile:", StringComparison.Ordinal)) p = ":omfile:".Length;
        char first = p < line.Length ? line[p] : '\0';
        switch (first)
        {
            case '~':
                return IsBlankOrComment(line, p + 1)
                    ? new LegacyAction(LegacyActionKind.Discard)
                    : Invalid(p + 1, $"unexpected text after '~': '{line[(p + 1)..].Trim()}'");
            case '$':
                return NotSupported(p, "legacy output channels ('$channel' actions) are not supported yet");
            case '?':
                return ParseFile(line, p + 1, sync: true) with { DynaFile = true };
            case '/':
            case '.':
                return ParseFile(line, p, sync: true);
            case '-':
                char next = p + 1 < line.Length ? line[p + 1] : '\0';
                if (next is '/' or '.') return ParseFile(line, p + 1, sync: false);
                if (next == '?') return ParseFile(line, p + 2, sync: false) with { DynaFile = true };
                if (next == '$') return NotSupported(p, "legacy output channels ('$channel' actions) are not supported yet");
                return Invalid(p, $"legacy action '{line}' is not understood");
        }
        if (p > 0) return Invalid(p, $"legacy action '{line}' is not understood");
        return NotSupported(0, Describe(line) + " is not supported yet");
    }

    private static LegacyAction ParseFile(string line, int p, bool sync)
    {
        // cflineParseFileName: the name ends at ';' or a space (not at a tab).
        int start = p;
        while (p < line.Length && line[p] is not (';' or ' ')) p++;
        string path = line[start..p];
        if (path.Length == 0) return Invalid(start, "a file name or, after '?', a template name is missing");
        p = SkipSpace(line, p);
        string? template = null;
        int templateOffset = 0;
        if (p < line.Length && line[p] != '#')
        {
            if (line[p] != ';') return Invalid(p, "invalid character in selector line - ';template' expected");
            p = SkipSpace(line, p + 1);
            if (p < line.Length && line[p] != '#')
            {
                templateOffset = p;
                while (p < line.Length && line[p] != '#' && !char.IsWhiteSpace(line[p])) p++;
                template = line[templateOffset..p];
                // rsyslog ignores anything after the name; Sluice says so instead.
                if (!IsBlankOrComment(line, p))
                    return Invalid(SkipSpace(line, p), $"unexpected text after the template name: '{line[SkipSpace(line, p)..]}'");
            }
        }
        return new LegacyAction(LegacyActionKind.File)
        {
            Path = path, Sync = sync, Template = template, PathOffset = start, TemplateOffset = templateOffset,
        };
    }

    private static string Describe(string line) => line[0] switch
    {
        '@' => line.StartsWith("@@", StringComparison.Ordinal)
            ? "forwarding over TCP ('@@host' legacy action)"
            : "forwarding over UDP ('@host' legacy action)",
        '|' => "writing to a named pipe ('|pipe' legacy action, ompipe)",
        '^' => "running a program ('^program' legacy action, omshell)",
        '>' => "database output ('>' legacy action, ommysql)",
        '*' => "messages to all logged-in users ('*' legacy action, omusrmsg)",
        ':' => $"the legacy module action '{line.Split(':', 3)[1]}' (':{line.Split(':', 3)[1]}:')",
        _ => $"messages to users ('{line}' legacy action, omusrmsg)",
    };

    private static LegacyAction NotSupported(int offset, string message)
        => new(LegacyActionKind.NotSupported) { Message = message, MessageOffset = offset };

    private static LegacyAction Invalid(int offset, string message)
        => new(LegacyActionKind.Invalid) { Message = message, MessageOffset = offset };

    private static int SkipSpace(string s, int p)
    {
        while (p < s.Length && char.IsWhiteSpace(s[p])) p++;
        return p;
    }

    private static bool IsBlankOrComment(string s, int p)
    {
        p = SkipSpace(s, p);
        return p == s.Length || s[p] == '#';
    }
}
