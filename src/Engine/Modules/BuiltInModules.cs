using Sluice.Engine.Inputs.Tcp;
using Sluice.Engine.Modifiers;
using Sluice.Engine.Inputs.Udp;
using Sluice.Engine.Outputs.File;
using Sluice.Engine.Outputs.Forward;
using Sluice.Engine.Outputs.UserMessage;

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
        registry.Register(new Rm1stSpaceModule());
        registry.Register(new Utf8FixModule());
        registry.Register(new JsonParseModule());
        registry.Register(new ForwardOutputModule());
        registry.Register(new UserMessageOutputModule());
        return registry;
    }
}
