using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Config.Objects;

/// <summary>
/// The parameters every action() has, whatever its module (rsyslog action.c cnfparamdescr plus the queue.*
/// set). The module's own parameters are checked against its schema.
/// </summary>
public static class ActionParams
{
    public const string Name = "name";
    public const string Type = "type";
    public const string Template = "template";

    private static readonly string[] NotSupportedNames =
    {
        "action.errorfile", "action.errorfile.maxsize", "action.writeAllMarkMessages", "action.execOnlyEveryNthTime",
        "action.execOnlyEveryNthTimeTimeout", "action.execOnlyOnceEveryInterval",
        "action.execOnlyWhenPreviousIsSuspended", "action.repeatedMsgContainsOriginalMsg", "action.resumeRetryCount",
        "action.reportSuspension", "action.reportSuspensionContinuation", "action.resumeInterval",
        "action.resumeIntervalMax", "action.externalState.file", "action.ratelimit.name", "action.copyMsg",
    };

    public static readonly ParamSchema Schema = new(Definitions());

    private static IEnumerable<ParamDef> Definitions()
    {
        yield return new ParamDef(Name, ParamType.String);
        yield return new ParamDef(Type, ParamType.String) { Required = true };
        // In rsyslog each output module declares "template"; Sluice handles it once for all.
        yield return new ParamDef(Template, ParamType.String);
        foreach (var name in NotSupportedNames) yield return new ParamDef(name, ParamType.String) { NotSupported = true };
        foreach (var def in QueueParams.ActionDefinitions()) yield return def;
    }
}
