using Sluice.Engine.Submit;

namespace Sluice.Engine.Inputs;

/// <summary>A running input instance (one input() statement).</summary>
public interface IInput : IDisposable
{
    /// <summary>The inputname property value (e.g. "imtcp").</summary>
    string Name { get; }

    /// <summary>Opens listeners and starts threads. Startup failures throw (the daemon reports and exits).</summary>
    void Start(IMessageSubmitter submitter);

    /// <summary>
    /// Stops receiving: listeners closed, sessions closed the way a peer close is handled (a partial LF frame
    /// is submitted), every message already received handed to the submitter. Returns when done.
    /// </summary>
    void Stop();
}
