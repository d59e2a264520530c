using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Runtime;

/// <summary>What modules get from the engine when they are created.</summary>
public sealed class EngineServices
{
    public EngineServices(GlobalSettings globals, IInternalLog log, MessagePool messagePool, StatsRegistry stats, TemplateRegistry templates)
    {
        Globals = globals;
        Log = log;
        MessagePool = messagePool;
        Stats = stats;
        Templates = templates;
    }

    public GlobalSettings Globals { get; set; }
    public IInternalLog Log { get; }
    public MessagePool MessagePool { get; }
    public StatsRegistry Stats { get; }
    public TemplateRegistry Templates { get; }
}
