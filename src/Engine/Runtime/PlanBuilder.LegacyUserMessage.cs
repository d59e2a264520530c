using Sluice.Engine.Config.Ast;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Modules;
using Sluice.Engine.Outputs.UserMessage;

namespace Sluice.Engine.Runtime;

public sealed partial class PlanBuilder
{
    /// <summary>":omusrmsg:*", ":omusrmsg:user1,user2", "*", "user1,user2" (omusrmsg.c parseSelectorAct).</summary>
    private void BindLegacyUserMessage(LegacyActionNode node, List<Scripting.Statement> into)
    {
        var text = node.Text;
        var legacy = LegacyUserMessageAction.Parse(text.Value);
        if (legacy.Error is not null)
        {
            Error(text.LocationAt(legacy.ErrorOffset), legacy.Error);
            return;
        }
        if (legacy.Outdated)
        {
            string p = text.Value;
            _services.Log.Warning($"{node.Location}: action '{p}' treated as ':omusrmsg:{p}' - please use ':omusrmsg:{p}' syntax instead, '{p}' will not be supported in the future");
        }
        var omusrmsg = (OutputModuleDefinition)_modules.Find("omusrmsg")!;
        // The users warnings come from UserMessageOutputModule.CreateOutput, located at the user list.
        int errorsBefore = _errors.Count;
        var set = new ParamSet(omusrmsg.InstanceParams, node.Location);
        set.Set(UserMessageOutputModule.UsersParam, legacy.Users, text.LocationAt(legacy.UsersOffset));
        var moduleParams = ModuleParamsFor(omusrmsg);
        var template = legacy.Template is not null
            ? ResolveTemplate(legacy.Template, text.LocationAt(legacy.TemplateOffset), null)
            : ResolveTemplate(DefaultTemplateFor(omusrmsg, moduleParams, set), node.Location, omusrmsg.Name);
        if (template is null || _errors.Count != errorsBefore) return;
        var (legacySettings, legacyName) = TakeLegacyActionSetup(node.Location);
        var action = MakeAction(omusrmsg, moduleParams, set, template, legacyName, legacySettings);
        if (action is not null) into.Add(new Scripting.ActionStatement(action));
    }
}
