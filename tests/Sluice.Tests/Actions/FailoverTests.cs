using Sluice.Engine.Actions;
using Sluice.Engine.Queues;

namespace Sluice.Tests.Actions;

/// <summary>action.execOnlyWhenPreviousIsSuspended: backup actions, as rsyslog runs them.</summary>
public class FailoverTests
{
    [Fact]
    public void The_backup_takes_over_while_the_primary_is_suspended_and_hands_back_when_it_resumes()
    {
        var h = new ActionHarness();
        var primary = new ControllableOutput();
        var backup = new ControllableOutput();
        var p = h.Add("primary", primary, new ActionSettings { ResumeInterval = 10 });
        var b = h.Add("backup", backup, new ActionSettings { ExecOnlyWhenPreviousIsSuspended = true });

        h.RunBatch("a1", "a2");
        Assert.Equal(new[] { "a1", "a2" }, primary.Delivered);
        Assert.Empty(backup.Delivered);
        Assert.Equal(0, h.Counter(b, "processed"));

        // The target fails: this batch was already handed to the (transactional) primary, so it is lost there,
        // and the primary is now suspended (as in rsyslog, a batch's outcome is known only at its commit).
        primary.Down = true;
        h.RunBatch("b1", "b2");
        Assert.Empty(backup.Delivered);
        Assert.Equal(2, h.Counter(p, "failed"));

        // While suspended, every message goes to the backup.
        h.RunBatch("c1", "c2", "c3");
        Assert.Equal(new[] { "c1", "c2", "c3" }, backup.Delivered);

        // The primary's retry time comes and the target is back: the primary takes over again.
        primary.Down = false;
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        h.RunBatch("d1");
        Assert.Equal(new[] { "a1", "a2", "d1" }, primary.Delivered);
        Assert.Equal(new[] { "c1", "c2", "c3" }, backup.Delivered);
        Assert.Equal(3, h.Counter(b, "processed"));
        Assert.Equal(8, h.Counter(p, "processed"));
    }

    [Fact]
    public void A_chain_of_backups_falls_through_only_as_far_as_needed()
    {
        var h = new ActionHarness();
        var first = new ControllableOutput { Down = true };
        var second = new ControllableOutput { Down = true };
        var third = new ControllableOutput();
        h.Add("first", first, new ActionSettings());
        var s2 = h.Add("second", second, new ActionSettings { ExecOnlyWhenPreviousIsSuspended = true });
        var s3 = h.Add("third", third, new ActionSettings { ExecOnlyWhenPreviousIsSuspended = true });

        h.RunBatch("x");        // first fails at commit: suspended; the others were not asked
        h.RunBatch("y");        // first suspended -> second tried, fails at commit: suspended
        h.RunBatch("z");        // both suspended -> third
        Assert.Equal(new[] { "z" }, third.Delivered);
        Assert.Empty(second.Delivered);
        Assert.Equal(1, second.Commits);
        Assert.Equal(2, h.Counter(s2, "processed"));
        Assert.Equal(1, h.Counter(s3, "processed"));
    }

    [Fact]
    public void A_backup_behind_a_queued_action_never_runs_because_only_Direct_reports_suspension()
    {
        var h = new ActionHarness();
        var primary = new ControllableOutput { Down = true };
        var backup = new ControllableOutput();
        var queued = new ActionSettings { Queue = QueueSettings.ActionQueue with { Type = QueueType.LinkedList } };
        var p = h.Add("primary", primary, queued);
        h.Add("backup", backup, new ActionSettings { ExecOnlyWhenPreviousIsSuspended = true });
        // Without a running queue the messages bound for it are released at commit.
        for (int i = 0; i < 3; i++) h.RunBatch($"m{i}");
        Assert.Empty(backup.Delivered);
        Assert.Equal(3, h.Counter(p, "processed"));
    }
}
