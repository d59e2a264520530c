using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Objects;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Modules;
using Sluice.Engine.Outputs.Forward;

namespace Sluice.Engine.Runtime;

public sealed partial class PlanBuilder
{
    /// <summary>"@host[:port]", "@@host", "@@(o)host", "@@(z9)host:port;Template": an omfwd action (the registry has omfwd).</summary>
    private void BindLegacyForward(LegacyActionNode node, List<Scripting.Statement> into)
    {
        var text = node.Text;
        var legacy = LegacyForwardAction.Parse(text.Value);
        if (legacy.Error is not null)
        {
            Error(text.LocationAt(legacy.ErrorOffset), legacy.Error);
            return;
        }
        var omfwd = (OutputModuleDefinition)_modules.Find("omfwd")!;
        int errorsBefore = _errors.Count;
        var set = new ParamSet(omfwd.InstanceParams, node.Location);
        set.Set("target", legacy.Target, text.LocationAt(legacy.TargetOffset));
        if (legacy.Port is not null) set.Set("port", legacy.Port, text.LocationAt(legacy.PortOffset));
        set.Set("protocol", legacy.Tcp ? "tcp" : "udp", node.Location);
        if (legacy.OctetCounted) set.Set("tcp_framing", "octet-counted", text.LocationAt(legacy.OptionsOffset));
        if (legacy.ZipLevel is int level) set.Set("zipLevel", (long)level, text.LocationAt(legacy.OptionsOffset));
        if (legacy.Template is not null) set.Set(ActionParams.Template, legacy.Template, text.LocationAt(legacy.TemplateOffset));

        var moduleParams = ModuleParamsFor(omfwd);
        var template = legacy.Template is not null
            ? ResolveTemplate(legacy.Template, text.LocationAt(legacy.TemplateOffset), null)
            : ResolveTemplate(DefaultTemplateFor(omfwd, moduleParams), node.Location, omfwd.Name);
        if (template is null || _errors.Count != errorsBefore) return;
        // The $Action… directives before the line set up its queue (the classic "$ActionQueueFileName … @@host" DA setup).
        var (legacySettings, legacyName) = TakeLegacyActionSetup(node.Location);
        var action = MakeAction(omfwd, moduleParams, set, template, legacyName, legacySettings);
        if (action is not null) into.Add(new Scripting.ActionStatement(action));
    }
}
