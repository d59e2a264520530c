using System.Diagnostics;
using Sluice.Engine.Actions;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Queues;
using Sluice.Engine.Runtime;
using Sluice.Engine.Scripting;
using Sluice.Engine.Stats;
using Sluice.Engine.Submit;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Actions;

/// <summary>Queued actions (queue.type LinkedList/FixedArray in action()) with real worker threads and the real clock.</summary>
public class ActionQueueTests
{
    /// <summary>A main queue with ruleset workers and every action's queue, as the engine wires them.</summary>
    private sealed class Pipeline : IDisposable
    {
        private readonly QueueWorkerPool _main;
        private readonly List<ActionQueue> _actionQueues = new();
        public readonly MessagePool Pool = new();
        public readonly StatsRegistry Stats = new();
        public readonly RecordingLog Log = new();
        public readonly MessageQueue MainQueue;
        public readonly List<Message> Sent = new();

        public Pipeline(QueueSettings main, params (string Name, ControllableOutput Output, ActionSettings Settings)[] actions)
        {
            var plan = new RuntimePlan(new GlobalSettings(), main, new TemplateRegistry());
            var statements = new List<Statement>();
            foreach (var (name, output, settings) in actions)
            {
                var a = new ActionInstance(plan.Actions.Count, name, "omtest", "omtest", output, new RawLineTemplate(),
                    settings with { Queue = settings.Queue.Corrected(name + " queue") }, Stats, Log);
                plan.Actions.Add(a);
                statements.Add(new ActionStatement(a));
                if (!a.IsDirect) _actionQueues.Add(new ActionQueue(a, "host"u8.ToArray(), Stats, Log));
            }
            plan.DefaultRuleset.Statements = statements.ToArray();
            foreach (var q in _actionQueues) q.Start();
            MainQueue = new MessageQueue("main Q", main, Stats, Log);
            _main = new QueueWorkerPool(MainQueue, new RulesetRunner(plan, "host"u8.ToArray()), Log);
            _main.Start();
        }

        public ActionQueue ActionQueue(int i) => _actionQueues[i];

        public void Send(IEnumerable<string> texts)
        {
            var batch = new MessageBatch(64);
            foreach (var t in texts)
            {
                var m = Pool.Rent();
                m.SetRaw(System.Text.Encoding.UTF8.GetBytes(t));
                m.Input = new InputInfo("test", null);
                lock (Sent) Sent.Add(m);
                batch.Add(m);
                if (batch.IsFull) MainQueue.EnqueueBatch(batch, FlowControl.LightDelay);
            }
            MainQueue.EnqueueBatch(batch, FlowControl.LightDelay);
        }

        public long StopMain() => _main.Stop();

        public long StopActionQueues()
        {
            long lost = 0;
            foreach (var q in _actionQueues) lost += q.Stop();
            return lost;
        }

        public void Dispose()
        {
            StopMain();
            StopActionQueues();
        }
    }

