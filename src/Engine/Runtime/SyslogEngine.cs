using System.Text;
using Sluice.Engine.Actions;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Queues;
using Sluice.Engine.Submit;

namespace Sluice.Engine.Runtime;

/// <summary>
/// A running plan: main queue, its workers, the action queues, the inputs feeding it and a once-a-second
/// housekeeping tick. Start order is outputs → action queues → main workers → inputs; stop order is inputs →
/// drain the main queue → drain the action queues → flush outputs, so nothing an input accepted is lost at a
/// clean shutdown unless an action cannot take it within its queue's shutdown timeouts.
/// </summary>
public sealed class SyslogEngine : IDisposable
{
    private readonly RuntimePlan _plan;
    private readonly EngineServices _services;
    private readonly EngineLog _log;
    private MessageQueue? _queue;
    private QueueWorkerPool? _workers;
    private readonly List<ActionQueue> _actionQueues = new();
    private readonly List<RulesetQueue> _rulesetQueues = new();
    private readonly List<RepeatedMessageReducer> _reducers = new();
    private Thread? _timer;
    private readonly ManualResetEventSlim _stopTimer = new();
    private bool _started;
    private bool _stopped;

    public SyslogEngine(RuntimePlan plan, EngineServices services, EngineLog log)
    {
        _plan = plan;
        _services = services;
        _log = log;
    }

    public MessageQueue MainQueue => _queue ?? throw new InvalidOperationException("engine not started");

    public static string ResolveLocalHostName(GlobalSettings globals)
    {
        if (!string.IsNullOrEmpty(globals.LocalHostName)) return globals.LocalHostName;
        string name = System.Net.Dns.GetHostName();
        // rsyslog strips the domain unless preserveFQDN is on.
        if (!globals.PreserveFqdn)
        {
            int dot = name.IndexOf('.');
            if (dot > 0) name = name[..dot];
        }
        return name;
    }

    public void Start()
    {
        if (_started) throw new InvalidOperationException("engine already started");
        _started = true;
        string localHost = ResolveLocalHostName(_plan.Globals);

        byte[] localHostBytes = Encoding.UTF8.GetBytes(localHost);
        // Disk and disk-assisted queues: files under queue.spoolDirectory or the global workDirectory; messages
        // read back are re-bound to their input (and ruleset) by name.
        var queueEnv = new QueueEnvironment(_plan.Globals.WorkDirectory, _services.MessagePool,
            new Messages.Serialization.MessageReadContext(), _services.Stats, _log);
        foreach (var a in _plan.Actions)
        {
            if (a.IsDirect) continue;
            var aq = new ActionQueue(a, localHostBytes, queueEnv);
            aq.Start();
            _actionQueues.Add(aq);
        }

        _queue = QueueFactory.Create("main Q", _plan.MainQueue, queueEnv);
        var runner = new RulesetRunner(_plan, localHostBytes) { KeepCutOffBatches = _queue.HasStore };
        _workers = new QueueWorkerPool(_queue, runner, _log);
        var submitter = new Submitter(_queue, _plan.Globals);
        // Rulesets with their own queue run on their own workers; inputs bound to them submit there.
        foreach (var ruleset in _plan.Rulesets.Values)
        {
            if (ruleset.QueueSettings is null) continue;
            var rq = new RulesetQueue(ruleset, _plan, localHostBytes, _services, queueEnv, _log);
            rq.Start();
            _rulesetQueues.Add(rq);
        }
        IMessageSubmitter inputSubmitter = _rulesetQueues.Count == 0 ? submitter : new RulesetSubmitter(_plan, submitter);
        _workers.Start();
        _log.Attach(submitter, _services.MessagePool, localHost);

        _timer = new Thread(TimerLoop) { Name = "housekeeping", IsBackground = true };
        _timer.Start();

        foreach (var input in _plan.Inputs)
        {
            if (!_plan.Globals.ReduceRepeatMessages)
            {
                input.Start(inputSubmitter);
                continue;
            }
            // $RepeatedMsgReduction: one reducer per input, as rsyslog has one per listener.
            var reducer = new RepeatedMessageReducer(submitter, inputSubmitter, _services.MessagePool);
            _reducers.Add(reducer);
            input.Start(reducer);
        }
    }

    /// <summary>SIGHUP: outputs close and reopen their files.</summary>
    public void Reopen()
    {
        foreach (var a in _plan.Actions) a.Output.Reopen();
        _plan.LookupTables.ReloadOnHup();
    }

    /// <summary>SIGTERM: stop inputs, drain, flush. Idempotent.</summary>
    public void Stop()
    {
        if (!_started || _stopped) return;
        _stopped = true;
        foreach (var input in _plan.Inputs)
        {
            try { input.Stop(); }
            catch (Exception e) { _log.Error($"error stopping input '{input.Name}': {e.Message}"); }
        }
        foreach (var reducer in _reducers) reducer.Flush(FlowControl.NoDelay);
        _workers?.Stop();
        foreach (var rq in _rulesetQueues) rq.Stop();
        foreach (var a in _plan.Actions)
            if (a.LostAtShutdown > 0)
                _log.Warning($"action '{a.Name}': {a.LostAtShutdown} messages could not be delivered before shutdown and were discarded");
        foreach (var aq in _actionQueues) aq.Stop();
        _log.Detach();
        _stopTimer.Set();
        _timer?.Join();
        foreach (var a in _plan.Actions)
        {
            try { a.Output.Flush(); }
            catch (Exception e) { StderrLog.Instance.Error($"error flushing action '{a.Name}': {e.Message}"); }
            a.CloseErrorFile();
        }
    }

    private void TimerLoop()
    {
        while (!_stopTimer.Wait(1000))
        {
            long now = Environment.TickCount64;
            foreach (var a in _plan.Actions)
            {
                try { a.Output.OnTimer(now); }
                catch (Exception e) { _log.Error($"action '{a.Name}': {e.Message}"); }
            }
            _queue!.UpdateGauges();
            foreach (var aq in _actionQueues) aq.Queue.UpdateGauges();
            foreach (var rq in _rulesetQueues) rq.Queue.UpdateGauges();
        }
    }

    public void Dispose()
    {
        Stop();
        foreach (var input in _plan.Inputs) input.Dispose();
        foreach (var a in _plan.Actions) a.Output.Dispose();
        _stopTimer.Dispose();
    }
}
