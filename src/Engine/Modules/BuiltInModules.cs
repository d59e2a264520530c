using Sluice.Engine.Inputs.Tcp;
using Sluice.Engine.Inputs.Udp;
using Sluice.Engine.Outputs.File;

namespace Sluice.Engine.Modules;

/// <summary>The modules compiled into sluiced (what `sluiced -v` lists).</summary>
public static class BuiltInModules
{
    public static ModuleRegistry CreateRegistry()
    {
        var registry = new ModuleRegistry();
        registry.Register(new TcpInputModule());
        registry.Register(new UdpInputModule());
        registry.Register(new FileOutputModule());
        return registry;
    }
}
