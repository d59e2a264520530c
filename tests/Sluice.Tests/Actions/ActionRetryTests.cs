using Sluice.Engine.Actions;

namespace Sluice.Tests.Actions;

/// <summary>rsyslog's retry and suspension semantics, driven with a fake clock (sleeps return at once).</summary>
public class ActionRetryTests
{
    [Fact]
    public void Retries_resumeRetryCount_times_sleeping_resumeInterval_then_suspends()
    {
        var h = new ActionHarness();
        var output = new ControllableOutput { Down = true };
        var a = h.Add("fwd", output, new ActionSettings { ResumeRetryCount = 3, ResumeInterval = 2 });

        h.RunBatch("m1");

        Assert.Equal(new[] { 2000, 2000, 2000 }, h.Clock.Sleeps);
        Assert.Equal(4, output.TryResumes); // the first attempt and three retries
        Assert.Equal(1, output.Commits);    // not called again while it cannot resume
        Assert.Empty(output.Delivered);
        Assert.Equal(1, h.Counter(a, "suspended"));
        Assert.Equal(2, h.Counter(a, "suspended.duration"));
        Assert.Equal(1, h.Counter(a, "failed"));
        Assert.True(h.Log.Contains("action 'fwd' suspended (module 'omtest'), retry 0. There should be messages before this one giving the reason for suspension."));
    }

    [Fact]
    public void A_target_that_comes_back_during_the_retries_gets_the_message()
    {
        var h = new ActionHarness();
        var output = new ControllableOutput { Down = true };
        var a = h.Add("fwd", output, new ActionSettings { ResumeRetryCount = 5, ResumeInterval = 1 });
        h.Clock.OnSleep = n => { if (n == 2) output.Down = false; };

        h.RunBatch("m1", "m2");

        Assert.Equal(new[] { "m1", "m2" }, output.Delivered);
        Assert.Equal(2, h.Clock.Sleeps.Count);
        Assert.Equal(0, h.Counter(a, "failed"));
        Assert.Equal(0, h.Counter(a, "suspended"));
        Assert.Equal(1, h.Counter(a, "resumed"));
        Assert.Equal(2, h.Counter(a, "processed"));
        Assert.True(h.Log.Contains("action 'fwd' resumed (module 'omtest')"));
    }

    [Fact]
    public void Default_retry_count_zero_suspends_at_once_and_discards_while_suspended()
    {
        var h = new ActionHarness();
        var output = new ControllableOutput { Down = true };
        var a = h.Add("fwd", output, new ActionSettings { ResumeInterval = 30 });

        h.RunBatch("m1", "m2", "m3");
        Assert.Empty(h.Clock.Sleeps);
        Assert.Equal(3, h.Counter(a, "failed"));
        int commits = output.Commits, resumes = output.TryResumes;

        // Suspended: the output is not called at all and the messages are discarded (counted in failed).
        h.RunBatch("m4", "m5");
        Assert.Equal(commits, output.Commits);
        Assert.Equal(resumes, output.TryResumes);
        Assert.True(h.PreviousActionSuspended);
        Assert.Equal(5, h.Counter(a, "failed"));

        // Before the retry time nothing changes, even though the target is back.
        output.Down = false;
        h.Clock.Advance(TimeSpan.FromSeconds(29));
        h.RunBatch("m6");
        Assert.Empty(output.Delivered);

        // At the retry time the action resumes.
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        h.RunBatch("m7");
        Assert.Equal(new[] { "m7" }, output.Delivered);
        Assert.Equal(6, h.Counter(a, "failed"));
        Assert.Equal(7, h.Counter(a, "processed"));
        Assert.Equal(1, h.Counter(a, "resumed"));
        Assert.Equal(1, h.Counter(a, "suspended"));
        Assert.Equal(30, h.Counter(a, "suspended.duration"));
    }

