namespace Sluice.Engine.Config;

/// <summary>One problem in the configuration, with where it is.</summary>
public sealed record ConfigError(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>
/// The configuration is not usable. Carries every error found (the front end keeps going after the first
/// one so that `sluiced -N1` reports them all).
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public ConfigException(SourceLocation location, string message)
        : this(new[] { new ConfigError(location, message) })
    {
    }

    public IReadOnlyList<ConfigError> Errors { get; }
}
