using Sluice.Engine.Config;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>
/// What compiling an expression needs from the configuration, and where its problems go. Errors are collected (not
/// thrown) so that `sluiced -N1` can report all of them; <see cref="ThrowIfErrors"/> turns them into one
/// <see cref="ConfigException"/>.
/// </summary>
public sealed class ExpressionBindContext
{
    public ExpressionBindContext(TemplateRegistry? templates = null) => Templates = templates;

    /// <summary>For exec_template(); null when templates are not available (exec_template() is then an error).</summary>
    public TemplateRegistry? Templates { get; }

    /// <summary>Looks up environment variables for getenv() with a constant name (resolved once, at bind time).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The lookup_table()s defined so far, for lookup(); null when there are none to use.</summary>
    public Lookup.LookupTableRegistry? LookupTables { get; init; }

    public List<ConfigError> Errors { get; } = new();

    public void Error(SourceLocation location, string message) => Errors.Add(new ConfigError(location, message));

    public void ThrowIfErrors()
    {
        if (Errors.Count > 0) throw new ConfigException(Errors.ToArray());
    }
}
