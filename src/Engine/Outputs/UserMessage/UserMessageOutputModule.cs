using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;
using Sluice.Engine.Templates;
using Sluice.Engine.Templates.BuiltIn;

namespace Sluice.Engine.Outputs.UserMessage;

/// <summary>
/// omusrmsg, rsyslog's built-in "send to logged-in users" output: action(type="omusrmsg" users="root,admin") or
/// users="*" for everyone (wall). Parameters as in omusrmsg.c's table: users (required) and the generic template.
/// </summary>
public sealed class UserMessageOutputModule : OutputModuleDefinition
{
    public const string UsersParam = "users";

    public override string Name => "omusrmsg";
    public override bool IsBuiltIn => true;

    public override ParamSchema InstanceParams { get; } = new(new[]
    {
        new ParamDef(UsersParam, ParamType.String) { Required = true },
    });

    /// <summary>omusrmsg has no module parameters; the default for a user list is " StdUsrMsgFmt".</summary>
    public override string DefaultTemplate(ParamSet moduleParams, EngineServices services) => BuiltInTemplates.StdUserMessageFormat;

    /// <summary>newActInst: " WallFmt" when users="*", else " StdUsrMsgFmt".</summary>
    public override string DefaultTemplate(ParamSet moduleParams, ParamSet actionParams, EngineServices services) =>
        actionParams.GetString(UsersParam) == "*" ? BuiltInTemplates.WallFormat : BuiltInTemplates.StdUserMessageFormat;

    public override OutputInstance CreateOutput(ParamSet moduleParams, ParamSet actionParams, Template template, EngineServices services)
    {
        string users = actionParams.GetString(UsersParam)
            ?? throw new ConfigException(actionParams.LocationOf(UsersParam), "omusrmsg: parameter 'users' is required");
        var recipients = Recipients.Parse(users);
        // rsyslog logs these and keeps the action with the names that were valid.
        foreach (var warning in recipients.Warnings) services.Log.Warning($"{actionParams.LocationOf(UsersParam)}: {warning}");
        return new UserMessageOutput(recipients, template, UtmpLocation.Path);
    }
}