    [Fact]
    public void Retry_forever_blocks_until_the_target_is_back_and_loses_nothing()
    {
        var h = new ActionHarness();
        var output = new ControllableOutput { Down = true };
        var a = h.Add("fwd", output, new ActionSettings { ResumeRetryCount = -1, ResumeInterval = 10 });
        h.Clock.OnSleep = n => { if (n == 50) output.Down = false; };

        var texts = Enumerable.Range(0, 20).Select(i => $"m{i}").ToArray();
        h.RunBatch(texts);

        Assert.Equal(texts, output.Delivered);
        Assert.Equal(50, h.Clock.Sleeps.Count);
        Assert.All(h.Clock.Sleeps, s => Assert.Equal(10_000, s));
        Assert.Equal(0, h.Counter(a, "failed"));
        Assert.Equal(0, h.Counter(a, "suspended"));
    }

    [Fact]
    public void An_output_whose_resume_always_says_ok_is_treated_as_failing_every_tenth_time()
    {
        // rsyslog's guard against a tryResume that wrongly reports success (rsyslog's omfile behaves this way).
        var h = new ActionHarness();
        var output = new ControllableOutput { Down = true, ResumeAlwaysOk = true };
        var a = h.Add("file", output, new ActionSettings { ResumeInterval = 5 });

        h.RunBatch("m1");

        Assert.Empty(h.Clock.Sleeps);
        Assert.Equal(1, h.Counter(a, "suspended"));
        Assert.Equal(9, h.Counter(a, "resumed"));
        Assert.Equal(10, output.Commits);
        Assert.Equal(1, h.Counter(a, "failed"));
    }

    [Fact]
    public void A_failing_batch_is_retried_message_by_message_to_separate_permanent_errors()
    {
        var h = new ActionHarness();
        var output = new ControllableOutput { RejectMarker = "bad" };
        var a = h.Add("db", output, new ActionSettings());

        h.RunBatch("ok1", "bad1", "ok2", "bad2", "ok3");

        Assert.Equal(new[] { "ok1", "ok2", "ok3" }, output.Delivered);
        Assert.Equal(new[] { 5, 1, 1, 1, 1, 1 }, output.CommitSizes);
        Assert.Equal(2, h.Counter(a, "failed"));
        Assert.Equal(0, h.Counter(a, "suspended"));
        Assert.True(h.Log.Contains("action 'db' (module 'omtest') message lost, could not be processed. Check for additional error messages before this one."));

        // DATAFAIL is about the message, not the action: the next batch goes through whole.
        h.RunBatch("ok4", "ok5");
        Assert.Equal(new[] { "ok1", "ok2", "ok3", "ok4", "ok5" }, output.Delivered);
    }

    [Fact]
    public void A_suspended_target_inside_a_batch_keeps_its_messages_for_the_regular_retry()
    {
        var h = new ActionHarness();
        var output = new ControllableOutput();
        var a = h.Add("fwd", output, new ActionSettings { ResumeRetryCount = 2, ResumeInterval = 1 });
        output.FailNextCommits(3); // the batch, then the first two single tries

        h.RunBatch("m1", "m2", "m3", "m4");

        Assert.Equal(new[] { "m1", "m2", "m3", "m4" }, output.Delivered.OrderBy(x => x));
        Assert.Equal(0, h.Counter(a, "failed"));
    }

    [Fact]
    public void An_output_reporting_disabled_turns_the_action_off_for_good()
    {
        var h = new ActionHarness();
        var output = new ControllableOutput { DisableOnCommit = true };
        var a = h.Add("x", output, new ActionSettings());

        h.RunBatch("m1");
        Assert.True(a.IsDisabled);
        int commits = output.Commits;
        h.RunBatch("m2");
        Assert.Equal(commits, output.Commits);
        Assert.True(h.Log.Contains("action 'x' (module 'omtest') disabled"));
    }

    [Fact]
    public void Counters_are_registered_in_rsyslogs_order()
    {
        var h = new ActionHarness();
        var a = h.Add("fwd", new ControllableOutput(), new ActionSettings());
        var so = h.Stats.Find(a.Name)!;
        Assert.Equal("core.action", so.Origin);
        Assert.Equal(new[] { "processed", "failed", "suspended", "suspended.duration", "resumed" }, so.Counters.Select(c => c.Name));
    }
}