    private static void WaitFor(Func<bool> condition, string what, int seconds = 60)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(seconds)) throw new TimeoutException(what);
            Thread.Sleep(10);
        }
    }

    private static ActionSettings Queued(int size = 1000, int retry = 0, int interval = 30) => new()
    {
        ResumeRetryCount = retry,
        ResumeInterval = interval,
        Queue = QueueSettings.ActionQueue with { Type = QueueType.LinkedList, Size = size },
    };

    [Fact]
    public void A_queued_action_runs_on_its_own_worker_in_order_and_every_reference_is_released()
    {
        var direct = new ControllableOutput();
        var queued1 = new ControllableOutput();
        var queued2 = new ControllableOutput();
        var texts = Enumerable.Range(0, 5000).Select(i => $"m{i}").ToArray();
        using (var p = new Pipeline(QueueSettings.RulesetQueue with { WorkerThreads = 2, WorkerThreadMinimumMessages = 100, DequeueBatchSize = 32 },
                   ("direct", direct, new ActionSettings()), ("q1", queued1, Queued()), ("q2", queued2, Queued())))
        {
            p.Send(texts);
            WaitFor(() => queued1.Delivered.Count == texts.Length && queued2.Delivered.Count == texts.Length && direct.Delivered.Count == texts.Length,
                "not everything was delivered");
            Assert.Equal(texts, queued1.Delivered);
            Assert.Equal(texts, queued2.Delivered);
            Assert.Equal(texts, direct.Delivered);
            Assert.All(queued1.DeliveryThreads, t => Assert.Equal("q1 queue/w0", t));
            Assert.All(direct.DeliveryThreads, t => Assert.StartsWith("main Q/w", t));
            Assert.Equal(texts.Length, p.Stats.Find("q1")!.Find("processed")!.Value);
            Assert.Equal(texts.Length, p.Stats.Find("q1 queue")!.Find("enqueued")!.Value);

            Assert.Equal(0, p.StopMain());
            Assert.Equal(0, p.StopActionQueues());
            // Three holders (main queue, two action queues): each released its reference.
            Assert.All(p.Sent, m => Assert.Equal(0, m.RefCount));
        }
    }

    [Fact]
    public void Retry_forever_on_a_queued_action_holds_its_messages_until_the_target_is_back()
    {
        var output = new ControllableOutput { Down = true };
        var texts = Enumerable.Range(0, 200).Select(i => $"m{i}").ToArray();
        using var p = new Pipeline(QueueSettings.RulesetQueue, ("fwd", output, Queued(retry: -1, interval: 1)));
        p.Send(texts);
        WaitFor(() => output.TryResumes >= 2, "the action did not retry");
        Assert.Empty(output.Delivered);
        output.Down = false;
        WaitFor(() => output.Delivered.Count == texts.Length, "not delivered after the target came back");
        Assert.Equal(texts, output.Delivered);
        Assert.Equal(0, p.Stats.Find("fwd")!.Find("failed")!.Value);
    }

    [Fact]
    public void A_full_action_queue_holds_back_its_producer_instead_of_dropping()
    {
        var output = new ControllableOutput { Down = true };
        var settings = Queued(size: 10, retry: -1, interval: 1) with { };
        settings = settings with { Queue = settings.Queue with { TimeoutEnqueue = 60_000, DequeueBatchSize = 4 } };
        var texts = Enumerable.Range(0, 100).Select(i => $"m{i}").ToArray();
        using var p = new Pipeline(QueueSettings.RulesetQueue with { DequeueBatchSize = 8 }, ("fwd", output, settings));
        p.Send(texts);
        // The action's worker is stuck retrying; its queue fills and the main queue's worker waits on it.
        WaitFor(() => p.Stats.Find("fwd queue")!.Find("full")!.Value > 0, "the action queue never filled");
        Thread.Sleep(300);
        Assert.True(p.MainQueue.Count > 0, "the main queue should be held back");
        Assert.Equal(0, p.Stats.Find("fwd queue")!.Find("discarded.full")!.Value);
        output.Down = false;
        WaitFor(() => output.Delivered.Count == texts.Length, "not delivered after the target came back");
        Assert.Equal(texts, output.Delivered);
    }

    [Fact]
    public void Shutdown_while_retrying_returns_within_the_timeouts_and_reports_the_discarded_messages()
    {
        var output = new ControllableOutput { Down = true };
        var settings = Queued(retry: -1, interval: 30);
        var p = new Pipeline(QueueSettings.RulesetQueue, ("fwd", output, settings));
        p.Send(Enumerable.Range(0, 50).Select(i => $"m{i}"));
        WaitFor(() => output.TryResumes >= 1, "the action did not start retrying");
        Assert.Equal(0, p.StopMain());
        var sw = Stopwatch.StartNew();
        long lost = p.StopActionQueues();
        sw.Stop();
        // timeoutShutdown 10 ms + timeoutActionCompletion 1 s, far below the 30 s retry sleep.
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(15), $"stop took {sw.Elapsed}");
        Assert.Equal(50, lost);
        Assert.True(p.Log.Contains("fwd queue: 50 messages could not be delivered before shutdown and were discarded"));
        Assert.Empty(output.Delivered);
        Assert.All(p.Sent, m => Assert.Equal(0, m.RefCount));
    }

    [Fact]
    public void Shutdown_of_the_main_queue_interrupts_a_direct_action_retrying_forever()
    {
        var output = new ControllableOutput { Down = true };
        var p = new Pipeline(QueueSettings.RulesetQueue with { TimeoutShutdown = 200, TimeoutActionCompletion = 500 },
            ("fwd", output, new ActionSettings { ResumeRetryCount = -1, ResumeInterval = 30 }));
        p.Send(new[] { "m1", "m2", "m3" });
        WaitFor(() => output.TryResumes >= 1, "the action did not start retrying");
        var sw = Stopwatch.StartNew();
        p.StopMain();
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(15), $"stop took {sw.Elapsed}");
        Assert.Equal(3, p.Stats.Find("fwd")!.Find("failed")!.Value);
        Assert.Empty(output.Delivered);
    }

    [Fact]
    public void A_healthy_queue_is_drained_at_shutdown_even_past_timeoutShutdown()
    {
        var output = new ControllableOutput();
        output.OnCommit = _ => Thread.Sleep(2); // slow, but working
        var settings = Queued(size: 5000) with { };
        settings = settings with { Queue = settings.Queue with { DequeueBatchSize = 8 } };
        var texts = Enumerable.Range(0, 2000).Select(i => $"m{i}").ToArray();
        var p = new Pipeline(QueueSettings.RulesetQueue, ("slow", output, settings));
        p.Send(texts);
        p.StopMain();
        Assert.Equal(0, p.StopActionQueues()); // 10 ms timeoutShutdown, but the output keeps making progress
        Assert.Equal(texts, output.Delivered);
    }
}
