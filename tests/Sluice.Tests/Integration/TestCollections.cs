namespace Sluice.Tests.Integration;

/// <summary>
/// Tests that start daemons run one at a time: each of them loads the 2-core machine on its own, and running them
/// together would only make every one of them slower and noisier.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DaemonCollection
{
    public const string Name = "Daemon processes";
}
