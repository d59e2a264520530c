using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Syntax;

namespace Sluice.Engine.Config;

/// <summary>Reads a config file (or a text with a name) into its AST. Binding is PlanBuilder's job.</summary>
public static class ConfigLoader
{
    /// <summary>Parses a file and the files it includes; an unreadable main file is a <see cref="ConfigException"/>.</summary>
    public static ConfigDocument LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigException(new SourceLocation(path, 0, 0), $"cannot read the configuration file: {e.Message}");
        }
        var includes = new Includes.IncludeExpander();
        includes.EnterFile(path);
        return Parser.Parse(SourceText.From(path, text), includes);
    }

    /// <summary>Parses config text; <paramref name="name"/> is used as the file name in locations.</summary>
    public static ConfigDocument LoadText(string text, string name) => Parser.Parse(SourceText.From(name, text));
}
