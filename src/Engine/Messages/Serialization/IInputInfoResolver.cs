namespace Sluice.Engine.Messages.Serialization;

/// <summary>
/// Re-binds a message read back from disk to an <see cref="InputInfo"/>: the spool stores the input's name, its
/// ruleset's name and its parse-hostname flag, not the object. The runtime can answer with its live listeners'
/// objects (their ruleset already bound); <see cref="InputInfoCache"/> is the default. Called per message read, so
/// an implementation must not allocate for inputs it has seen before.
/// </summary>
public interface IInputInfoResolver
{
    /// <param name="inputName">The `inputname` property, UTF-8.</param>
    /// <param name="rulesetName">The bound ruleset's name, UTF-8; ignored when <paramref name="hasRuleset"/> is false (the default ruleset).</param>
    InputInfo Resolve(ReadOnlySpan<byte> inputName, ReadOnlySpan<byte> rulesetName, bool hasRuleset, bool parseHostname);
}
