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
    public const string ErrorFile = "action.errorfile";
    public const string ErrorFileMaxSize = "action.errorfile.maxsize";
    public const string ExecOnlyWhenPreviousIsSuspended = "action.execOnlyWhenPreviousIsSuspended";
    public const string ResumeRetryCount = "action.resumeRetryCount";
    public const string ReportSuspension = "action.reportSuspension";
    public const string ReportSuspensionContinuation = "action.reportSuspensionContinuation";
    public const string ResumeInterval = "action.resumeInterval";
    public const string ResumeIntervalMax = "action.resumeIntervalMax";
    public const string ExecOnlyEveryNthTime = "action.execOnlyEveryNthTime";
    public const string ExecOnlyEveryNthTimeTimeout = "action.execOnlyEveryNthTimeTimeout";
    public const string ExecOnlyOnceEveryInterval = "action.execOnlyOnceEveryInterval";
    public const string CopyMsg = "action.copyMsg";

    private static readonly string[] NotSupportedNames =
    {
        "action.writeAllMarkMessages", "action.repeatedMsgContainsOriginalMsg", "action.externalState.file",
        "action.ratelimit.name",
    };

    public static readonly ParamSchema Schema = new(Definitions());

    private static IEnumerable<ParamDef> Definitions()
    {
        yield return new ParamDef(Name, ParamType.String);
        yield return new ParamDef(Type, ParamType.String) { Required = true };
        // In rsyslog each output module declares "template"; Sluice handles it once for all.
        yield return new ParamDef(Template, ParamType.String);
        yield return new ParamDef(ErrorFile, ParamType.String);
        yield return new ParamDef(CopyMsg, ParamType.Binary);
        // rsyslog types it as a plain integer (no size suffixes).
        yield return new ParamDef(ErrorFileMaxSize, ParamType.Integer) { Min = 0 };
        yield return new ParamDef(ExecOnlyWhenPreviousIsSuspended, ParamType.Binary);
        yield return new ParamDef(ResumeRetryCount, ParamType.Integer) { Min = -1, Max = int.MaxValue };
        yield return new ParamDef(ReportSuspension, ParamType.Binary);
        yield return new ParamDef(ReportSuspensionContinuation, ParamType.Binary);
        // Seconds. rsyslog accepts 0 (no sleep between retries).
        yield return new ParamDef(ResumeInterval, ParamType.Integer) { Min = 0, Max = int.MaxValue / 1000 };
        yield return new ParamDef(ResumeIntervalMax, ParamType.Integer) { Min = 1, Max = int.MaxValue / 1000 };
        yield return new ParamDef(ExecOnlyEveryNthTime, ParamType.Integer) { Min = 0, Max = int.MaxValue };
        yield return new ParamDef(ExecOnlyEveryNthTimeTimeout, ParamType.Integer) { Min = 0, Max = int.MaxValue };
        yield return new ParamDef(ExecOnlyOnceEveryInterval, ParamType.Integer) { Min = 0, Max = int.MaxValue };
        foreach (var name in NotSupportedNames) yield return new ParamDef(name, ParamType.String) { NotSupported = true };
        foreach (var def in QueueParams.ActionDefinitions()) yield return def;
    }
}
