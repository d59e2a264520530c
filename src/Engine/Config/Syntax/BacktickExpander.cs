namespace Sluice.Engine.Config.Syntax;

/// <summary>
/// Backtick strings (lexer.l expand_backticks): `echo …` expands $VARIABLES from the environment,
/// `cat FILE` is replaced by the file's content. Nothing else is run. Cold path.
/// </summary>
public static class BacktickExpander
{
    /// <summary>The value, or null with <paramref name="error"/> set.</summary>
    public static string? Expand(string command, out string? error)
    {
        error = null;
        if (command.StartsWith("echo ", StringComparison.Ordinal)) return ExpandEcho(command["echo ".Length..]);
        if (command.StartsWith("cat ", StringComparison.Ordinal))
        {
            string path = command["cat ".Length..];
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error = $"backtick `cat {path}`: cannot read the file ({e.Message})";
                return null;
            }
        }
        error = $"invalid backtick string `{command}`: only `echo …` and `cat FILE` are supported";
        return null;
    }

    // A variable starts at '$' and ends at white space or '/', which is kept (expand_backticks_echo).
    private static string ExpandEcho(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        var name = new System.Text.StringBuilder();
        bool inVariable = false;
        foreach (char c in text)
        {
            if (inVariable)
            {
                if (SourceText.IsSpace(c) || c == '/')
                {
                    result.Append(Lookup(name));
                    result.Append(c);
                    name.Clear();
                    inVariable = false;
                }
                else
                {
                    name.Append(c);
                }
            }
            else if (c == '$')
            {
                inVariable = true;
            }
            else
            {
                result.Append(c);
            }
        }
        if (inVariable) result.Append(Lookup(name));
        return result.ToString();
    }

    private static string? Lookup(System.Text.StringBuilder name)
        => name.Length == 0 ? null : Environment.GetEnvironmentVariable(name.ToString());
}
