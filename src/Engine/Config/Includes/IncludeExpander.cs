using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Config.Syntax;

namespace Sluice.Engine.Config.Includes;

/// <summary>
/// Resolves include(file=… | text=…, mode=…) and $IncludeConfig while a config is parsed, as rsyslog's
/// cnfDoInclude (rainerscript.c) does: a directory stands for its files ("dir" becomes the pattern "dir*",
/// "dir/" becomes "dir/*"), wildcards are expanded in sorted order, directories among the matches are included
/// recursively, and each file's items are spliced in where the include stands. Every item keeps the location in
/// its own file. A file that includes itself, directly or not, is an error (rsyslog's text); so is nesting
/// deeper than <see cref="MaxDepth"/>.
/// Behaviour checked against rsyslogd 8.2302: a missing file is an error unless mode="optional"; a wildcard that
/// matches nothing is silent in every mode (glibc's GLOB_NOMAGIC); a relative path is taken from the current
/// directory. rsyslogd reports a missing "required" file and starts anyway; Sluice, like for every config error,
/// does not start (so "required" and "abort-if-missing" behave the same).
/// </summary>
public sealed class IncludeExpander
{
    public const int MaxDepth = 32;

    public const string ModeAbortIfMissing = "abort-if-missing";
    public const string ModeRequired = "required";
    public const string ModeOptional = "optional";

    private static readonly ParamSchema Schema = new(new[]
    {
        new ParamDef("file", ParamType.String),
        new ParamDef("text", ParamType.String),
        new ParamDef("mode", ParamType.Choice) { Allowed = new[] { ModeAbortIfMissing, ModeRequired, ModeOptional }, Default = ModeRequired },
    });

    /// <summary>The files being parsed, outermost first (full paths).</summary>
    private readonly List<string> _open = new();
    private int _depth;

    /// <summary>Where relative include paths start; the process's current directory, as in rsyslog.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Marks <paramref name="path"/> as being parsed (the main config file), for cycle detection.</summary>
    public void EnterFile(string path) => _open.Add(FullPath(path));

    /// <summary>The items of an include() object.</summary>
    public List<ConfigItem> Include(IncludeNode node, List<ConfigError> errors)
    {
        var items = new List<ConfigItem>();
        var set = ParamBinder.Bind(Schema, node.Parameters, node.Location, "include()", errors);
        bool hasFile = set.IsSet("file"), hasText = set.IsSet("text");
        if (hasFile == hasText)
        {
            // rsyslog's texts ("… - ignored": the include does nothing).
            errors.Add(new ConfigError(node.Location, hasFile
                ? "include() must have either 'file' or 'text' parameter, but both are set"
                : "include() must have either 'file' or 'text' parameter"));
            return items;
        }
        if (hasText)
        {
            var at = set.LocationOf("text");
            // The text has no file of its own: its locations name the include() they come from.
            string name = $"{at.File}:{at.Line}:{at.Column} include(text=…)";
            ParseInto(SourceText.From(name, set.GetString("text")!), items, errors, node.Location);
            return items;
        }
        // rsyslogd 8.2302 without mode=: the missing-file error without the abort message, i.e. "required".
        string mode = set.GetString("mode") ?? ModeRequired;
        Expand(set.GetString("file")!, mode == ModeOptional, mode, set.LocationOf("file"), items, errors);
        return items;
    }

    /// <summary>The items of a "$IncludeConfig path" line (never optional in rsyslog).</summary>
    public List<ConfigItem> IncludeConfig(DirectiveNode d, List<ConfigError> errors)
    {
        var items = new List<ConfigItem>();
        string args = d.Arguments.Value;
        int start = 0;
        while (start < args.Length && char.IsWhiteSpace(args[start])) start++;
        int end = start;
        while (end < args.Length && !char.IsWhiteSpace(args[end])) end++;
        if (start == end)
        {
            errors.Add(new ConfigError(d.Location, "$IncludeConfig needs a file, directory or wildcard pattern"));
            return items;
        }
        int rest = end;
        while (rest < args.Length && char.IsWhiteSpace(args[rest])) rest++;
        if (rest < args.Length && args[rest] != '#')
        {
            errors.Add(new ConfigError(d.Arguments.LocationAt(rest), $"$IncludeConfig: unexpected text after the file name: '{args[rest..]}'"));
            return items;
        }
        Expand(args[start..end], optional: false, ModeRequired, d.Arguments.LocationAt(start), items, errors);
        return items;
    }

    private void Expand(string name, bool optional, string mode, SourceLocation at, List<ConfigItem> items, List<ConfigError> errors)
    {
        // rsyslog appends '*' to a directory's name as written: "dir" matches "dir/" (and "dir.conf"!), "dir/" its files.
        string pattern = Directory.Exists(Resolve(name)) ? name + "*" : name;
        foreach (var path in GlobPattern.Expand(Resolve(pattern)))
        {
            string shown = Shown(path, relative: !Path.IsPathRooted(name));
            if (File.Exists(path))
            {
                IncludeFile(path, shown, at, items, errors);
            }
            else if (Directory.Exists(path))
            {
                Expand(shown.EndsWith('/') ? shown : shown + "/", optional, mode, at, items, errors);
            }
            else
            {
                if (optional) return;
                errors.Add(new ConfigError(at, $"error accessing config file or directory '{shown}' [cwd: {WorkingDirectory}]: No such file or directory"
                    + (mode == ModeAbortIfMissing ? " (include mode \"abort-if-missing\")" : "")));
                return; // rsyslog stops this include at the first failure
            }
        }
    }

    /// <summary>A path as the user wrote it: relative to the working directory when the include was relative.</summary>
    private string Shown(string path, bool relative)
    {
        if (!relative) return path;
        string prefix = WorkingDirectory.EndsWith('/') ? WorkingDirectory : WorkingDirectory + "/";
        return path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;
    }

    private void IncludeFile(string path, string shown, SourceLocation at, List<ConfigItem> items, List<ConfigError> errors)
    {
        string full = FullPath(path);
        if (_open.Contains(full))
        {
            errors.Add(new ConfigError(at, $"trying to include file '{shown}', which is already included"));
            return;
        }
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ConfigError(at, $"error accessing config file or directory '{shown}': {e.Message}"));
            return;
        }
        _open.Add(full);
        try
        {
            ParseInto(SourceText.From(shown, text), items, errors, at);
        }
        finally
        {
            _open.RemoveAt(_open.Count - 1);
        }
    }

    private void ParseInto(SourceText source, List<ConfigItem> items, List<ConfigError> errors, SourceLocation at)
    {
        if (_depth >= MaxDepth)
        {
            errors.Add(new ConfigError(at, $"includes are nested more than {MaxDepth} levels deep"));
            return;
        }
        _depth++;
        try
        {
            var document = Parser.Parse(source, this);
            items.AddRange(document.Items);
            errors.AddRange(document.Errors);
        }
        finally
        {
            _depth--;
        }
    }

    private string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(WorkingDirectory, path);

    private string FullPath(string path) => Path.GetFullPath(Resolve(path));
}
