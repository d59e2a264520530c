using Sluice.Engine.Outputs;
using Sluice.Engine.Stats;

namespace Sluice.Engine.Actions;

/// <summary>
/// One configured action: its output and its statistics (rsyslog's action object, origin core.action).
/// Queue modes, retry, suspension and failover live here (the action runtime), never in outputs.
/// </summary>
public sealed class ActionInstance
{
    public ActionInstance(int index, string name, string moduleName, OutputInstance output, StatsRegistry stats)
    {
        Index = index;
        Name = name;
        ModuleName = moduleName;
        Output = output;
        var so = stats.Create(name, "core.action");
        Processed = so.Add("processed");
        Failed = so.Add("failed");
        Suspended = so.Add("suspended");
        SuspendedDuration = so.Add("suspended.duration", resettable: false);
        Resumed = so.Add("resumed");
    }

    /// <summary>Position among all actions of the plan (indexes per-worker transaction tables).</summary>
    public int Index { get; }
    /// <summary>action(name=…) or rsyslog's generated "action-N-module".</summary>
    public string Name { get; }
    public string ModuleName { get; }
    public OutputInstance Output { get; }

    public Counter Processed { get; }
    public Counter Failed { get; }
    public Counter Suspended { get; }
    public Counter SuspendedDuration { get; }
    public Counter Resumed { get; }
}
