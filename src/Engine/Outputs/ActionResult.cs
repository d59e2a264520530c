namespace Sluice.Engine.Outputs;

/// <summary>What an output reports; the action runtime (not the output) decides about retry and suspension.</summary>
public enum ActionResult
{
    Ok,
    /// <summary>Temporarily unable (peer down, disk full): the runtime suspends and retries.</summary>
    Suspended,
    /// <summary>This message cannot be processed (e.g. a dynaFile path that is invalid); it is counted and dropped.</summary>
    DataFail,
    /// <summary>The action cannot work at all and is disabled.</summary>
    Disabled,
}
