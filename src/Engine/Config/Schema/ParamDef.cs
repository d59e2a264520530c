namespace Sluice.Engine.Config.Schema;

/// <summary>
/// One parameter of a module, input, action or object, as rsyslog names it. The schema drives validation,
/// defaults and error messages, so no module parses parameters by hand.
/// </summary>
public sealed record ParamDef(string Name, ParamType Type)
{
    /// <summary>Typed default (bool, long, string, string[]) or null for "unset".</summary>
    public object? Default { get; init; }
    public bool Required { get; init; }
    public long Min { get; init; } = long.MinValue;
    public long Max { get; init; } = long.MaxValue;
    /// <summary>For <see cref="ParamType.Choice"/>: the accepted values.</summary>
    public IReadOnlyList<string>? Allowed { get; init; }
    /// <summary>An rsyslog parameter Sluice knows but does not implement yet: using it is a startup error.</summary>
    public bool NotSupported { get; init; }
}
