using Sluice.Engine.Diagnostics;
using Sluice.Engine.Outputs;
using Sluice.Engine.Queues;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Actions;

/// <summary>
/// One configured action: its output, its settings, its statistics and the state all its workers share
/// (rsyslog's action object, stats origin core.action). The per-worker part of rsyslog's state machine is in
/// <see cref="ActionWorker"/>; retry, suspension and failover live there, never in outputs.
/// </summary>
public sealed class ActionInstance
{
    private long _resumeRetryAt;
    private int _disabled;
    private long _lostAtShutdown;
    private readonly object _filterLock = new();
    private int _nbrNoExec;
    private long _lastOccurrence;
    private long _lastExecution;

    public ActionInstance(int index, string name, string moduleName, OutputInstance output, StatsRegistry stats)
        : this(index, name, moduleName, moduleName, output, null, new ActionSettings(), stats, StderrLog.Instance)
    {
    }

    /// <param name="moduleDisplayName">The module as rsyslog names it in messages ("builtin:omfile").</param>
    /// <param name="template">The action's template (template0 of the error file).</param>
    public ActionInstance(int index, string name, string moduleName, string moduleDisplayName, OutputInstance output,
        Template? template, ActionSettings settings, StatsRegistry stats, IInternalLog log, ActionClock? clock = null)
    {
        Index = index;
        Name = name;
        ModuleName = moduleName;
        ModuleDisplayName = moduleDisplayName;
        Output = output;
        Template = template;
        Settings = settings;
        Log = log;
        Clock = clock ?? ActionClock.System;
        IsDirect = settings.IsDirect;
        ExecOnlyWhenPreviousIsSuspended = settings.ExecOnlyWhenPreviousIsSuspended;
        HasExecutionFilter = settings.HasExecutionFilter;
        _lastOccurrence = Clock.WallNow.ToUnixTimeSeconds();
        if (settings.ErrorFile is { } path)
            ErrorFile = new ErrorFileWriter(path, settings.ErrorFileMaxSize, name, template, log);
        // Registered in rsyslog's order (8.2302): processed, failed, suspended, suspended.duration, resumed.
        var so = stats.Create(name, "core.action");
        Processed = so.Add("processed");
        Failed = so.Add("failed");
        Suspended = so.Add("suspended");
        SuspendedDuration = so.Add("suspended.duration", resettable: false);
        Resumed = so.Add("resumed");
    }

    /// <summary>Position among all actions of the plan (indexes per-worker tables).</summary>
    public int Index { get; }
    /// <summary>action(name=…) or rsyslog's generated "action-N-module".</summary>
    public string Name { get; }
    public string ModuleName { get; }
    public string ModuleDisplayName { get; }
    public OutputInstance Output { get; }
    public Template? Template { get; }
    public ActionSettings Settings { get; }
    public IInternalLog Log { get; }
    public ActionClock Clock { get; }
    /// <summary>Cached from the settings: read per message.</summary>
    public bool IsDirect { get; }
    public bool ExecOnlyWhenPreviousIsSuspended { get; }
    public bool HasExecutionFilter { get; }

    /// <summary>The action's own queue while the engine runs (null for Direct actions).</summary>
    public MessageQueue? Queue { get; set; }

    /// <summary>Processed: every message handed to the action (rsyslog counts at submission, whatever the outcome).</summary>
    public Counter Processed { get; }
    /// <summary>Failed: messages the action lost (discarded while suspended, retries used up, permanent errors).</summary>
    public Counter Failed { get; }
    /// <summary>Suspended: how often the action went into suspension.</summary>
    public Counter Suspended { get; }
    /// <summary>suspended.duration: seconds of suspension (sum of the durations set).</summary>
    public Counter SuspendedDuration { get; }
    /// <summary>Resumed: successful resume attempts.</summary>
    public Counter Resumed { get; }

    internal ErrorFileWriter? ErrorFile { get; }

    /// <summary>When a suspended action may be tried again (on <see cref="Clock"/>; shared by all workers, as in rsyslog).</summary>
    internal long ResumeRetryAt
    {
        get => Volatile.Read(ref _resumeRetryAt);
        set => Volatile.Write(ref _resumeRetryAt, value);
    }

    public bool IsDisabled => Volatile.Read(ref _disabled) != 0;

    /// <summary>
    /// action.execOnlyEveryNthTime(Timeout) and action.execOnlyOnceEveryInterval, as rsyslog's actionWriteToAction
    /// applies them (whole seconds of the wall clock, under the action's lock): false = skip this message.
    /// </summary>
    public bool PassesExecutionFilter()
    {
        lock (_filterLock)
        {
            long now = Clock.WallNow.ToUnixTimeSeconds();
            if (_lastExecution > now) _lastExecution = 0; // the clock went back
            int nth = Settings.ExecOnlyEveryNthTime;
            if (nth > 1)
            {
                int timeout = Settings.ExecOnlyEveryNthTimeTimeout;
                if (timeout > 0 && now - _lastOccurrence > timeout)
                {
                    _nbrNoExec = 0;
                    _lastOccurrence = now;
                }
                if (_nbrNoExec < nth - 1)
                {
                    _nbrNoExec++;
                    return false;
                }
                _nbrNoExec = 0;
            }
            int interval = Settings.ExecOnlyOnceEveryInterval;
            if (interval > 0 && interval + _lastExecution > now) return false;
            _lastExecution = now;
            return true;
        }
    }

    /// <summary>Messages of this Direct action that shutdown cut off while it was retrying (also counted in failed).</summary>
    public long LostAtShutdown => Interlocked.Read(ref _lostAtShutdown);

    internal void NoteLostAtShutdown(int n)
    {
        Interlocked.Add(ref _lostAtShutdown, n);
        Failed.Add(n);
    }

    /// <summary>Shutdown: closes action.errorfile if it was opened.</summary>
    public void CloseErrorFile() => ErrorFile?.Close();

    /// <summary>Turns the action off for good (the output reported it cannot work).</summary>
    internal void Disable()
    {
        if (Interlocked.Exchange(ref _disabled, 1) == 0) Log.Error(ActionMessages.Disabled(this));
    }
}
